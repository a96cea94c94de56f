import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createFixedClock } from '../lib/clock.ts';
import { type AppError, ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';

async function rejectsWith(
  promise: Promise<unknown>,
  type: new (...args: never[]) => AppError,
  expected: { code: string; field?: string },
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.equal(error.code, expected.code);
    if (expected.field !== undefined) assert.equal(error.field, expected.field);
    return true;
  });
}

describe('person service', () => {
  let t: TestApp;
  const clock = createFixedClock(new Date('2026-03-02T09:00:00.000Z'));
  const people = () => t.masthead.services.people;

  before(async () => {
    t = await createTestApp({ clock });
  });
  after(() => t.close());

  it('should take the slug from the name and number it when two authors share a name', async () => {
    const first = await people().create({ name: 'Sam Okafor' });

    const second = await people().create({ name: 'Sam Okafor' });

    assert.equal(first.slug, 'sam-okafor');
    assert.equal(second.slug, 'sam-okafor-2');
  });

  it('should give a name in Arabic script an Arabic slug when the author is created', async () => {
    const person = await people().create({ name: 'ليلى حداد' });

    assert.equal(person.slug, 'ليلى-حداد');
    assert.equal((await people().get('ليلى-حداد')).id, person.id);
  });

  it('should refuse with SLUG_TAKEN on slug when a chosen slug is taken', async () => {
    await people().create({ name: 'Ines Ruiz', slug: 'ines' });

    await rejectsWith(people().create({ name: 'Ines Rivera', slug: 'ines' }), ConflictError, {
      code: 'SLUG_TAKEN',
      field: 'slug',
    });
  });

  it('should refuse with SLUG_TAKEN on slug and keep the old slug when an update takes another author slug', async () => {
    await people().create({ name: 'Taken Author' });
    const other = await people().create({ name: 'Other Author' });

    await rejectsWith(people().update(other.id, { slug: 'taken-author' }), ConflictError, {
      code: 'SLUG_TAKEN',
      field: 'slug',
    });
    assert.equal((await people().get(other.id)).slug, 'other-author');
  });

  it('should find an author by id and by slug whatever its case', async () => {
    const person = await people().create({ name: 'Noor Haddad' });

    assert.equal((await people().get(person.id)).slug, 'noor-haddad');
    assert.equal((await people().get('NOOR-HADDAD')).id, person.id);
  });

  it('should report AUTHOR_NOT_FOUND when no author has the slug', async () => {
    await rejectsWith(people().get('nobody-here'), NotFoundError, { code: 'AUTHOR_NOT_FOUND' });
  });

  it('should change only what is given and move updated_at when an author is updated', async () => {
    const person = await people().create({
      name: 'Ruth Mbeki',
      bio: 'Courts reporter.',
      avatar_url: '/media/ruth.jpg',
    });
    clock.advance(60_000);

    const updated = await people().update(person.slug, { bio: 'Chief courts reporter.' });

    assert.equal(updated.name, 'Ruth Mbeki');
    assert.equal(updated.slug, 'ruth-mbeki');
    assert.equal(updated.bio, 'Chief courts reporter.');
    assert.equal(updated.avatarUrl, '/media/ruth.jpg');
    assert.deepEqual(updated.updatedAt, clock.now());
    assert.deepEqual((await people().get(person.id)).bio, 'Chief courts reporter.');
  });

  it('should clear the avatar when it is set to null', async () => {
    const person = await people().create({ name: 'Avatar Holder', avatar_url: 'https://cdn.example/a.jpg' });

    const updated = await people().update(person.id, { avatar_url: null });

    assert.equal(updated.avatarUrl, null);
    assert.equal((await people().get(person.id)).avatarUrl, null);
  });

  it('should resolve a byline in the order given when it mixes slugs and ids', async () => {
    const a = await people().create({ name: 'Order Alpha' });
    const b = await people().create({ name: 'Order Beta' });

    const resolved = await people().resolve([b.slug, a.id], { field: 'authors' });

    assert.deepEqual(
      resolved.map((p) => p.id),
      [b.id, a.id],
    );
  });

  it('should refuse with UNKNOWN_AUTHOR naming the position when a byline names someone missing', async () => {
    const a = await people().create({ name: 'Known Author' });

    await rejectsWith(people().resolve([a.slug, 'unknown-author'], { field: 'authors' }), ValidationError, {
      code: 'UNKNOWN_AUTHOR',
      field: 'authors[1]',
    });
  });

  it('should resolve a byline by slug whatever its case when the slug is written in capitals', async () => {
    const person = await people().create({ name: 'Case Insensitive' });

    const resolved = await people().resolve(['CASE-INSENSITIVE'], { field: 'authors' });

    assert.deepEqual(
      resolved.map((p) => p.id),
      [person.id],
    );
  });

  it('should remove an author from bylines when the author is deleted', async () => {
    const leaving = await people().create({ name: 'Leaving Soon' });
    const staying = await people().create({ name: 'Staying On' });
    const [article] = await t.masthead.services.articles.create('article', [
      { title: 'Two bylines', authors: [leaving.slug, staying.slug] },
    ]);
    assert.ok(article);

    await people().remove(leaving.slug);

    await rejectsWith(people().get(leaving.id), NotFoundError, { code: 'AUTHOR_NOT_FOUND' });
    const reread = await t.masthead.services.articles.get({ kind: 'article', ref: article.id });
    assert.deepEqual(
      reread.authors.map((p) => p.id),
      [staying.id],
    );
  });

  it('should emit person.changed when an author is created, updated and removed', async (context) => {
    const seen: string[] = [];
    context.after(t.masthead.events.on('person.changed', ({ id }) => void seen.push(id)));

    const person = await people().create({ name: 'Evented Person' });
    await people().update(person.id, { name: 'Evented Person Renamed' });
    await people().remove(person.id);

    assert.deepEqual(seen, [person.id, person.id, person.id]);
  });

  it('should count authors as a number when a page of them is listed', async () => {
    const { people: listed, pagination } = await people().list({ page: 1, limit: 3 });

    assert.equal(listed.length, 3);
    assert.equal(typeof pagination.total, 'number');
    assert.ok(pagination.total > 3);
  });
});
