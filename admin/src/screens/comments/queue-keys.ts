import type { Decision } from './comment-types.ts';

export type QueueKey =
  | { kind: 'move'; to: 'next' | 'previous' | 'first' | 'last' }
  | { kind: Decision }
  | null;

const typingTypes = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color']);

/** Whether a key goes to a field the moderator types in (shortcuts stay out of its way). */
export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true;
  return target instanceof HTMLInputElement && !typingTypes.has(target.type);
}

/**
 * The key's letter; on a keyboard that types no Latin letters (Arabic, for one) the letter printed
 * at the same place on a QWERTY keyboard, so the shortcuts work without switching layouts.
 */
function keyOf(event: KeyboardEvent): string {
  if (event.key.length > 1 || /^[a-z]$/i.test(event.key)) return event.key;
  return /^Key([A-Z])$/.exec(event.code)?.[1]?.toLowerCase() ?? event.key;
}

/**
 * What a key pressed on a comment of the queue means: moving between comments (↓/j, ↑/k, Home,
 * End) or a decision (a approve, r reject, s spam). Keys with a modifier, and keys typed in a
 * field or in an open reply or ban form, mean nothing here.
 *
 * @example
 * queueKey(new KeyboardEvent('keydown', { key: 'a' })) // { kind: 'approve' }
 */
export function queueKey(event: KeyboardEvent): QueueKey {
  if (event.ctrlKey || event.metaKey || event.altKey || isTypingIn(event.target)) return null;
  if (event.target instanceof Element && event.target.closest('form')) return null;
  switch (keyOf(event)) {
    case 'ArrowDown':
    case 'j':
      return { kind: 'move', to: 'next' };
    case 'ArrowUp':
    case 'k':
      return { kind: 'move', to: 'previous' };
    case 'Home':
      return { kind: 'move', to: 'first' };
    case 'End':
      return { kind: 'move', to: 'last' };
    case 'a':
      return { kind: 'approve' };
    case 'r':
      return { kind: 'reject' };
    case 's':
      return { kind: 'spam' };
    default:
      return null;
  }
}
