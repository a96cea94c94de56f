/**
 * A newsletter is rendered once per send with placeholders where each reader's own values go, and
 * stored that way (newsletter_sends.html_body / text_body), so that a send resumed after a crash
 * personalises exactly what the first run did. The placeholders are fixed strings: nothing but
 * this module writes them, and `neutralise` keeps them out of everything an editor or reader typed.
 */
export const placeholders = {
  name: '{{masthead.name}}',
  email: '{{masthead.email}}',
  unsubscribeUrl: '{{masthead.unsubscribeUrl}}',
  manageUrl: '{{masthead.manageUrl}}',
  trackingToken: '{{masthead.trackingToken}}',
  /** What lies between these two is left out for a reader without a name ("Hello ,"). */
  ifName: '{{masthead.ifName}}',
  endIfName: '{{masthead.endIfName}}',
} as const;

const MARKER = '{{masthead.';

/** Text from outside (titles, names, URLs) with anything that would read as a placeholder broken up. */
export const neutralise = (text: string): string =>
  text.includes(MARKER) ? text.replaceAll(MARKER, '{ {masthead.') : text;

export type NewsletterRecipient = {
  email: string;
  name: string;
  unsubscribeUrl: string;
  manageUrl: string;
  trackingToken: string;
};

type Slot = 'name' | 'email' | 'unsubscribeUrl' | 'manageUrl' | 'trackingToken';
type Piece = string | { slot: Slot } | { ifName: Piece[] };
type Values = Record<Slot, string>;

const slots = new Set<string>(['name', 'email', 'unsubscribeUrl', 'manageUrl', 'trackingToken']);

/** A body as literal parts and slots, with the optional name section nested. Runs once per send. */
function compile(body: string): Piece[] {
  const root: Piece[] = [];
  const stack: Piece[][] = [root];
  const parts = body.split(/\{\{masthead\.([A-Za-z]+)\}\}/);
  parts.forEach((part, index) => {
    const current = stack[stack.length - 1] as Piece[];
    if (index % 2 === 0) {
      if (part) current.push(part);
    } else if (slots.has(part)) current.push({ slot: part as Slot });
    else if (part === 'ifName') {
      const inner: Piece[] = [];
      current.push({ ifName: inner });
      stack.push(inner);
    } else if (part === 'endIfName' && stack.length > 1) stack.pop();
    else current.push(`{{masthead.${part}}}`);
  });
  return root;
}

function fill(pieces: Piece[], values: Values, hasName: boolean): string {
  let out = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') out += piece;
    else if ('slot' in piece) out += values[piece.slot];
    else if (hasName) out += fill(piece.ifName, values, hasName);
  }
  return out;
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML-escapes text and attribute values; returns the string itself when nothing needs escaping. */
export function escapeHtml(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i += 1) {
    const entity = entities[text[i] as string];
    if (entity === undefined) continue;
    out += text.slice(last, i) + entity;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Compiles a rendered newsletter once per send; the function it returns runs once per recipient
 * and only joins precomputed parts with that reader's values, escaped in the HTML part and raw in
 * the plain-text part.
 *
 * @example
 * const personalise = compilePersonalisation(rendered);
 * const { html, text } = personalise({ email, name, unsubscribeUrl, manageUrl, trackingToken });
 */
export function compilePersonalisation(rendered: {
  html: string;
  text: string;
}): (recipient: NewsletterRecipient) => { html: string; text: string } {
  const html = compile(rendered.html);
  const text = compile(rendered.text);
  return (recipient) => {
    const raw: Values = {
      name: recipient.name.trim(),
      email: recipient.email,
      unsubscribeUrl: recipient.unsubscribeUrl,
      manageUrl: recipient.manageUrl,
      trackingToken: recipient.trackingToken,
    };
    const escaped: Values = {
      name: escapeHtml(raw.name),
      email: escapeHtml(raw.email),
      unsubscribeUrl: escapeHtml(raw.unsubscribeUrl),
      manageUrl: escapeHtml(raw.manageUrl),
      trackingToken: escapeHtml(raw.trackingToken),
    };
    const hasName = raw.name !== '';
    return { html: fill(html, escaped, hasName), text: fill(text, raw, hasName) };
  };
}
