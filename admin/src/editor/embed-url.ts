/**
 * What an embed becomes: a video player from an allowlisted host (the same hosts
 * src/lib/html-sanitizer.ts lets through as iframes), or a plain link card for any other web page.
 */
export type EmbedTarget = { kind: 'video'; src: string; url: string } | { kind: 'link'; url: string };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;
const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);

function youtubeId(url: URL): string | null {
  if (url.hostname === 'youtu.be') return url.pathname.slice(1).split('/')[0] ?? null;
  if (!YOUTUBE_HOSTS.has(url.hostname)) return null;
  if (url.pathname === '/watch') return url.searchParams.get('v');
  const [, section, id] = url.pathname.split('/');
  return section && ['embed', 'shorts', 'live', 'v'].includes(section) ? (id ?? null) : null;
}

function vimeoId(url: URL): string | null {
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'player.vimeo.com' && parts[0] === 'video') return parts[1] ?? null;
  if (url.hostname === 'vimeo.com' || url.hostname === 'www.vimeo.com') return parts[0] ?? null;
  return null;
}

/**
 * The embed for an address the writer pasted; null when it is not an http(s) address. YouTube
 * plays from its privacy-enhanced host (no cookies until the reader presses play).
 *
 * @example
 * embedFor('https://youtu.be/dQw4w9WgXcQ') // { kind: 'video', src: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', … }
 * embedFor('https://example.org/report') // { kind: 'link', url: 'https://example.org/report' }
 */
export function embedFor(input: string): EmbedTarget | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const youtube = youtubeId(url);
  if (youtube && YOUTUBE_ID.test(youtube))
    return { kind: 'video', src: `https://www.youtube-nocookie.com/embed/${youtube}`, url: url.href };
  const vimeo = vimeoId(url);
  if (vimeo && VIMEO_ID.test(vimeo))
    return { kind: 'video', src: `https://player.vimeo.com/video/${vimeo}`, url: url.href };
  return { kind: 'link', url: url.href };
}

/** Whether an iframe address is one the sanitizer keeps (an imported embed stays an embed). */
export const isAllowedPlayer = (src: string): boolean => embedFor(src)?.kind === 'video';

/**
 * A link address the writer typed, made safe: http(s) or mailto only; a bare domain gets https.
 *
 * @example
 * safeHref('example.org/a') // 'https://example.org/a'
 * safeHref('/about') // '/about'
 * safeHref('javascript:alert(1)') // null
 */
export function safeHref(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(text)) return text;
  if (/^\/(?!\/)\S*$/.test(text)) return text; // A path on this site.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.'))
      return url.href;
  } catch {
    return null;
  }
  return null;
}
