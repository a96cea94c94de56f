export type TokenScope = 'admin' | 'read';

/** An API token as `/api/admin/tokens` lists it (never with its secret). */
export type ApiToken = {
  id: string;
  name: string;
  scope: TokenScope;
  created_at: string;
  last_used_at: string | null;
};

/** The answer to creating one: the secret, this once. */
export type CreatedToken = ApiToken & { secret: string };
