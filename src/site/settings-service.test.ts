import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { toDbJson } from '../db/values.ts';
import { defaultSettings } from './settings.ts';

describe('settings service', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());
  // Settings are site-wide: each test starts from an empty table and an empty in-memory copy.
  beforeEach(async () => {
    await t.masthead.database.db.deleteFrom('settings').execute();
    t.masthead.services.settings.invalidate();
  });

  it('should give the defaults when nothing has been stored', async () => {
    assert.deepEqual(await t.masthead.services.settings.get(), defaultSettings);
  });

  it('should keep a number setting as a number across a restart when articles_per_page is changed', async () => {
    await t.masthead.services.settings.update({ articles_per_page: 25 });
    const restarted = await t.reopen();

    assert.equal((await restarted.services.settings.get()).articlesPerPage, 25);
  });

  it('should keep a text setting across a restart when the title is changed', async () => {
    const updated = await t.masthead.services.settings.update({
      title: 'The Aldwyn Courier',
      timezone: 'Europe/London',
    });
    const restarted = await t.reopen();

    assert.equal(updated.title, 'The Aldwyn Courier');
    const reread = await restarted.services.settings.get();
    assert.equal(reread.title, 'The Aldwyn Courier');
    assert.equal(reread.timezone, 'Europe/London');
  });

  it('should clear the logo when logo_url is set to null after being set', async () => {
    await t.masthead.services.settings.update({ logo_url: '/media/logo.png' });

    await t.masthead.services.settings.update({ articles_per_page: 12, logo_url: null });

    const cleared = await t.reopen().then((restarted) => restarted.services.settings.get());

    assert.equal(cleared.logoUrl, null);
    assert.equal(cleared.articlesPerPage, 12);
  });

  it('should emit settings.changed naming only the keys given when settings are updated', async (context) => {
    const seen: string[][] = [];
    const off = t.masthead.events.on('settings.changed', ({ keys }) => void seen.push(keys));
    context.after(async () => void off());

    await t.masthead.services.settings.update({ articles_per_page: 30, description: undefined });

    assert.deepEqual(seen, [['articles_per_page']]);
  });

  it('should keep serving its copy until invalidated when another instance changes the settings', async () => {
    const other = await t.reopen();
    await t.masthead.services.settings.get();

    await other.services.settings.update({ articles_per_page: 40 });

    assert.equal((await t.masthead.services.settings.get()).articlesPerPage, defaultSettings.articlesPerPage);
    t.masthead.services.settings.invalidate();
    assert.equal((await t.masthead.services.settings.get()).articlesPerPage, 40);
  });

  it('should fall back to the default when a stored value was hand-edited out of range', async () => {
    await t.masthead.database.db
      .insertInto('settings')
      .values({ key: 'articles_per_page', value: toDbJson(5000) })
      .execute();

    const settings = await t.masthead.services.settings.get();

    assert.equal(settings.articlesPerPage, defaultSettings.articlesPerPage);
  });

  it('should ignore a stored key it does not know when settings are read', async () => {
    await t.masthead.database.db
      .insertInto('settings')
      .values({ key: 'retired_option', value: toDbJson({ on: true }) })
      .execute();

    const settings = await t.masthead.services.settings.get();

    assert.deepEqual(settings, defaultSettings);
  });
});
