import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Notice } from '../components/notice.tsx';
import { useLoaded } from '../components/use-loaded.ts';
import { t } from '../i18n.ts';
import type { RouteProps } from '../routes.tsx';
import { useFormAction } from './settings/form-action.ts';
import { FormResult } from './settings/form-result.tsx';
import { TokenForm } from './tokens/token-form.tsx';
import { TokenSecret } from './tokens/token-secret.tsx';
import { TokenTable } from './tokens/token-table.tsx';
import type { ApiToken, CreatedToken } from './tokens/token-types.ts';
import './tokens/tokens.css';

/** Admin API tokens (administrators): the live ones, a new one (its secret shown once), revocation. */
export function TokensScreen(_props: RouteProps) {
  const tokens = useLoaded(
    (signal) => api<{ tokens: ApiToken[] }>('GET', '/tokens', undefined, { signal }),
    [],
  );
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const action = useFormAction();

  const revoke = (token: ApiToken) => {
    if (!confirm(t('tokens.confirmRevoke', { name: token.name }))) return;
    void action.run(async () => {
      await api('DELETE', `/tokens/${token.id}`);
      if (created?.id === token.id) setCreated(null);
      tokens.reload();
      return t('tokens.revoked', { name: token.name });
    });
  };

  return (
    <>
      <h1>{t('tokens.title')}</h1>
      <p class="hint">{t('tokens.intro')}</p>
      {created ? (
        <TokenSecret token={created} onDone={() => setCreated(null)} />
      ) : (
        <TokenForm
          onCreated={(token) => {
            setCreated(token);
            tokens.reload();
          }}
        />
      )}
      <section aria-labelledby="token-list-heading">
        <h2 id="token-list-heading">{t('tokens.listHeading')}</h2>
        <FormResult outcome={action.outcome} />
        {tokens.error ? <Notice kind="alert">{tokens.error}</Notice> : null}
        {!tokens.data && tokens.isLoading ? <p class="loading">{t('common.loading')}</p> : null}
        {tokens.data && tokens.data.tokens.length === 0 ? <p>{t('tokens.none')}</p> : null}
        {tokens.data && tokens.data.tokens.length > 0 ? (
          <TokenTable tokens={tokens.data.tokens} isBusy={action.isBusy} onRevoke={revoke} />
        ) : null}
      </section>
    </>
  );
}
