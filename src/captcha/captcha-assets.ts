import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CaptchaProvider } from '../config.ts';

/** Where the widget's files are served; the altcha script finds its worker and stylesheet beside itself. */
export const CAPTCHA_ASSETS_PREFIX = '/assets/captcha';

/**
 * Widget translations besides English (which the bundle carries), one per catalogue in
 * src/locales; the widget picks one from `<html lang>` and turns itself right-to-left for Arabic.
 */
const WIDGET_LANGUAGES = ['ar', 'fr-fr'];

const JAVASCRIPT = 'text/javascript; charset=utf-8';

export type CaptchaAsset = { body: Buffer; contentType: string };

export type CaptchaAssets = {
  /** Changes whenever any served byte does, so the files can be cached for a year under `?v=`. */
  version: string;
  /** By file name under CAPTCHA_ASSETS_PREFIX. */
  files: Record<string, CaptchaAsset>;
};

const read = (file: string): string => readFileSync(file, 'utf8');
const ownAsset = (name: string): string => read(path.join(import.meta.dirname, 'assets', name));

/**
 * The ALTCHA widget, self-hosted: altcha's `external` ES module bundle (no injected <style>, no
 * blob: worker, nothing fetched from a third party) with the site's translations and
 * `assets/altcha-boot.js` appended, its SHA worker and its stylesheet.
 */
function altchaFiles(): Record<string, CaptchaAsset> {
  // `altcha/external` resolves (through the package's exports) to dist/external/altcha.umd.cjs.
  const externalDir = path.dirname(createRequire(import.meta.url).resolve('altcha/external'));
  const distDir = path.dirname(externalDir);
  // Each translation file declares the same top-level names: a block keeps them apart in one module.
  const translations = WIDGET_LANGUAGES.map(
    (lang) => `{\n${read(path.join(distDir, 'i18n', `${lang}.js`))}\n}`,
  );
  const script = [read(path.join(externalDir, 'altcha.min.js')), ...translations, ownAsset('altcha-boot.js')];
  return {
    'altcha.js': { body: Buffer.from(script.join('\n;\n')), contentType: JAVASCRIPT },
    'sha-worker.js': {
      body: Buffer.from(read(path.join(distDir, 'workers', 'sha.js'))),
      contentType: JAVASCRIPT,
    },
    'altcha.css': {
      body: Buffer.from(read(path.join(externalDir, 'altcha.css'))),
      contentType: 'text/css; charset=utf-8',
    },
  };
}

/** reCAPTCHA v3 needs a few lines of the site's own to ask for a token on submit. */
const recaptchaV3Files = (): Record<string, CaptchaAsset> => ({
  'recaptcha-v3.js': { body: Buffer.from(ownAsset('recaptcha-v3.js')), contentType: JAVASCRIPT },
});

const loaded = new Map<CaptchaProvider, CaptchaAssets>();

/**
 * The files the site serves itself for a provider's widget: altcha's whole widget, the glue for
 * reCAPTCHA v3, nothing for the others. Read once, on first use.
 *
 * @example
 * const { version, files } = captchaAssets('altcha');
 * reply.type(files['altcha.js'].contentType).send(files['altcha.js'].body);
 */
export function captchaAssets(provider: CaptchaProvider): CaptchaAssets {
  const cached = loaded.get(provider);
  if (cached) return cached;
  const files = provider === 'altcha' ? altchaFiles() : provider === 'recaptcha-v3' ? recaptchaV3Files() : {};
  const hash = createHash('sha1');
  for (const file of Object.values(files)) hash.update(file.body);
  const assets = { version: hash.digest('hex').slice(0, 10), files };
  loaded.set(provider, assets);
  return assets;
}

/**
 * The URL of one of a provider's files, with its version.
 *
 * @example
 * captchaAssetUrl('altcha', 'altcha.js'); // '/assets/captcha/altcha.js?v=3f9a1c0b2e'
 */
export const captchaAssetUrl = (provider: CaptchaProvider, name: string): string =>
  `${CAPTCHA_ASSETS_PREFIX}/${name}?v=${captchaAssets(provider).version}`;
