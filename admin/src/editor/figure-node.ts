import { Node } from '@tiptap/core';
import type { DOMOutputSpec } from '@tiptap/pm/model';
import type { ChosenImage } from './article-types.ts';

const positive = (value: string | null): number | null => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : null;
};

/** An image's attributes as an `<img>` carries them. */
function imageAttrs(img: HTMLImageElement): Pick<ChosenImage, 'src' | 'alt' | 'width' | 'height'> {
  return {
    src: img.getAttribute('src') ?? '',
    alt: img.getAttribute('alt') ?? '',
    width: positive(img.getAttribute('width')),
    height: positive(img.getAttribute('height')),
  };
}

/** Reads `<figure><img><figcaption>caption <span class="credit">credit</span></figcaption></figure>`. */
function figureAttrs(figure: HTMLElement): ChosenImage | false {
  const img = figure.querySelector('img');
  if (!img?.getAttribute('src')) return false;
  const caption = figure.querySelector('figcaption')?.cloneNode(true) as HTMLElement | undefined;
  const credit = caption?.querySelector('.credit');
  const creditText = credit?.textContent?.trim() ?? '';
  credit?.remove();
  return { ...imageAttrs(img), caption: caption?.textContent?.trim() ?? '', credit: creditText };
}

/**
 * An image from the media library with its caption and credit, written as the markup the site
 * turns into responsive variants:
 * `<figure class="image"><img src alt width height><figcaption>caption <span class="credit">credit</span></figcaption></figure>`.
 * One block (an atom): the media dialog edits its words. A bare `<img>` pasted in becomes one too.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      src: { default: '', rendered: false },
      alt: { default: '', rendered: false },
      width: { default: null, rendered: false },
      height: { default: null, rendered: false },
      caption: { default: '', rendered: false },
      credit: { default: '', rendered: false },
    };
  },

  parseHTML() {
    return [
      { tag: 'figure.image', getAttrs: (node) => figureAttrs(node) },
      {
        tag: 'figure',
        priority: 40,
        getAttrs: (node) => (node.classList.contains('embed') ? false : figureAttrs(node)),
      },
      {
        tag: 'img[src]',
        priority: 30,
        getAttrs: (node) => ({ ...imageAttrs(node as HTMLImageElement), caption: '', credit: '' }),
      },
    ];
  },

  renderHTML({ node }) {
    const { src, alt, width, height, caption, credit } = node.attrs as ChosenImage;
    const img: DOMOutputSpec = [
      'img',
      {
        src,
        alt: alt ?? '',
        ...(width ? { width: String(width) } : {}),
        ...(height ? { height: String(height) } : {}),
      },
    ];
    const words: (DOMOutputSpec | string)[] = [];
    if (caption) words.push(caption);
    if (caption && credit) words.push(' ');
    if (credit) words.push(['span', { class: 'credit' }, credit]);
    return words.length > 0
      ? ['figure', { class: 'image' }, img, ['figcaption', {}, ...words]]
      : ['figure', { class: 'image' }, img];
  },
});
