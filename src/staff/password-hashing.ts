import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { normalisePassword } from './staff-user.ts';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first configuration, which is also the
 * library's default: 19 MiB of memory, 2 passes, 1 lane (RFC 9106 §4 recommends argon2id).
 * The parameters travel inside the PHC string, so raising them later still verifies old hashes.
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export type PasswordHasher = {
  hash: (password: string) => Promise<string>;
  /** Whether `password` matches `passwordHash`; with no hash it still spends the same time, then says no. */
  verify: (passwordHash: string | null, password: string) => Promise<boolean>;
};

/**
 * Hashes and checks staff passwords. An account that does not exist (or has no password yet) is
 * checked against a dummy hash made at start, so that its answer takes as long as a wrong password.
 *
 * @example
 * const hasher = createPasswordHasher();
 * const stored = await hasher.hash('correct horse battery');
 * await hasher.verify(stored, 'correct horse battery'); // true
 */
export function createPasswordHasher(): PasswordHasher {
  let dummy: Promise<string> | null = null;
  const dummyHash = () => {
    dummy ??= hash(randomBytes(24).toString('base64url'), options);
    return dummy;
  };

  return {
    hash: (password) => hash(normalisePassword(password), options),
    async verify(passwordHash, password) {
      const normalised = normalisePassword(password);
      if (passwordHash === null) {
        await verify(await dummyHash(), normalised);
        return false;
      }
      return verify(passwordHash, normalised);
    },
  };
}
