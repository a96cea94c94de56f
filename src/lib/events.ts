/**
 * Domain events, emitted by services after their transaction commits. The cache, mail, search and
 * webhooks listen; a service never calls them directly.
 */
/** An article event names what the article is linked to (before and after the change). */
export type ArticleEvent = {
  id: string;
  kind: string;
  categoryIds: string[];
  tagIds: string[];
  authorIds: string[];
};

export type DomainEvents = {
  'article.created': ArticleEvent;
  'article.updated': ArticleEvent;
  'article.published': ArticleEvent;
  'article.unpublished': ArticleEvent;
  'article.deleted': ArticleEvent;
  /** A correction or update note was added to or removed from an article: its page changes. */
  'article.notes_changed': { id: string };
  'category.changed': { id: string };
  'tag.changed': { id: string };
  'person.changed': { id: string };
  'settings.changed': { keys: string[] };
  /** A comment readers can see appeared, changed or went away: its article's comment area changes. */
  'comment.changed': { id: string; articleId: string };
  /** Newsletters were added, changed or removed: every page's subscribe form lists them. */
  'newsletters.changed': Record<string, never>;
};

export type EventName = keyof DomainEvents;
type Listener<E extends EventName> = (payload: DomainEvents[E]) => void | Promise<void>;

export type EventBus = {
  emit: <E extends EventName>(name: E, payload: DomainEvents[E]) => void;
  on: <E extends EventName>(name: E, listener: Listener<E>) => () => void;
};

/**
 * An in-process event bus. A failing listener is reported and never breaks the emitter: the
 * change it reports has already been committed.
 *
 * @example
 * const events = createEventBus({ onError: (error) => log.error(error) });
 * events.on('article.published', ({ id }) => cache.drop(`article:${id}`));
 */
export function createEventBus(options: { onError: (error: unknown, name: EventName) => void }): EventBus {
  const listeners = new Map<EventName, Set<Listener<never>>>();
  return {
    emit(name, payload) {
      for (const listener of listeners.get(name) ?? []) {
        try {
          Promise.resolve((listener as Listener<typeof name>)(payload)).catch((error) =>
            options.onError(error, name),
          );
        } catch (error) {
          options.onError(error, name);
        }
      }
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as Listener<never>);
      listeners.set(name, set);
      return () => set.delete(listener as Listener<never>);
    },
  };
}
