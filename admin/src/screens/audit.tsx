import { useEffect, useState } from 'preact/hooks';
import { LoadedView } from '../components/loaded-view.tsx';
import { Pagination } from '../components/pagination.tsx';
import { SearchBox } from '../components/search-box.tsx';
import { SelectField } from '../components/select-field.tsx';
import { useApiGet } from '../components/use-api-get.ts';
import { t } from '../i18n.ts';
import { navigate } from '../router.tsx';
import type { RouteProps } from '../routes.tsx';
import { AuditTable } from './audit/audit-table.tsx';
import { AUDIT_ACTIONS, type AuditPage } from './audit/audit-types.ts';
import { actionLabel } from './audit/audit-words.ts';
import './audit/audit.css';

const PER_PAGE = 25;

type AuditFilters = { action: string; actor: string; page: number };

function filtersFrom(query: URLSearchParams): AuditFilters {
  const action = query.get('action') ?? '';
  const page = Number(query.get('page'));
  return {
    action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? action : '',
    actor: (query.get('actor') ?? '').trim(),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

function paramsOf(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.actor) params.set('actor', filters.actor);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/**
 * The audit log for administrators: who created, published, scheduled, unpublished or deleted
 * articles, changed settings or staff, and when; filtered by action and by who (email or id).
 */
export function AuditScreen(props: RouteProps) {
  const filters = filtersFrom(props.query);
  const apiParams = paramsOf(filters);
  apiParams.set('limit', String(PER_PAGE));
  const { state } = useApiGet<AuditPage>(`/audit?${apiParams.toString()}`);
  const [actor, setActor] = useState(filters.actor);
  useEffect(() => setActor(filters.actor), [filters.actor]);

  const show = (next: AuditFilters) => {
    const search = paramsOf(next).toString();
    navigate(search ? `/audit?${search}` : '/audit', { replace: true });
  };

  return (
    <>
      <h1>{t('common.navAudit')}</h1>
      <form
        class="toolbar audit-filters"
        aria-label={t('audit.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          show({ ...filters, actor: actor.trim(), page: 1 });
        }}
      >
        <SelectField
          label={t('audit.action')}
          value={filters.action}
          options={[
            { value: '', label: t('common.all') },
            ...AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) })),
          ]}
          onChange={(action) => show({ ...filters, action, page: 1 })}
        />
        <SearchBox
          label={t('audit.actorFilter')}
          buttonLabel={t('common.filter')}
          value={actor}
          maxLength={320}
          onInput={setActor}
        />
      </form>
      <LoadedView
        state={state}
        isEmpty={(data) => data.audit_log.length === 0}
        empty={<p>{filters.action || filters.actor ? t('audit.noMatch') : t('audit.empty')}</p>}
      >
        {(data) => (
          <>
            <AuditTable entries={data.audit_log} />
            <Pagination
              label={t('audit.pagination')}
              pagination={data.meta.pagination}
              onPage={(page) => show({ ...filters, page })}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}
