import { useState } from 'preact/hooks';
import { describeError } from '../../components/errors.ts';
import { Field } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { t } from '../../i18n.ts';
import type { ModeratedComment } from './comment-types.ts';

export type BanKind = 'email' | 'ip';

/** Whether the API can ban this comment's author: by email, by the hash of their IP address. */
export const banKindsOf = (comment: ModeratedComment): BanKind[] => [
  ...(comment.author_email ? (['email'] as const) : []),
  ...(comment.ip_hash ? (['ip'] as const) : []),
];

/**
 * Bans the author of a comment from commenting again: their email address, their IP address (the
 * API keeps only its salted hash), or both, with a reason kept for the newsroom.
 *
 * @example
 * <BanForm comment={comment} onBan={(by, reason) => ban(comment, by, reason)} onCancel={close} />
 */
export function BanForm(props: {
  comment: ModeratedComment;
  onBan: (by: BanKind[], reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { comment } = props;
  const available = banKindsOf(comment);
  const [chosen, setChosen] = useState<BanKind[]>(available.slice(0, 1));
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [isBusy, setBusy] = useState(false);

  const toggle = (kind: BanKind, isOn: boolean) =>
    setChosen((was) => (isOn ? [...was.filter((k) => k !== kind), kind] : was.filter((k) => k !== kind)));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (chosen.length === 0) {
      setError(t('comments.banChooseOne'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await props.onBan(chosen, reason.trim());
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <form class="moderation-panel" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('comments.banLegend', { name: comment.author_name })}</legend>
        {available.map((kind) => (
          <label class="check-label" key={kind}>
            <input
              type="checkbox"
              checked={chosen.includes(kind)}
              onChange={(event) => toggle(kind, (event.target as HTMLInputElement).checked)}
            />
            {kind === 'email'
              ? t('comments.banByEmail', { email: comment.author_email ?? '' })
              : t('comments.banByIp')}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('comments.banReason')}
        name="reason"
        maxLength={500}
        value={reason}
        onInput={(event) => setReason((event.target as HTMLInputElement).value)}
      />
      {error ? <Notice kind="alert">{error}</Notice> : null}
      <div class="toolbar">
        <button type="submit" class="button button-danger" disabled={isBusy}>
          {t('comments.banSubmit')}
        </button>
        <button type="button" class="button button-quiet" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
