import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { Field } from '../../components/field.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { t } from '../../i18n.ts';
import { useFormAction } from '../settings/form-action.ts';
import { FormResult } from '../settings/form-result.tsx';
import type { CreatedToken, TokenScope } from './token-types.ts';

/** Creates a token with a name and a scope; the caller shows its secret, once. */
export function TokenForm(props: { onCreated: (token: CreatedToken) => void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('admin');
  const form = useFormAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    await form.run(async () => {
      const { tokens } = await api<{ tokens: CreatedToken[] }>('POST', '/tokens', {
        tokens: [{ name, scope }],
      });
      const [created] = tokens;
      if (created) props.onCreated(created);
      setName('');
      return undefined;
    });
  };

  return (
    <form class="token-form" onSubmit={submit} noValidate aria-labelledby="token-form-heading">
      <h2 id="token-form-heading">{t('tokens.newHeading')}</h2>
      <div class="toolbar">
        <Field
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          name="name"
          required
          maxLength={100}
          value={name}
          error={form.errors.name}
          onInput={(event) => setName((event.target as HTMLInputElement).value)}
        />
        <SelectField
          label={t('tokens.scope')}
          name="scope"
          value={scope}
          error={form.errors.scope}
          options={[
            { value: 'admin', label: t('tokens.scopeAdmin') },
            { value: 'read', label: t('tokens.scopeRead') },
          ]}
          onChange={(value) => setScope(value as TokenScope)}
        />
        <button type="submit" class="button button-primary" disabled={form.isBusy}>
          {form.isBusy ? t('tokens.creating') : t('tokens.create')}
        </button>
      </div>
      <FormResult outcome={form.outcome} />
    </form>
  );
}
