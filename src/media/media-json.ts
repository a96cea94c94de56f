import type { Media } from './media.ts';

/**
 * A media item as the Admin API shows it. `srcset` lists the WebP variants and the image itself
 * (`url 400w, …, url 1600w`), ready for an `<img>`; the AVIF variants are in `variants` for a
 * `<picture>` source.
 *
 * @example
 * reply.send({ media: [mediaJson(item, media.urlOf)] });
 */
export function mediaJson(media: Media, urlOf: (key: string) => string) {
  const url = urlOf(media.path);
  const variants = media.variants.map((variant) => ({
    width: variant.width,
    format: variant.format,
    url: urlOf(variant.path),
  }));
  const srcset = [
    ...variants.filter((variant) => variant.format === 'webp').sort((a, b) => a.width - b.width),
    { width: media.width, url },
  ]
    .map((candidate) => `${candidate.url} ${candidate.width}w`)
    .join(', ');
  return {
    id: media.id,
    kind: media.kind,
    url,
    width: media.width,
    height: media.height,
    mime: media.mime,
    bytes: media.bytes,
    original_name: media.originalName,
    alt: media.alt,
    caption: media.caption,
    credit: media.credit,
    variants,
    srcset,
    uploaded_by: media.uploadedBy,
    created_at: media.createdAt.toISOString(),
  };
}
