import type { ComponentChildren } from 'preact';
import { t } from '../i18n.ts';
import { describeError } from './errors.ts';
import { Notice } from './notice.tsx';
import type { Loaded } from './use-api-get.ts';

/**
 * A GET's answer on screen: "Loading…" while it runs, its error as an alert, `empty` when
 * `isEmpty` says the answer holds nothing, the rendered answer otherwise.
 *
 * @example
 * <LoadedView state={state} isEmpty={(data) => data.media.length === 0} empty={<p>{t('media.empty')}</p>}>
 *   {(data) => <MediaGrid items={data.media} />}
 * </LoadedView>
 */
export function LoadedView<T>(props: {
  state: Loaded<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const { state } = props;
  if (state.status === 'loading') return <p class="loading">{t('common.loading')}</p>;
  if (state.status === 'error') return <Notice kind="alert">{describeError(state.error)}</Notice>;
  if (props.isEmpty?.(state.data)) return <>{props.empty}</>;
  return <>{props.children(state.data)}</>;
}
