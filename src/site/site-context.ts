import type { Config } from '../config.ts';
import type { PageCache } from '../lib/http/page-cache.ts';
import type { I18n } from '../lib/i18n.ts';
import type { ImageInfoService } from '../media/image-info.ts';
import type { Services } from '../services.ts';
import type { Urls } from './urls.ts';

/** What every public page module needs: services to read, URLs to link, the cache and the words. */
export type SiteContext = {
  config: Config;
  services: Services;
  urls: Urls;
  cache: PageCache;
  i18n: I18n;
  images: ImageInfoService;
};
