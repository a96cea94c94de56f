import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { deriveKey } from '../lib/secret.ts';

/** RFC 6238's defaults, the ones every authenticator app supports: SHA-1, 6 digits, 30 seconds. */
const PERIOD_SECONDS = 30;
const settingsOf = (secret: Secret) => ({ secret, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS });

export type Totp = ReturnType<typeof createTotp>;

/**
 * TOTP second factor (RFC 6238). The shared secret is stored encrypted (AES-256-GCM with a key
 * derived from the site secret), so a copy of the database alone cannot produce codes.
 *
 * @example
 * const totp = createTotp(siteSecret);
 * const { sealed, base32, uri } = totp.enrol({ issuer: 'Harbour Herald', label: 'ada@example.com' });
 * totp.check(sealed, '123456', new Date()); // the accepted time step, or null
 */
export function createTotp(siteSecret: string) {
  const key = deriveKey(siteSecret, 'staff-totp');

  const seal = (base32: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  };

  const open = (sealed: string): Secret => {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('unreadable TOTP secret');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const base32 = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
    return Secret.fromBase32(base32);
  };

  return {
    /** A new secret (160 bits, RFC 4226 §4's recommendation): sealed for storage, and the otpauth:// URI for the app. */
    enrol(input: { issuer: string; label: string }): { sealed: string; base32: string; uri: string } {
      const secret = new Secret({ size: 20 });
      const uri = new TOTP({ issuer: input.issuer, label: input.label, ...settingsOf(secret) }).toString();
      return { sealed: seal(secret.base32), base32: secret.base32, uri };
    },

    /**
     * The time step a code belongs to when it is valid now (one step of clock drift either way, as
     * RFC 6238 §5.2 allows), or null. The caller refuses a step already used.
     */
    check(sealed: string, code: string, now: Date): number | null {
      if (!/^\d{6}$/.test(code)) return null;
      const timestamp = now.getTime();
      const delta = TOTP.validate({ token: code, timestamp, window: 1, ...settingsOf(open(sealed)) });
      if (delta === null) return null;
      return Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
    },
  };
}
