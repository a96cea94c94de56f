import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The time a comment form was rendered, signed so a bot cannot claim it waited: `ms.signature`.
 *
 * @example
 * const stamp = createFormTime(key);
 * stamp.sign(new Date()); // "1764048000000.Qm9…"
 * stamp.secondsSince(token, new Date()); // 12.5, or null when forged or unreadable
 */
export function createFormTime(key: Buffer) {
  const signatureOf = (ms: string) => createHmac('sha256', key).update(ms).digest('base64url').slice(0, 22);
  return {
    sign: (at: Date): string => `${at.getTime()}.${signatureOf(String(at.getTime()))}`,
    secondsSince(token: string, now: Date): number | null {
      const [ms, signature] = token.split('.');
      if (!ms || !signature || !/^\d{1,15}$/.test(ms)) return null;
      const expected = Buffer.from(signatureOf(ms));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return (now.getTime() - Number(ms)) / 1000;
    },
  };
}
