import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n.ts';
import { CopyField } from '../account/copy-field.tsx';
import type { CreatedToken } from './token-types.ts';

/**
 * A new token's secret, shown this once, with a copy button and the warning that it cannot be shown
 * again. Focus moves to its heading so that nobody misses it.
 */
export function TokenSecret(props: { token: CreatedToken; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section class="token-secret" aria-labelledby="token-secret-heading">
      <h2 id="token-secret-heading" tabIndex={-1} ref={headingRef}>
        {t('tokens.secretHeading', { name: props.token.name })}
      </h2>
      <p class="token-warning">{t('tokens.secretWarning')}</p>
      <CopyField label={t('tokens.secret')} value={props.token.secret} hint={t('tokens.secretUse')} />
      <button type="button" class="button button-primary" onClick={props.onDone}>
        {t('tokens.done')}
      </button>
    </section>
  );
}
