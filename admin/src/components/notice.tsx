import type { ComponentChildren } from 'preact';

/**
 * A message the screen reader announces: `status` politely, `alert` at once.
 *
 * @example
 * <Notice kind="alert">{t('common.fixErrors')}</Notice>
 */
export function Notice(props: { kind?: 'status' | 'alert'; children: ComponentChildren }) {
  const kind = props.kind ?? 'status';
  return (
    <div class={`notice notice-${kind}`} role={kind}>
      {props.children}
    </div>
  );
}
