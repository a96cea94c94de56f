import { renderToString } from 'preact-render-to-string';
import type { Translator } from '../i18n.ts';

/** A mail as a few blocks, rendered once as plain text and once as HTML, so the two always agree. */
export type MailBlock =
  | { kind: 'text'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'link'; label: string; url: string };

export type ComposedMail = { subject: string; text: string; html: string; headers: Record<string, string> };

const plainText = (blocks: MailBlock[]): string =>
  `${blocks
    .map((block) => {
      if (block.kind === 'quote')
        return block.text
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n');
      return block.kind === 'link' ? `${block.label}\n${block.url}` : block.text;
    })
    .join('\n\n')}\n`;

/** Preact escapes every text and attribute: a reader's name or words can never become markup. */
const html = (tr: Translator, subject: string, blocks: MailBlock[]): string =>
  `<!doctype html>${renderToString(
    <html lang={tr.locale} dir={tr.dir}>
      <head>
        <meta charset="utf-8" />
        <title>{subject}</title>
      </head>
      <body>
        {blocks.map((block, index) => {
          if (block.kind === 'quote')
            return (
              <blockquote key={index} style="white-space: pre-wrap">
                {block.text}
              </blockquote>
            );
          if (block.kind === 'link')
            return (
              <p key={index}>
                {block.label}
                <br />
                <a href={block.url}>{block.url}</a>
              </p>
            );
          return <p key={index}>{block.text}</p>;
        })}
      </body>
    </html>,
  )}`;

/**
 * A mail from blocks: the plain-text and HTML parts come from the same blocks, so they always agree.
 *
 * @example
 * composeMail(tr, 'Confirm', [{ kind: 'text', text: 'Hello' }, { kind: 'link', label: 'Confirm', url }]);
 */
export const composeMail = (
  tr: Translator,
  subject: string,
  blocks: MailBlock[],
  headers: Record<string, string> = {},
) => ({
  subject,
  text: plainText(blocks),
  html: html(tr, subject, blocks),
  headers,
});
