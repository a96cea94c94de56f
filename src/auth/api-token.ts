export type TokenScope = 'admin' | 'read';
export const tokenScopes: TokenScope[] = ['admin', 'read'];

/** An Admin API token as stored: only the hash of the secret part. */
export type ApiToken = {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
