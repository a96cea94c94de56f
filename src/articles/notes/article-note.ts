import { z } from 'zod';
import type { StaffRef } from '../staff-names.ts';

export const noteKinds = ['correction', 'update'] as const;
export type NoteKind = (typeof noteKinds)[number];

/** A dated "Correction" or "Update" appended to an article, shown under its body. */
export type ArticleNote = {
  id: string;
  articleId: string;
  kind: NoteKind;
  /** Plain text: escaped wherever it is shown, never read as HTML. */
  text: string;
  createdAt: Date;
  createdBy: StaffRef | null;
};

/** One note as `POST /articles/:ref/notes` takes it, inside `{ "notes": [ … ] }`. */
export const noteCreateSchema = z.strictObject({
  // A string first, so that a missing kind is reported as required rather than as a wrong value.
  kind: z.string().pipe(z.enum(noteKinds)),
  text: z
    .string()
    // Control characters other than line breaks and tabs mean nothing in a note (and PostgreSQL refuses NUL).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .transform((text) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''))
    .pipe(z.string().trim().min(1).max(2000)),
});

export type NoteCreateInput = z.output<typeof noteCreateSchema>;

/**
 * A note as the Admin API shows it.
 *
 * @example
 * reply.send({ notes: notes.map(noteJson) });
 */
export const noteJson = (note: ArticleNote) => ({
  id: note.id,
  kind: note.kind,
  text: note.text,
  created_at: note.createdAt.toISOString(),
  created_by: note.createdBy,
});
