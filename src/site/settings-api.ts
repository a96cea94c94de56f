import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../lib/validation.ts';
import { type Settings, settingsUpdateSchema } from './settings.ts';
import type { SettingsService } from './settings-service.ts';
import type { Urls } from './urls.ts';

const settingsJson = (settings: Settings, urls: Urls) => ({
  title: settings.title,
  description: settings.description,
  locale: settings.locale,
  timezone: settings.timezone,
  permalink: settings.permalink,
  articles_per_page: settings.articlesPerPage,
  logo_url: urls.absoluteOrNull(settings.logoUrl),
  feed_content: settings.feedContent,
  url: urls.home(),
});

/** `/settings`: read (Content and Admin API) and change (Admin API, `isWritable`). */
export function registerSettingsApi(
  app: FastifyInstance,
  { settings, urls, isWritable }: { settings: SettingsService; urls: Urls; isWritable: boolean },
): void {
  app.get('/settings', async () => ({ settings: settingsJson(await settings.get(), urls) }));
  if (!isWritable) return;
  const update = async (request: { body: unknown }) => {
    const { settings: input } = parseInput(z.strictObject({ settings: settingsUpdateSchema }), request.body);
    return { settings: settingsJson(await settings.update(input), urls) };
  };
  app.put('/settings', update);
  app.patch('/settings', update);
}
