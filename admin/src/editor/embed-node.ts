import { Node } from '@tiptap/core';
import type { DOMOutputSpec } from '@tiptap/pm/model';
import { t } from '../i18n.ts';
import { isAllowedPlayer } from './embed-url.ts';

export type EmbedAttrs = { url: string; src: string | null; title: string };

function embedAttrs(figure: HTMLElement): EmbedAttrs | false {
  const frame = figure.querySelector('iframe');
  const src = frame?.getAttribute('src');
  if (src && isAllowedPlayer(src)) return { url: src, src, title: frame?.getAttribute('title') ?? '' };
  const link = figure.querySelector('a[href]');
  const href = link?.getAttribute('href');
  return href ? { url: href, src: null, title: link?.textContent?.trim() ?? '' } : false;
}

/**
 * An embedded video or a link card, written as the sanitizer keeps it:
 * `<figure class="embed"><iframe src="https://www.youtube-nocookie.com/embed/…" title=…></iframe></figure>`
 * or `<figure class="embed"><a href="…">title</a></figure>`. In the editor it shows as a card:
 * the newsroom loads no third-party player while writing.
 */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      url: { default: '', rendered: false },
      src: { default: null, rendered: false },
      title: { default: '', rendered: false },
    };
  },

  parseHTML() {
    return [
      { tag: 'figure.embed', priority: 60, getAttrs: (node) => embedAttrs(node) },
      {
        tag: 'iframe[src]',
        getAttrs: (node) => {
          const src = node.getAttribute('src') ?? '';
          return isAllowedPlayer(src) ? { url: src, src, title: node.getAttribute('title') ?? '' } : false;
        },
      },
    ];
  },

  renderHTML({ node }) {
    const { url, src, title } = node.attrs as EmbedAttrs;
    const content: DOMOutputSpec = src
      ? [
          'iframe',
          {
            src,
            title: title || t('editor.embedVideoTitle'),
            width: '560',
            height: '315',
            allowfullscreen: '',
            loading: 'lazy',
          },
        ]
      : ['a', { href: url, rel: 'noopener' }, title || url];
    return ['figure', { class: 'embed' }, content];
  },

  addNodeView() {
    return ({ node }) => {
      const { url, src, title } = node.attrs as EmbedAttrs;
      const dom = document.createElement('figure');
      dom.className = 'embed embed-card';
      dom.contentEditable = 'false';
      const kind = document.createElement('strong');
      kind.textContent = src ? t('editor.embedVideo') : t('editor.embedLinkCard');
      const where = document.createElement('span');
      where.textContent = title ? `${title} — ${url}` : url;
      dom.append(kind, ' ', where);
      return { dom };
    };
  },
});
