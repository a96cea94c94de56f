import { useCallback, useEffect, useState } from 'preact/hooks';
import { describeError } from './errors.ts';

export type Loaded<T> = {
  data: T | undefined;
  /** Why loading failed, in words for the reader. */
  error: string;
  isLoading: boolean;
  /** Loads again (after a change), keeping the current data on screen meanwhile. */
  reload: () => void;
};

/**
 * Data a screen reads from the Admin API when it opens, with a way to read it again. A load
 * superseded by a newer one is aborted, so an old answer never overwrites a new one.
 *
 * @example
 * const tokens = useLoaded((signal) => api<{ tokens: Token[] }>('GET', '/tokens', undefined, { signal }), []);
 */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const [isLoading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal)
      .then((value) => {
        setData(value);
        setError('');
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(describeError(reason));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, error, isLoading, reload };
}
