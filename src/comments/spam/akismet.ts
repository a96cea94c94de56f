/*
 * Akismet REST API 1.1, comment-check, submit-spam and submit-ham: POST form-encoded with `api_key`.
 *   https://akismet.com/developers/detailed-docs/comment-check/
 *   https://akismet.com/developers/detailed-docs/submit-spam-missed-spam/
 *   https://akismet.com/developers/detailed-docs/submit-ham-false-positives/
 */

/** A reader waiting on a slow Akismet is worse off than a comment held for moderation. */
const TIMEOUT_MS = 3000;

/** Akismet asks clients to name themselves as "Application/Version | Plugin/Version". */
const USER_AGENT = 'Masthead/0.1 | Masthead-Akismet/1.0';

/** What Akismet answers submit-spam and submit-ham with. */
const THANKS = 'Thanks for making the web a better place.';

/** The documented comment fields, under their documented names (`blog` and `api_key` are added). */
export type AkismetFields = {
  user_ip: string;
  user_agent?: string;
  referrer?: string;
  /** The article's URL. */
  permalink?: string;
  comment_type?: 'comment' | 'reply';
  comment_author?: string;
  comment_author_email?: string;
  comment_author_url?: string;
  comment_content?: string;
  comment_date_gmt?: Date;
  comment_post_modified_gmt?: Date;
  /** Language of the site, e.g. `en` or `fr, ar`. */
  blog_lang?: string;
  blog_charset?: string;
  /** Tells Akismet not to learn from this call (tests, staging). */
  is_test?: boolean;
};

/** `discard`: blatant spam (X-akismet-pro-tip: discard), safe to drop without review. */
export type AkismetVerdict = 'spam' | 'ham' | 'discard' | 'unavailable';

export type Akismet = {
  check(fields: AkismetFields): Promise<AkismetVerdict>;
  /** Reports spam Akismet missed; true when Akismet took it. */
  submitSpam(fields: AkismetFields): Promise<boolean>;
  /** Reports a comment Akismet wrongly called spam; true when Akismet took it. */
  submitHam(fields: AkismetFields): Promise<boolean>;
};

export type AkismetOptions = {
  key: string;
  /** AKISMET_URL, https://rest.akismet.com unless overridden. */
  baseUrl: string;
  /** The site's front page URL, sent as `blog`. */
  site: string;
  fetch?: typeof fetch;
  /** Told why Akismet could not answer (network, status, X-akismet-debug-help), for the log. */
  onUnavailable?: (reason: string) => void;
};

function formOf(key: string, site: string, fields: AkismetFields): URLSearchParams {
  const form = new URLSearchParams({ api_key: key, blog: site, blog_charset: 'UTF-8' });
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === '') continue;
    if (value instanceof Date) form.set(name, value.toISOString());
    else if (typeof value === 'boolean') {
      if (value) form.set(name, '1');
    } else form.set(name, String(value));
  }
  return form;
}

/**
 * A small Akismet client. It never throws for Akismet's sake: an unreachable or failing Akismet is
 * `unavailable` (hold the comment for a moderator) or `false` for a submission.
 *
 * @example
 * const akismet = createAkismet({ key: config.akismet.key, baseUrl: config.akismet.baseUrl, site: config.siteUrl });
 * const verdict = await akismet.check({ user_ip: ip, comment_type: 'comment', comment_content: body });
 */
export function createAkismet(options: AkismetOptions): Akismet {
  const fetchImpl = options.fetch ?? fetch;
  const report = options.onUnavailable ?? (() => {});

  async function post(
    endpoint: string,
    fields: AkismetFields,
  ): Promise<{ body: string; headers: Headers } | undefined> {
    let response: Response;
    try {
      response = await fetchImpl(`${options.baseUrl}/1.1/${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': USER_AGENT },
        body: formOf(options.key, options.site, fields),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      report(`akismet ${endpoint} unreachable: ${error instanceof Error ? error.name : 'error'}`);
      return undefined;
    }
    const body = (await response.text().catch(() => '')).trim();
    if (!response.ok) {
      report(`akismet ${endpoint} answered HTTP ${response.status}`);
      return undefined;
    }
    return { body, headers: response.headers };
  }

  /** Akismet explains refusals (an invalid key, a missing field) in this header. */
  const debugHelp = (headers: Headers): string =>
    headers.get('x-akismet-debug-help') ?? headers.get('x-akismet-alert-msg') ?? 'no explanation';

  async function submit(endpoint: 'submit-spam' | 'submit-ham', fields: AkismetFields): Promise<boolean> {
    const answer = await post(endpoint, fields);
    if (!answer) return false;
    if (answer.body === THANKS) return true;
    report(`akismet ${endpoint} refused (${answer.body}): ${debugHelp(answer.headers)}`);
    return false;
  }

  return {
    async check(fields) {
      const answer = await post('comment-check', fields);
      if (!answer) return 'unavailable';
      if (answer.body === 'true')
        return answer.headers.get('x-akismet-pro-tip') === 'discard' ? 'discard' : 'spam';
      if (answer.body === 'false') return 'ham';
      report(`akismet comment-check answered "${answer.body.slice(0, 40)}": ${debugHelp(answer.headers)}`);
      return 'unavailable';
    },
    submitSpam: (fields) => submit('submit-spam', fields),
    submitHam: (fields) => submit('submit-ham', fields),
  };
}
