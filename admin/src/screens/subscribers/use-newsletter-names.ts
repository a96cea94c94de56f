import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.ts';
import type { NewsletterName } from './subscriber-types.ts';

/**
 * Every newsletter's id, slug and name (the API's largest page holds them all), for filters and
 * labels; empty until they arrive.
 *
 * @example
 * const newsletters = useNewsletterNames();
 */
export function useNewsletterNames(): NewsletterName[] {
  const [newsletters, setNewsletters] = useState<NewsletterName[]>([]);
  useEffect(() => {
    api<{ newsletters: NewsletterName[] }>('GET', '/newsletters?limit=100')
      .then((answer) => setNewsletters(answer.newsletters))
      .catch(() => setNewsletters([]));
  }, []);
  return newsletters;
}
