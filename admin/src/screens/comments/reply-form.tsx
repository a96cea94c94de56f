import { useState } from 'preact/hooks';
import { ApiError } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { Field } from '../../components/field.tsx';
import { t } from '../../i18n.ts';

/**
 * The newsroom's reply to a comment: published at once and marked as staff by the API.
 *
 * @example
 * <ReplyForm name="Ann" onReply={(body) => post(body)} onCancel={close} />
 */
export function ReplyForm(props: {
  name: string;
  onReply: (body: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (body.trim() === '') {
      setError(t('comments.replyEmpty'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await props.onReply(body);
    } catch (caught) {
      setError(
        caught instanceof ApiError ? (caught.fields.body ?? describeError(caught)) : describeError(caught),
      );
      setBusy(false);
    }
  };

  return (
    <form class="moderation-panel" onSubmit={submit} noValidate>
      <Field
        label={t('comments.replyLabel', { name: props.name })}
        hint={t('comments.replyHint')}
        multiline
        name="body"
        required
        value={body}
        error={error || undefined}
        onInput={(event) => setBody((event.target as HTMLTextAreaElement).value)}
      />
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={isBusy}>
          {t('comments.replySubmit')}
        </button>
        <button type="button" class="button button-quiet" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
