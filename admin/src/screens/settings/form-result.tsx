import { Notice } from '../../components/notice.tsx';
import type { FormOutcome } from './form-action.ts';

/**
 * Where a form's outcome is announced: a status (polite) or an alert, right by the form's button.
 *
 * @example
 * <FormResult outcome={form.outcome} />
 */
export function FormResult(props: { outcome: FormOutcome }) {
  const { outcome } = props;
  return outcome ? <Notice kind={outcome.kind}>{outcome.text}</Notice> : null;
}
