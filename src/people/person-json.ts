import type { Urls } from '../site/urls.ts';
import type { Person } from './person.ts';

/** An author as the JSON APIs show them. */
export const personJson = (person: Person, urls: Urls) => ({
  id: person.id,
  name: person.name,
  slug: person.slug,
  bio: person.bio,
  avatar_url: urls.absoluteOrNull(person.avatarUrl),
  url: urls.author(person.slug),
  created_at: person.createdAt.toISOString(),
  updated_at: person.updatedAt.toISOString(),
});
