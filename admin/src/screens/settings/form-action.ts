import { useState } from 'preact/hooks';
import { ApiError } from '../../api.ts';
import { describeError } from '../../components/errors.ts';
import { t } from '../../i18n.ts';

/** What a form says after it was sent: announced politely when it went well, at once when not. */
export type FormOutcome = { kind: 'status' | 'alert'; text: string } | null;

/**
 * The API's field errors by the form's field names: `settings.title` → `title` (with
 * `prefix: 'settings.'`), `moderator_emails[2]` → `moderator_emails`.
 *
 * @example
 * fieldErrors(error, 'settings.') // { title: '"settings.title" must not be empty.' }
 */
export function fieldErrors(error: ApiError, prefix = ''): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fields)) {
    const name = (field.startsWith(prefix) ? field.slice(prefix.length) : field).replace(/[[.].*$/, '');
    byField[name] ??= message;
  }
  return byField;
}

/**
 * One form's round trip to the Admin API: busy while the call runs, then the outcome to show in
 * its own status region and the field errors to show under the fields.
 *
 * @example
 * const form = useFormAction({ fieldPrefix: 'settings.' });
 * const submit = () => form.run(async () => { await api('PATCH', '/settings', body); return t('common.saved'); });
 */
export function useFormAction(options: { fieldPrefix?: string; describe?: (error: unknown) => string } = {}) {
  const [isBusy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<FormOutcome>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  /** Runs `work`; its answer (a sentence) becomes the status. Resolves true when it succeeded. */
  async function run(work: () => Promise<string | undefined>): Promise<boolean> {
    setBusy(true);
    setOutcome(null);
    setErrors({});
    try {
      const text = await work();
      if (text) setOutcome({ kind: 'status', text });
      return true;
    } catch (error) {
      const fields = error instanceof ApiError ? fieldErrors(error, options.fieldPrefix) : {};
      setErrors(fields);
      const isFieldProblem =
        error instanceof ApiError && error.status === 422 && Object.keys(fields).length > 0;
      const describe = options.describe ?? describeError;
      setOutcome({ kind: 'alert', text: isFieldProblem ? t('common.fixErrors') : describe(error) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const clear = () => {
    setOutcome(null);
    setErrors({});
  };

  return { isBusy, outcome, errors, run, clear, setOutcome };
}
