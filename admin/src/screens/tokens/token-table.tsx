import { formatDateTime, t } from '../../i18n.ts';
import type { ApiToken } from './token-types.ts';

/** The live tokens: name, scope, when created and last used, and a revoke button each. */
export function TokenTable(props: {
  tokens: ApiToken[];
  isBusy: boolean;
  onRevoke: (token: ApiToken) => void;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('tokens.listHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('tokens.scope')}</th>
            <th scope="col">{t('tokens.created')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <span class="badge">
                  {token.scope === 'admin' ? t('tokens.scopeAdmin') : t('tokens.scopeRead')}
                </span>
              </td>
              <td>{formatDateTime(token.created_at)}</td>
              <td>{token.last_used_at ? formatDateTime(token.last_used_at) : t('tokens.neverUsed')}</td>
              <td>
                <button
                  type="button"
                  class="button button-danger"
                  disabled={props.isBusy}
                  onClick={() => props.onRevoke(token)}
                >
                  {t('tokens.revoke')}
                  <span class="visually-hidden"> {token.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
