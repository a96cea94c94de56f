import { createHash } from 'node:crypto';
import { loadSharp } from '../media/load-sharp.ts';

/**
 * Abstract editorial artwork for the demo site, drawn as SVG and encoded to WebP by sharp.
 * Everything is derived from a SHA-256 of the seed, so the same seed always yields the same bytes
 * and no network, font or stock photo is ever needed.
 */

export type RenderDemoImageOptions = { seed: string; width: number; height: number };
export type RenderDemoAvatarOptions = { seed: string; size: number };

type Random = () => number;

const WEBP_QUALITY = 70;
const MIN_SIDE = 16;
const MAX_SIDE = 4096;

/** A stream of numbers in [0, 1) read from SHA-256 of `seed:counter`, block after block. */
function createSeededRandom(seed: string): Random {
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 4 > block.length) {
      block = createHash('sha256').update(`${seed}:${counter}`).digest();
      counter += 1;
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value / 0x1_0000_0000;
  };
}

const between = (random: Random, min: number, max: number): number => min + random() * (max - min);
const round = (value: number): number => Math.round(value * 100) / 100;

/** Hex rather than hsl() so the colour never depends on how much CSS the SVG renderer understands. */
function hsl(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const channel = (n: number): string => {
    const k = (n + hue / 30) % 12;
    const value = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function assertSide(name: string, value: number): void {
  if (!Number.isInteger(value) || value < MIN_SIDE || value > MAX_SIDE) {
    throw new RangeError(`${name} must be an integer from ${MIN_SIDE} to ${MAX_SIDE}, got ${value}`);
  }
}

/** A closed band of gentle waves from `y` down to the bottom edge. */
function wavePath(random: Random, width: number, height: number, y: number, amplitude: number): string {
  const crests = Math.floor(between(random, 2, 6));
  const step = width / crests;
  const phase = random() > 0.5 ? 1 : -1;
  let path = `M0 ${round(y)} Q${round(step / 4)} ${round(y - amplitude * phase)} ${round(step / 2)} ${round(y)}`;
  for (let x = step; x <= width + step / 2; x += step / 2) {
    path += ` T${round(x)} ${round(y)}`;
  }
  return `${path} L${width} ${height} L0 ${height} Z`;
}

/** A low headland along the horizon: a few random heights joined by straight lines. */
function headlandPath(random: Random, width: number, horizon: number, height: number): string {
  const start = between(random, -0.1, 0.5) * width;
  const end = start + between(random, 0.3, 0.7) * width;
  const points = [`M${round(start)} ${round(horizon)}`];
  const steps = 6;
  for (let i = 1; i < steps; i += 1) {
    const x = start + ((end - start) * i) / steps;
    points.push(`L${round(x)} ${round(horizon - between(random, 0.02, 0.08) * height)}`);
  }
  points.push(`L${round(end)} ${round(horizon)} Z`);
  return points.join(' ');
}

function buildSceneSvg({ seed, width, height }: RenderDemoImageOptions): string {
  const random = createSeededRandom(seed);
  // The sky may take any hue, but the sun stays warm and the sea stays in the blues and greens,
  // so that every seed still reads as a coastline rather than a random colour field.
  const hue = random() * 360;
  const sunHue = between(random, 8, 50);
  const seaHue = between(random, 180, 235);
  const isNight = random() < 0.25;
  const skyLight = isNight ? between(random, 12, 22) : between(random, 62, 80);
  const horizon = height * between(random, 0.52, 0.7);
  const sunX = width * between(random, 0.15, 0.85);
  const sunY = horizon - height * between(random, 0.05, 0.3);
  const sunRadius = height * between(random, 0.07, 0.16);

  const skyTop = hsl(hue, between(random, 25, 50), skyLight - 10);
  const skyBottom = hsl(random() < 0.5 ? sunHue : hue, between(random, 40, 65), skyLight + 10);
  const sun = hsl(sunHue, 85, isNight ? 88 : 62);
  const seaTop = hsl(seaHue, 40, isNight ? 18 : 42);
  const seaBottom = hsl(seaHue, 50, isNight ? 8 : 22);
  const land = hsl(hue, 20, isNight ? 10 : 28);

  const shapes: string[] = [
    `<rect width="${width}" height="${height}" fill="url(#sky)"/>`,
    `<circle cx="${round(sunX)}" cy="${round(sunY)}" r="${round(sunRadius * 2.4)}" fill="url(#glow)"/>`,
    `<circle cx="${round(sunX)}" cy="${round(sunY)}" r="${round(sunRadius)}" fill="${sun}"/>`,
    `<path d="${headlandPath(random, width, horizon, height)}" fill="${land}" opacity="0.85"/>`,
  ];

  const barCount = Math.floor(between(random, 3, 9));
  const barStart = width * between(random, 0.05, 0.7);
  const barWidth = width * between(random, 0.008, 0.02);
  for (let i = 0; i < barCount; i += 1) {
    const barHeight = height * between(random, 0.05, 0.28);
    const x = barStart + i * barWidth * between(random, 1.6, 2.6);
    shapes.push(
      `<rect x="${round(x)}" y="${round(horizon - barHeight)}" width="${round(barWidth)}" height="${round(barHeight)}" fill="${land}" opacity="0.9"/>`,
    );
  }

  shapes.push(
    `<rect y="${round(horizon)}" width="${width}" height="${round(height - horizon)}" fill="url(#sea)"/>`,
  );
  for (let i = 0; i < 4; i += 1) {
    const y = horizon + (height - horizon) * (i * 0.22 + between(random, 0.02, 0.12));
    const amplitude = height * between(random, 0.01, 0.035);
    const fill = hsl(i % 2 === 0 ? seaHue : hue, 45, isNight ? 20 + i * 4 : 38 - i * 4);
    shapes.push(`<path d="${wavePath(random, width, height, y, amplitude)}" fill="${fill}" opacity="0.35"/>`);
  }
  for (let i = 0; i < 5; i += 1) {
    const y = horizon + (height - horizon) * (0.06 + i * 0.09);
    const half = sunRadius * between(random, 0.3, 1.1) * (1 - i * 0.12);
    shapes.push(
      `<rect x="${round(sunX - half)}" y="${round(y)}" width="${round(half * 2)}" height="${round(height * 0.008)}" fill="${sun}" opacity="0.5"/>`,
    );
  }
  const buoyCount = Math.floor(between(random, 0, 4));
  for (let i = 0; i < buoyCount; i += 1) {
    const x = width * between(random, 0.05, 0.95);
    const y = horizon + (height - horizon) * between(random, 0.3, 0.9);
    shapes.push(`<circle cx="${round(x)}" cy="${round(y)}" r="${round(height * 0.012)}" fill="${sun}"/>`);
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<defs>',
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyBottom}"/></linearGradient>`,
    `<linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${seaTop}"/><stop offset="1" stop-color="${seaBottom}"/></linearGradient>`,
    `<radialGradient id="glow"><stop offset="0" stop-color="${sun}" stop-opacity="0.55"/><stop offset="1" stop-color="${sun}" stop-opacity="0"/></radialGradient>`,
    '</defs>',
    ...shapes,
    '</svg>',
  ].join('');
}

function buildAvatarSvg({ seed, size }: RenderDemoAvatarOptions): string {
  const random = createSeededRandom(`avatar:${seed}`);
  const hue = random() * 360;
  const accentHue = (hue + between(random, 90, 270)) % 360;
  const centre = size / 2;
  const radius = size * 0.42;
  const offsetX = centre + size * between(random, -0.12, 0.12);
  const offsetY = centre + size * between(random, -0.12, 0.12);
  const horizon = centre + size * between(random, -0.05, 0.2);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    `<defs><clipPath id="disc"><circle cx="${centre}" cy="${centre}" r="${round(radius)}"/></clipPath></defs>`,
    `<rect width="${size}" height="${size}" fill="${hsl(hue, 35, 92)}"/>`,
    `<circle cx="${centre}" cy="${centre}" r="${round(radius)}" fill="${hsl(hue, 55, 48)}"/>`,
    '<g clip-path="url(#disc)">',
    `<rect y="${round(horizon)}" width="${size}" height="${size}" fill="${hsl(hue, 60, 30)}"/>`,
    `<circle cx="${round(offsetX)}" cy="${round(offsetY)}" r="${round(size * between(random, 0.1, 0.2))}" fill="${hsl(accentHue, 75, 68)}"/>`,
    '</g>',
    `<circle cx="${centre}" cy="${centre}" r="${round(radius)}" fill="none" stroke="${hsl(accentHue, 40, 80)}" stroke-width="${round(size * 0.02)}"/>`,
    '</svg>',
  ].join('');
}

const encodeWebp = async (svg: string): Promise<Buffer> =>
  (await loadSharp())(Buffer.from(svg)).webp({ quality: WEBP_QUALITY }).toBuffer();

/**
 * Renders a deterministic abstract seascape (sky, sun, headland, quay bars, waves) as WebP.
 *
 * @example
 * const webp = await renderDemoImage({ seed: 'harbour-dredging', width: 1200, height: 675 });
 */
export async function renderDemoImage(options: RenderDemoImageOptions): Promise<Buffer> {
  assertSide('width', options.width);
  assertSide('height', options.height);
  return encodeWebp(buildSceneSvg(options));
}

/**
 * Renders a deterministic square avatar: a coloured disc with a horizon and a small sun, as WebP.
 *
 * @example
 * const webp = await renderDemoAvatar({ seed: 'amara-nwosu-pell', size: 256 });
 */
export async function renderDemoAvatar(options: RenderDemoAvatarOptions): Promise<Buffer> {
  assertSide('size', options.size);
  return encodeWebp(buildAvatarSvg(options));
}
