/** `isOneClick` sends RFC 8058's body, so one endpoint serves mail clients and this button alike. */
export type PageAction = { action: string; label: string; isOneClick?: boolean };
export type PageLink = { href: string; label: string };

/**
 * A short page answering a link from an email: what happened, and at most one button (a POST, so
 * that a mail scanner fetching the link with GET never acts for the reader) and one link.
 */
export function NoticeView(props: {
  title: string;
  lines: string[];
  button?: PageAction | null;
  link?: PageLink | null;
}) {
  return (
    <article class="notice">
      <h1>{props.title}</h1>
      {props.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {props.button ? (
        <form method="post" action={props.button.action}>
          {props.button.isOneClick ? <input type="hidden" name="List-Unsubscribe" value="One-Click" /> : null}
          <button type="submit">{props.button.label}</button>
        </form>
      ) : null}
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      ) : null}
    </article>
  );
}
