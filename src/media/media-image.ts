import type { Metadata, Sharp } from 'sharp';
import { ValidationError } from '../lib/errors.ts';
import { loadSharp } from './load-sharp.ts';
import { RESPONSIVE_WIDTHS, type VariantFormat } from './media.ts';

/**
 * The longest side of the image that is served; larger uploads are scaled down to it (WordPress's
 * "big image" threshold: https://make.wordpress.org/core/2019/10/09/introducing-handling-of-big-images-in-wordpress-5-3/).
 */
export const MAX_DIMENSION = 2560;

/** Pixels (width × height) an upload may have: more than any camera a newsroom uses, less than a decompression bomb. */
export const MAX_INPUT_PIXELS = 100_000_000;

/** The formats accepted, by sharp's name for them; AVIF is `heif` with AV1 compression. */
const ACCEPTED: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

export type EncodedImage = { width: number; height: number; bytes: Buffer };

/** An upload re-encoded: the WebP that is served and its narrower WebP and AVIF copies. */
export type ProcessedImage = {
  /** The upload's type, decided from its bytes. */
  mime: string;
  main: EncodedImage;
  variants: (EncodedImage & { format: VariantFormat })[];
};

const refuse = (code: string, message: string) => ValidationError.field('file', code, message);

const unsupported = (reason: string) =>
  refuse('UNSUPPORTED_FILE', `${reason} Upload a JPEG, PNG, WebP, AVIF or GIF image.`);

const svgRefused = () =>
  refuse(
    'SVG_NOT_ALLOWED',
    'SVG images are not accepted: they can carry scripts that would run on the site. Upload a PNG or WebP instead.',
  );

/** Markup (SVG, HTML, XML) is refused before any image decoder sees it. */
function refuseMarkup(bytes: Buffer): void {
  const head = bytes
    .subarray(0, 65_536)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (!head.trimStart().startsWith('<')) return;
  throw /<svg[\s>/]/i.test(head) ? svgRefused() : unsupported('This file is text, not an image.');
}

async function readMetadata(bytes: Buffer): Promise<Metadata> {
  try {
    const sharp = await loadSharp();
    return await sharp(bytes).metadata();
  } catch {
    // sharp could not recognise the bytes as any image format it knows.
    throw unsupported('This file is not an image in a format Masthead reads.');
  }
}

/**
 * The upload's MIME type, decided from its bytes by sharp (never from its name or the client's
 * Content-Type): SVG is refused for the scripts it may hold, formats other than JPEG, PNG, WebP,
 * AVIF and GIF as unsupported, each as a 422 naming the field `file`.
 *
 * @example
 * const { mime } = await detectImage(bytes); // 'image/png' for a PNG named photo.jpg
 */
export async function detectImage(bytes: Buffer): Promise<{ mime: string; metadata: Metadata }> {
  if (bytes.length === 0) throw refuse('FIELD_REQUIRED', 'The file is empty.');
  refuseMarkup(bytes);
  const metadata = await readMetadata(bytes);
  if (metadata.format === 'svg') throw svgRefused();
  const format = metadata.format === 'heif' && metadata.compression === 'av1' ? 'avif' : metadata.format;
  const mime = ACCEPTED[format];
  if (!mime) throw unsupported(`${format.toUpperCase()} files are not accepted.`);
  const { width, height } = metadata;
  if (!width || !height) throw unsupported('The image has no dimensions.');
  if (width * height > MAX_INPUT_PIXELS) {
    throw refuse(
      'IMAGE_TOO_LARGE',
      `The image is ${width} × ${height} pixels; at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted.`,
    );
  }
  return { mime, metadata };
}

/** Decodes once: turned upright by its EXIF orientation, scaled to fit MAX_DIMENSION, in sRGB. */
async function decode(bytes: Buffer) {
  const sharp = await loadSharp();
  try {
    return await sharp(bytes, { autoOrient: true, limitInputPixels: MAX_INPUT_PIXELS })
      .resize({ width: MAX_DIMENSION, height: MAX_DIMENSION, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch {
    // The header was readable but the pixel data is damaged or truncated (sharp's failOn 'warning').
    throw refuse('DAMAGED_IMAGE', 'The image could not be read: the file is damaged or incomplete.');
  }
}

/**
 * Re-encodes an upload: the pixels are decoded and written again, so nothing of the original file
 * survives but its picture — no EXIF (GPS, camera, orientation), XMP, comments or ICC profile (the
 * colours are converted to sRGB first). Gives the served WebP and, for each of RESPONSIVE_WIDTHS
 * narrower than it, a WebP and an AVIF copy. Animated images keep their first frame.
 *
 * @example
 * const { mime, main, variants } = await processImage(await file.toBuffer());
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  const { mime } = await detectImage(bytes);
  const { data, info } = await decode(bytes);
  const sharp = await loadSharp();
  const pixels = () =>
    sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  const encode = async (image: Sharp, format: VariantFormat): Promise<EncodedImage> => {
    // AVIF effort 2 of 9: at the default 4 a 1200-pixel photo takes seconds on a small server, for
    // files a few per cent smaller.
    const encoded = format === 'webp' ? image.webp({ quality: 80 }) : image.avif({ quality: 50, effort: 2 });
    const { data: out, info: written } = await encoded.toBuffer({ resolveWithObject: true });
    return { width: written.width, height: written.height, bytes: out };
  };
  const widths = RESPONSIVE_WIDTHS.filter((width) => width < info.width);
  const [main, ...variants] = await Promise.all([
    encode(pixels(), 'webp'),
    ...widths.flatMap((width) =>
      (['webp', 'avif'] as const).map(async (format) => ({
        ...(await encode(pixels().resize({ width }), format)),
        format,
      })),
    ),
  ]);
  return { mime, main: main as EncodedImage, variants: variants as ProcessedImage['variants'] };
}
