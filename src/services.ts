import { createArticleNeighbourService } from './articles/article-neighbour-service.ts';
import { createArticleService } from './articles/article-service.ts';
import { createAuditService } from './audit/audit-service.ts';
import { createApiTokenService } from './auth/api-token-service.ts';
import type { Database } from './db/connection.ts';
import type { Clock } from './lib/clock.ts';
import type { EventBus } from './lib/events.ts';
import type { JobQueue } from './lib/jobs/job-queue.ts';
import { createMediaService } from './media/media-service.ts';
import { createLocalMediaStorage } from './media/media-storage.ts';
import { createPersonService } from './people/person-service.ts';
import { createSearchService } from './search/search-service.ts';
import { createSettingsService } from './site/settings-service.ts';
import { createTaxonomyService } from './taxonomy/taxonomy-service.ts';

export type Services = ReturnType<typeof createServices>;

/**
 * Wires every service with its dependencies in one object: no container, no module-level state,
 * so each test builds its own.
 */
export function createServices({
  database,
  clock,
  events,
  jobs,
  mediaDir,
}: {
  database: Database;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  /** Where uploaded media are stored (MEDIA_DIR). */
  mediaDir: string;
}) {
  const audit = createAuditService({ database, clock });
  const settings = createSettingsService({ database, events, audit });
  const people = createPersonService({ database, clock, events });
  const taxonomy = createTaxonomyService({ database, clock, events });
  const articles = createArticleService({ database, clock, events, jobs, people, taxonomy, settings, audit });
  const neighbours = createArticleNeighbourService({ database, taxonomy });
  const tokens = createApiTokenService({ database, clock, audit });
  const search = createSearchService({ database, taxonomy });
  const media = createMediaService({ database, clock, storage: createLocalMediaStorage({ root: mediaDir }) });
  return { settings, people, taxonomy, articles, neighbours, tokens, search, audit, media };
}
