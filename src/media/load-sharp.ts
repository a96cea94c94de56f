import type SharpType from 'sharp';

let loading: Promise<typeof SharpType> | undefined;

/**
 * sharp, loaded on first use: its native library costs about 30 MB of memory, which a process that
 * never touches an image (a newsletter worker, the CLI) should not pay.
 *
 * @example
 * const sharp = await loadSharp();
 * const meta = await sharp(file).metadata();
 */
export const loadSharp = (): Promise<typeof SharpType> => {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
};
