import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { runAs, systemActor } from '../../src/auth/actor.ts';
import { newId } from '../../src/lib/ids.ts';
import {
  call,
  createArticle,
  firstError,
  type Member,
  type Newsroom,
  openNewsroom,
  START,
  visitPage,
} from './newsroom-helpers.ts';

describe('Correction and update notes', () => {
  let desk: Newsroom;
  const addNotes = (who: Member | 'token', id: string, notes: unknown[]) =>
    call(desk, who, 'POST', `/api/admin/articles/${id}/notes`, { notes });
  /** The public page of an article, as a reader's browser asks for it. */
  const read = async (url: string) => {
    const res = await visitPage(desk, url);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return res;
  };
  const notesSection = (html: string) =>
    DomUtils.findOne(
      (el) => el.name === 'section' && el.attribs.class === 'article-notes',
      parseDocument(html).children,
    );

  before(async () => {
    desk = await openNewsroom({ env: { PAGE_CACHE: 'on' } });
    await runAs(systemActor, () =>
      desk.site.t.masthead.services.settings.update({ timezone: 'Europe/Paris' }),
    );
  });
  after(() => desk.close());

  it('should show a correction under the article, dated in the site’s timezone, once the cached page is dropped', async () => {
    const { author } = desk.staff;
    const article = await createArticle(desk, author, {
      title: 'Mayor opens the bridge',
      body_html: '<p>The mayor cut the ribbon.</p>',
      status: 'published',
    });
    const before = await read(article.url);
    const cached = await read(article.url);
    desk.clock.advance(3_600_000);

    const added = await addNotes(author, article.id, [
      { kind: 'correction', text: '  An earlier version named the wrong <b>mayor</b> & deputy.  ' },
    ]);
    const afterNote = await read(article.url);

    assert.equal(added.status, 201, added.text);
    const [note] = added.json.notes;
    assert.deepEqual(Object.keys(note).sort(), ['created_at', 'created_by', 'id', 'kind', 'text']);
    assert.equal(note.kind, 'correction');
    assert.equal(note.text, 'An earlier version named the wrong <b>mayor</b> & deputy.');
    assert.equal(note.created_at, new Date(START.getTime() + 3_600_000).toISOString());
    assert.deepEqual(note.created_by, { id: author.id, name: author.name });
    assert.equal(cached.headers['x-cache'], 'HIT');
    assert.equal(notesSection(before.body), null);
    assert.equal(afterNote.headers['x-cache'], 'MISS');
    const section = notesSection(afterNote.body);
    assert.ok(section, 'the notes section is on the page');
    assert.equal(
      DomUtils.textContent(DomUtils.findOne((el) => el.name === 'h2', [section]) ?? section),
      'Corrections and updates',
    );
    const item = DomUtils.findOne((el) => el.name === 'li', [section]);
    assert.ok(item);
    assert.equal(
      DomUtils.textContent(DomUtils.findOne((el) => el.name === 'strong', [item]) ?? item),
      'Correction',
    );
    const time = DomUtils.findOne((el) => el.name === 'time', [item]);
    assert.equal(time?.attribs.datetime, note.created_at);
    // 10:00 UTC is 11:00 in Paris in March.
    assert.equal(time && DomUtils.textContent(time), 'March 2, 2026 at 11:00 AM');
    assert.equal(
      DomUtils.textContent(item),
      'Correction March 2, 2026 at 11:00 AM: An earlier version named the wrong <b>mayor</b> & deputy.',
    );
    assert.match(afterNote.body, /the wrong &lt;b>mayor&lt;\/b> &amp; deputy\./);
    assert.ok(afterNote.body.indexOf('The mayor cut the ribbon.') < afterNote.body.indexOf('article-notes'));
  });

  it('should list the notes oldest first and delete one (204), dropping it from the page', async () => {
    const { editor } = desk.staff;
    const article = await createArticle(desk, editor, { title: 'Flood warning', status: 'published' });
    await addNotes(editor, article.id, [{ kind: 'update', text: 'The river has peaked.' }]);
    desk.clock.advance(60_000);
    await addNotes(editor, article.id, [{ kind: 'correction', text: 'The river is the Seine.' }]);
    const listed = await call(desk, editor, 'GET', `/api/admin/articles/${article.id}/notes`);
    const [first, second] = listed.json.notes;
    await read(article.url);

    const deleted = await call(desk, editor, 'DELETE', `/api/admin/articles/${article.id}/notes/${first.id}`);
    const again = await call(desk, editor, 'DELETE', `/api/admin/articles/${article.id}/notes/${first.id}`);
    const page = await read(article.url);
    const remaining = await call(desk, editor, 'GET', `/api/admin/articles/${article.id}/notes`);

    assert.deepEqual(
      listed.json.notes.map((n: { kind: string; text: string }) => [n.kind, n.text]),
      [
        ['update', 'The river has peaked.'],
        ['correction', 'The river is the Seine.'],
      ],
    );
    assert.equal(deleted.status, 204);
    assert.deepEqual([again.status, firstError(again).code], [404, 'NOTE_NOT_FOUND']);
    assert.doesNotMatch(page.body, /The river has peaked\./);
    assert.match(page.body, /The river is the Seine\./);
    assert.deepEqual(
      remaining.json.notes.map((n: { id: string }) => n.id),
      [second.id],
    );
  });

  it('should refuse a note without text, with text too long, or of an unknown kind, naming the field (422)', async () => {
    const { editor } = desk.staff;
    const article = await createArticle(desk, editor, { title: 'Validation', status: 'published' });

    const answers = [
      await addNotes(editor, article.id, [{ kind: 'correction', text: '   ' }]),
      await addNotes(editor, article.id, [{ kind: 'correction' }]),
      await addNotes(editor, article.id, [{ kind: 'correction', text: 'x'.repeat(2001) }]),
      await addNotes(editor, article.id, [{ kind: 'apology', text: 'Sorry.' }]),
      await addNotes(editor, article.id, [{ text: 'Sorry.' }]),
      await addNotes(editor, article.id, [
        { kind: 'update', text: 'Fine.' },
        { kind: 'update', text: '' },
      ]),
    ];
    const listed = await call(desk, editor, 'GET', `/api/admin/articles/${article.id}/notes`);

    assert.deepEqual(
      answers.map((res) => [res.status, firstError(res).code, firstError(res).field]),
      [
        [422, 'FIELD_REQUIRED', 'text'],
        [422, 'FIELD_REQUIRED', 'text'],
        [422, 'FIELD_TOO_LONG', 'text'],
        [422, 'FIELD_INVALID', 'kind'],
        [422, 'FIELD_REQUIRED', 'kind'],
        [422, 'FIELD_REQUIRED', 'notes[1].text'],
      ],
    );
    assert.deepEqual(listed.json.notes, []);
  });

  it('should let an author annotate their own published article but not a colleague’s, and editors any', async () => {
    const { author, contributor, editor } = desk.staff;
    const own = await createArticle(desk, author, { title: 'Author’s own' });
    await call(desk, editor, 'POST', `/api/admin/articles/${own.id}/publish`);
    const theirs = await createArticle(desk, contributor, { title: 'Contributor’s draft' });
    const note = { kind: 'update', text: 'Added a quote.' };

    const results = [
      await addNotes(author, own.id, [note]),
      await addNotes(author, theirs.id, [note]),
      await addNotes(contributor, own.id, [note]),
      await call(desk, contributor, 'GET', `/api/admin/articles/${own.id}/notes`),
      await addNotes(editor, theirs.id, [note]),
      await call(desk, author, 'DELETE', `/api/admin/articles/${theirs.id}/notes/${newId()}`),
    ];

    assert.deepEqual(
      results.map((res) => res.status),
      [201, 403, 403, 403, 201, 403],
    );
  });

  it('should record who added a note in the audit log', async () => {
    const { editor } = desk.staff;
    const article = await createArticle(desk, editor, { title: 'Audited', status: 'published' });

    const added = await addNotes(editor, article.id, [{ kind: 'correction', text: 'A figure was wrong.' }]);
    const { entries } = await runAs(systemActor, () =>
      desk.site.t.masthead.services.audit.list({ page: { page: 1, limit: 5 }, action: 'article.note_added' }),
    );

    const entry = entries.find((e) => e.target?.id === article.id);
    assert.ok(entry, 'an article.note_added entry was written');
    assert.equal(entry.actor.label, editor.email);
    assert.deepEqual(
      [entry.summary.note_id, entry.summary.kind, entry.summary.text],
      [added.json.notes[0].id, 'correction', 'A figure was wrong.'],
    );
  });
});
