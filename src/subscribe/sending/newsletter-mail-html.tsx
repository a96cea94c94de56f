import { renderToString } from 'preact-render-to-string';
import { placeholders } from './newsletter-personalisation.ts';

/** 600px is what every mail client shows without scrolling; the content sits inside 32px margins. */
const WIDTH = 600;
export const CONTENT_WIDTH = WIDTH - 64;

export type MailStory = {
  title: string;
  standfirst: string;
  href: string;
  meta: string;
  image: { src: string; alt: string; height: number | null } | null;
};

/** Everything a newsletter mail says, translated and neutralised, before it is laid out. */
export type MailContent = {
  lang: string;
  dir: 'ltr' | 'rtl';
  subject: string;
  siteTitle: string;
  siteUrl: string;
  heading: string;
  preheader: string;
  /** Holds the name placeholder: shown only to readers with a name. */
  greeting: string;
  /** "In this issue" above a digest's list; null for a single article. */
  contentsLabel: string | null;
  readLabel: string;
  stories: MailStory[];
  footer: { reason: string; sentTo: string; manage: string; unsubscribe: string };
  pixelUrl: string | null;
};

// Inline styles only: many mail clients drop <style> and never load external CSS.
const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const serif = "font-family:Georgia,'Times New Roman',serif;";
const ink = 'color:#1a1a1a;';
const muted = `${font}font-size:13px;line-height:20px;color:#5c5c5c;`;
const link = 'color:#0b5cad;text-decoration:underline;';
const presentation = { role: 'presentation', cellPadding: '0', cellSpacing: '0', border: '0' } as const;

function StoryBlock({ story, readLabel, isLead }: { story: MailStory; readLabel: string; isLead: boolean }) {
  const size = isLead ? 'font-size:26px;line-height:32px;' : 'font-size:20px;line-height:26px;';
  return (
    <tr>
      <td style="padding:0 32px 28px;">
        {story.image && (
          <a href={story.href} style="display:block;margin-bottom:16px;">
            <img
              src={story.image.src}
              alt={story.image.alt}
              width={CONTENT_WIDTH}
              {...(story.image.height ? { height: story.image.height } : {})}
              style={`display:block;width:100%;max-width:${CONTENT_WIDTH}px;height:auto;border:0;`}
            />
          </a>
        )}
        <h2 style={`margin:0 0 8px;${serif}${size}font-weight:bold;${ink}`}>
          <a href={story.href} style={`${ink}text-decoration:none;`}>
            {story.title}
          </a>
        </h2>
        <p style={`margin:0 0 8px;${muted}`}>{story.meta}</p>
        {story.standfirst && (
          <p style={`margin:0 0 12px;${font}font-size:16px;line-height:24px;${ink}`}>{story.standfirst}</p>
        )}
        <p style={`margin:0;${font}font-size:15px;line-height:22px;font-weight:bold;`}>
          <a href={story.href} style={link}>
            {readLabel}
          </a>
        </p>
      </td>
    </tr>
  );
}

/**
 * The HTML part: nested tables 600px wide at most (Outlook reads the `width` attribute, everyone
 * else the max-width), `lang` and `dir` on <html> and on the content table so that right-to-left
 * text lines up right in clients that drop one of them, and a hidden preheader first.
 *
 * @example
 * const html = renderMailHtml(content);
 */
export function renderMailHtml(mail: MailContent): string {
  const align = `text-align:${mail.dir === 'rtl' ? 'right' : 'left'};`;
  // Keeps mail clients from filling the inbox preview with the text after the preheader.
  const previewPadding = '\u200c\u00a0'.repeat(60);
  return `<!doctype html>${renderToString(
    <html lang={mail.lang} dir={mail.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="x-apple-disable-message-reformatting" />
        <meta name="color-scheme" content="light" />
        <title>{mail.subject}</title>
      </head>
      <body style="margin:0;padding:0;background-color:#f2f1ed;">
        <div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;font-size:1px;line-height:1px;color:#f2f1ed;mso-hide:all;">
          {mail.preheader}
          {previewPadding}
        </div>
        <table {...presentation} width="100%" style="background-color:#f2f1ed;">
          <tr>
            <td align="center" style="padding:24px 8px;">
              <table
                {...presentation}
                width={WIDTH}
                lang={mail.lang}
                dir={mail.dir}
                style={`width:100%;max-width:${WIDTH}px;background-color:#ffffff;${align}`}
              >
                <tr>
                  <td style="padding:28px 32px 20px;border-bottom:1px solid #e4e2dc;">
                    <a
                      href={`${mail.siteUrl}/`}
                      style={`${serif}font-size:22px;font-weight:bold;${ink}text-decoration:none;`}
                    >
                      {mail.siteTitle}
                    </a>
                    <p style={`margin:6px 0 0;${muted}`}>{mail.heading}</p>
                  </td>
                </tr>
                {placeholders.ifName}
                <tr>
                  <td style={`padding:24px 32px 0;${font}font-size:16px;line-height:24px;${ink}`}>
                    {mail.greeting}
                  </td>
                </tr>
                {placeholders.endIfName}
                {mail.contentsLabel && (
                  <tr>
                    <td style={`padding:24px 32px 0;${muted}text-transform:uppercase;letter-spacing:1px;`}>
                      {mail.contentsLabel}
                    </td>
                  </tr>
                )}
                <tr>
                  <td style="padding-top:24px;"></td>
                </tr>
                {mail.stories.map((story, index) => (
                  <StoryBlock key={index} story={story} readLabel={mail.readLabel} isLead={index === 0} />
                ))}
                <tr>
                  <td style={`padding:20px 32px 28px;border-top:1px solid #e4e2dc;${muted}`}>
                    <p style="margin:0 0 8px;">{mail.footer.reason}</p>
                    <p style="margin:0 0 8px;">{mail.footer.sentTo}</p>
                    <p style="margin:0;">
                      <a href={placeholders.manageUrl} style={link}>
                        {mail.footer.manage}
                      </a>
                      {' · '}
                      <a href={placeholders.unsubscribeUrl} style={link}>
                        {mail.footer.unsubscribe}
                      </a>
                    </p>
                  </td>
                </tr>
              </table>
              {mail.pixelUrl && (
                <img
                  src={mail.pixelUrl}
                  width={1}
                  height={1}
                  alt=""
                  style="display:block;width:1px;height:1px;border:0;"
                />
              )}
            </td>
          </tr>
        </table>
      </body>
    </html>,
  )}`;
}
