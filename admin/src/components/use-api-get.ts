import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';

/** Where a GET stands: still loading, failed (the error, for `describeError`), or answered. */
export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: T };

type Held<T> = { path: string | null; result: Loaded<T> };

/**
 * GETs `path` from the Admin API, again whenever `path` changes (the previous call is aborted, and
 * the screen shows "loading" rather than the last path's answer) or `reload()` is called (the last
 * answer stays on screen until the new one arrives). `null` asks nothing.
 *
 * @example
 * const { state, reload } = useApiGet<{ media: Media[] }>(`/media?q=${encodeURIComponent(q)}`);
 * if (state.status === 'ready') render(state.data.media);
 */
export function useApiGet<T>(path: string | null): { state: Loaded<T>; reload: () => void } {
  const [held, setHeld] = useState<Held<T>>({ path, result: { status: 'loading' } });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api<T>('GET', path, undefined, { signal: controller.signal })
      .then((data) => setHeld({ path, result: { status: 'ready', data } }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setHeld({ path, result: { status: 'error', error } });
      });
    return () => controller.abort();
    // `round` is the reload counter: a new round asks the same path again.
  }, [path, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const state: Loaded<T> = held.path === path ? held.result : { status: 'loading' };
  return { state, reload };
}
