/**
 * Listens for what the editor must react to outside itself: the page going away (hidden, closed,
 * reloaded), leaving with unsaved work, and the connection coming back. Returns the function that
 * stops listening.
 *
 * @example
 * const stop = watchPage({ onLeave: flush, hasUnsaved: () => isDirty(), onOnline: retry });
 */
export function watchPage(handlers: {
  /** The page is hidden or unloading: the last moment to send a save (with keepalive). */
  onLeave: () => void;
  /** Asked before unloading: true makes the browser ask the writer to confirm. */
  hasUnsaved: () => boolean;
  onOnline: () => void;
}): () => void {
  const onHidden = () => {
    if (document.visibilityState === 'hidden') handlers.onLeave();
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!handlers.hasUnsaved()) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };
  const { onLeave, onOnline } = handlers;
  addEventListener('online', onOnline);
  addEventListener('pagehide', onLeave);
  addEventListener('beforeunload', onBeforeUnload);
  document.addEventListener('visibilitychange', onHidden);
  return () => {
    removeEventListener('online', onOnline);
    removeEventListener('pagehide', onLeave);
    removeEventListener('beforeunload', onBeforeUnload);
    document.removeEventListener('visibilitychange', onHidden);
  };
}
