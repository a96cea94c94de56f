import type { Newsletter } from '../newsletter.ts';
import type { SubscribeLinks } from '../subscribe-links.ts';
import type { ClaimedDelivery, NewsletterSend } from './delivery-repository.ts';
import type { Addressing } from './newsletter-sender.ts';
import type { NewsletterTracking } from './newsletter-tracking.ts';

/** A header value from an editor's words: one line, and no characters that end a phrase or an address. */
const phrase = (value: string): string => value.replace(/[\r\n"<>\\]+/g, ' ').trim();

/** The bare address inside `Name <address>` or the address itself. */
export const addressOf = (from: string): string => /<([^>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();

/**
 * The per-reader parts of a newsletter mail: their own unsubscribe link in the body and in
 * List-Unsubscribe (https URL for RFC 8058 one-click, mailto for older clients), List-Id (RFC 2919),
 * and the tracking token when the newsletter tracks.
 *
 * @example
 * const addressing = newsletterAddressing({ newsletter, links, tracking, from: 'News <news@example.com>' });
 * addressing.headersFor(send, 'reader@example.com')['List-Unsubscribe-Post']; // 'List-Unsubscribe=One-Click'
 */
export function newsletterAddressing(options: {
  newsletter: Pick<Newsletter, 'id' | 'slug' | 'name' | 'tracksOpens' | 'tracksClicks'>;
  links: SubscribeLinks;
  tracking: NewsletterTracking;
  from: string;
}): Addressing {
  const { newsletter, links, tracking } = options;
  const host = new URL(links.base).hostname;
  const listId = `${phrase(newsletter.name)} <${newsletter.slug}.${host}>`;
  const mailto = `mailto:${addressOf(options.from)}?subject=unsubscribe`;
  const isTracked = newsletter.tracksOpens || newsletter.tracksClicks;
  return {
    headersFor: (_send: NewsletterSend, email: string, unsubscribeUrl?: string) => ({
      'List-Unsubscribe': `<${unsubscribeUrl ?? links.unsubscribeUrl(newsletter.id, email)}>, <${mailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': listId,
    }),
    recipientFor: (send: NewsletterSend, delivery: Pick<ClaimedDelivery, 'email' | 'name'>) => ({
      email: delivery.email,
      name: delivery.name,
      unsubscribeUrl: links.unsubscribeUrl(newsletter.id, delivery.email),
      manageUrl: links.accountUrl(),
      trackingToken: isTracked ? tracking.tokenFor(send.id, delivery.email) : '',
    }),
  };
}
