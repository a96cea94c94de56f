import { Field } from '../../components/field.tsx';
import { t } from '../../i18n.ts';

export type PasswordPair = { password: string; repeat: string };

/** The error for the repeat field when the two differ (checked before anything is sent). */
export const repeatError = (pair: PasswordPair): string | undefined =>
  pair.repeat !== pair.password ? t('account.passwordsDiffer') : undefined;

/**
 * A new password typed twice, with the rules in a hint; the API's own verdict on the password shows
 * under the first field.
 */
export function PasswordPairFields(props: {
  pair: PasswordPair;
  onChange: (pair: PasswordPair) => void;
  errors: { password?: string | undefined; repeat?: string | undefined };
}) {
  const { pair, onChange } = props;
  return (
    <>
      <Field
        label={t('account.newPassword')}
        hint={t('account.passwordHint')}
        type="password"
        name="password"
        autoComplete="new-password"
        required
        value={pair.password}
        error={props.errors.password}
        onInput={(event) => onChange({ ...pair, password: (event.target as HTMLInputElement).value })}
      />
      <Field
        label={t('account.repeatPassword')}
        type="password"
        name="repeat"
        autoComplete="new-password"
        required
        value={pair.repeat}
        error={props.errors.repeat}
        onInput={(event) => onChange({ ...pair, repeat: (event.target as HTMLInputElement).value })}
      />
    </>
  );
}
