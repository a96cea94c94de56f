import { t } from '../i18n.ts';

/**
 * The buttons of a "new or edit" form: submit ("Saving…" while busy, "Save" when editing,
 * `createLabel` otherwise) and, when editing, Cancel.
 *
 * @example
 * <SaveCancelBar isBusy={form.isBusy} isEditing={!!editing} createLabel={t('common.create')} onCancel={stop} />
 */
export function SaveCancelBar(props: {
  isBusy: boolean;
  isEditing: boolean;
  createLabel: string;
  onCancel: () => void;
}) {
  return (
    <div class="toolbar">
      <button type="submit" class="button button-primary" disabled={props.isBusy}>
        {props.isBusy ? t('common.saving') : props.isEditing ? t('common.save') : props.createLabel}
      </button>
      {props.isEditing ? (
        <button type="button" class="button button-quiet" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      ) : null}
    </div>
  );
}
