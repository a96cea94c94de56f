import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Notice } from '../components/notice.tsx';
import { language, t } from '../i18n.ts';

/** Someone else with the article open (the API lists those seen in the last 30 seconds). */
export type CoEditor = { id: string; name: string; since: string };

const HEARTBEAT_MS = 10_000;

/**
 * Tells the server every 10 s that this article is open here, and returns the other people who
 * have it open; says goodbye (DELETE) when the screen closes or the page goes away.
 *
 * @example
 * const others = usePresence(article?.id ?? null);
 */
export function usePresence(articleId: string | null): CoEditor[] {
  const [others, setOthers] = useState<CoEditor[]>([]);
  useEffect(() => {
    if (!articleId) return;
    let isCurrent = true;
    const path = `/articles/${articleId}/presence`;
    const beat = () => {
      api<{ editors?: CoEditor[] }>('PUT', path)
        .then((answer) => {
          if (isCurrent) setOthers(answer.editors ?? []);
        })
        // Presence is a courtesy: a failed heartbeat must never get in the way of writing.
        .catch(() => undefined);
    };
    const leave = () => {
      api('DELETE', path, undefined, { keepalive: true }).catch(() => undefined);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') beat();
    };
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      isCurrent = false;
      clearInterval(timer);
      removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', onVisible);
      leave();
    };
  }, [articleId]);
  return others;
}

/** The warning that someone else is editing the same article. */
export function PresenceWarning(props: { others: CoEditor[] }) {
  if (props.others.length === 0) return null;
  const names = new Intl.ListFormat(language, { type: 'conjunction' }).format(
    props.others.map((other) => other.name),
  );
  return <Notice kind="alert">{t('editor.alsoEditing', { names, count: props.others.length })}</Notice>;
}
