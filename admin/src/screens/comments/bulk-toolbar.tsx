import { useId } from 'preact/hooks';
import { t } from '../../i18n.ts';
import { type BulkAction, bulkActionsFor, type Queue } from './comment-types.ts';

/**
 * "Select all" and the actions on every selected comment at once.
 *
 * @example
 * <BulkToolbar queue="pending" selected={2} total={20} onSelectAll={selectAll} onAction={bulk} />
 */
export function BulkToolbar(props: {
  queue: Queue;
  selected: number;
  total: number;
  isBusy: boolean;
  onSelectAll: (isSelected: boolean) => void;
  onAction: (action: BulkAction) => void;
}) {
  const countId = useId();
  const isAll = props.total > 0 && props.selected === props.total;
  return (
    <div class="toolbar bulk-toolbar">
      <label class="check-label">
        <input
          type="checkbox"
          checked={isAll}
          indeterminate={props.selected > 0 && !isAll}
          disabled={props.total === 0}
          onChange={(event) => props.onSelectAll((event.target as HTMLInputElement).checked)}
        />
        {t('comments.selectAll')}
      </label>
      <span id={countId}>{t('comments.selectedCount', { count: props.selected })}</span>
      {bulkActionsFor(props.queue).map((action) => (
        <button
          type="button"
          key={action}
          class={`button ${action === 'delete' || action === 'spam' ? 'button-danger' : 'button-quiet'}`}
          disabled={props.selected === 0 || props.isBusy}
          aria-describedby={countId}
          onClick={() => props.onAction(action)}
        >
          {t(`comments.bulk_${action}`)}
        </button>
      ))}
    </div>
  );
}
