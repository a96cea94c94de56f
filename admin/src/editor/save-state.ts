import type { ArticleJson, Draft } from './article-types.ts';

/** Where the article's words stand, for the status line. */
export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string; isRetrying: boolean }
  | { kind: 'needsTitle' }
  | { kind: 'invalid' }
  | { kind: 'conflict' }
  | { kind: 'heldLocally' };

export type EditorState = {
  /** The article as the server last answered it; null until a new article is first saved. */
  article: ArticleJson | null;
  draft: Draft;
  status: SaveStatus;
  /** The API's message for each field it refused. */
  fieldErrors: Record<string, string>;
  /** Someone else saved since our version: saving waits for the writer's choice. */
  isConflict: boolean;
  /** Bumped when the draft is replaced as a whole: the body editor then reloads its content. */
  contentVersion: number;
  /** The draft came from this browser's backup rather than the server. */
  isRestored: boolean;
};

/** `manual` is the Save button; `autosave` the timer; `leave` the page going away (keepalive). */
export type SaveMode = 'manual' | 'autosave' | 'leave';
