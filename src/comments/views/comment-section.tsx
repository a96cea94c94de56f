import type { CaptchaWidget as Widget } from '../../captcha/captcha.ts';
import type { Translator } from '../../lib/i18n.ts';
import type { CommentNode, PublicComment } from '../comment.ts';
import { CommentForm } from './comment-form.tsx';
import { CommentBody, type CommentDisplay, CommentThread } from './comment-item.tsx';

export type CommentAreaData = {
  threads: CommentNode[];
  featured: PublicComment[];
  total: number;
  page: number;
  pages: number;
  isOpen: boolean;
  isEmailRequired: boolean;
  canReply: boolean;
};

export type CommentSectionProps = {
  tr: Translator;
  timeZone: string;
  articleId: string;
  language: string;
  articleUrl: string;
  data: CommentAreaData;
  formAction: string;
  formTime: string;
  captcha: Widget;
  scriptUrl: string;
  replyUrl: (id: string) => string;
  reportUrl: (id: string) => string;
};

/**
 * The comment area under an article: featured comments, the threads (paginated), then the form.
 * Rendered into the cached page, so search engines and readers without JavaScript see it; what is
 * per reader (the CAPTCHA challenge, a draft) is fetched or kept by the script.
 */
export function CommentSection(props: CommentSectionProps) {
  const { tr, data } = props;
  const { t } = tr;
  const display: CommentDisplay = {
    tr,
    timeZone: props.timeZone,
    replyUrl: props.replyUrl,
    reportUrl: props.reportUrl,
    canReply: data.isOpen && data.canReply,
  };
  const pageUrl = (page: number) => `${props.articleUrl}${page > 1 ? `?cpage=${page}` : ''}#comments`;
  return (
    <section
      class="comments"
      id="comments"
      aria-labelledby="comments-heading"
      data-comments-script={props.scriptUrl}
    >
      <h2 id="comments-heading">{t('comments.heading', { count: data.total })}</h2>
      {data.featured.length > 0 ? (
        <section class="comments-featured" aria-labelledby="comments-featured-heading">
          <h3 id="comments-featured-heading">{t('comments.featured')}</h3>
          <ul>
            {data.featured.map((comment) => (
              <li key={comment.id}>
                <CommentBody
                  comment={comment}
                  display={{ ...display, canReply: false }}
                  idPrefix="featured-comment"
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.threads.length > 0 ? (
        <ol class="comment-list">
          {data.threads.map((node) => (
            <CommentThread key={node.id} node={node} display={display} />
          ))}
        </ol>
      ) : (
        <p class="comments-empty">{data.isOpen ? t('comments.none') : ''}</p>
      )}
      {data.pages > 1 ? (
        <nav class="comment-pages" aria-label={t('comments.pages')}>
          {data.page > 1 ? (
            <a href={pageUrl(data.page - 1)} rel="prev">
              {t('comments.older')}
            </a>
          ) : null}
          <span>{t('comments.pageOf', { page: data.page, pages: data.pages })}</span>
          {data.page < data.pages ? (
            <a href={pageUrl(data.page + 1)} rel="next">
              {t('comments.newer')}
            </a>
          ) : null}
        </nav>
      ) : null}
      {data.isOpen ? (
        <CommentForm
          tr={tr}
          action={props.formAction}
          articleId={props.articleId}
          language={props.language}
          formTime={props.formTime}
          captcha={props.captcha}
          isEmailRequired={data.isEmailRequired}
        />
      ) : (
        <p class="comments-closed">{t('comments.closed')}</p>
      )}
      <script type="module" src={props.scriptUrl} />
    </section>
  );
}
