import type { Captcha } from '../captcha/captcha.ts';
import type { Comments } from '../comments/comments.ts';
import type { Notifications } from '../comments/notifications/notifications.ts';
import type { Config } from '../config.ts';
import type { PageCache } from '../lib/http/page-cache.ts';
import type { I18n } from '../lib/i18n.ts';
import type { ImageInfoService } from '../media/image-info.ts';
import type { Services } from '../services.ts';
import type { Subscribe } from '../subscribe/subscribe.ts';
import type { Urls } from './urls.ts';

/** What every public page module needs: services to read, URLs to link, the cache and the words. */
export type SiteContext = {
  config: Config;
  services: Services;
  urls: Urls;
  cache: PageCache;
  i18n: I18n;
  images: ImageInfoService;
  /** Reply notifications and "delete my comments": the pages behind the links in their mails. */
  notifications: Notifications;
  /** Reader comments: the article page's comment area and the form's endpoints. */
  comments: Comments;
  captcha: Captcha;
  /** Newsletters for the subscribe forms in every page's footer and under each article. */
  subscribe: Subscribe;
};
