import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration: environment variables, optionally from a JSON file (`masthead.config.json` in the
 * working directory, or the path in MASTHEAD_CONFIG) with the same keys. The environment wins.
 * Parsed once; a wrong value stops start-up with one line naming the variable.
 */
const databaseUrl = z
  .string()
  .trim()
  .refine((value) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(value), {
    message: 'expected sqlite:PATH (e.g. sqlite:./data/masthead.db) or postgres://user@host:5432/db',
  });

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'expected an absolute http:// or https:// URL',
  })
  .transform((value) => value.replace(/\/+$/, ''));

const port = z.coerce
  .number({ message: 'expected a whole number from 1 to 65535' })
  .int({ message: 'expected a whole number from 1 to 65535' })
  .min(1, { message: 'expected a whole number from 1 to 65535' })
  .max(65535, { message: 'expected a whole number from 1 to 65535' });

/** One mailbox (RFC 5322 name-addr or addr-spec), on one line: no second recipient, no extra header. */
const mailbox = /^(?:(?:"[^"\r\n]*"|[^<>\r\n,;"]*)\s*<[^\s@<>,;"]+@[^\s@<>,;"]+>|[^\s@<>,;"]+@[^\s@<>,;"]+)$/;

/** A site's own host when it has a name; an IP address is no mail domain, so fall back to localhost. */
function defaultMailFrom(siteUrl: string | undefined): string {
  const host = siteUrl ? new URL(siteUrl).hostname : 'localhost';
  const isAddress = /^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[');
  return `Masthead <no-reply@${isAddress ? 'localhost' : host}>`;
}

/** `altcha` is self-hosted proof of work (no third-party request); the others call the provider's siteverify. */
export const captchaProviders = ['altcha', 'recaptcha-v2', 'recaptcha-v3', 'hcaptcha', 'turnstile'] as const;
export type CaptchaProvider = (typeof captchaProviders)[number];

const envSchema = z.object({
  DATABASE_URL: databaseUrl.default('sqlite:./data/masthead.db'),
  HOST: z.string().trim().min(1, { message: 'expected a host name or IP address' }).default('127.0.0.1'),
  PORT: port.default(3000),
  SITE_URL: httpUrl.optional(),
  SMTP_URL: z
    .string()
    .trim()
    .refine((value) => /^smtps?:\/\/.+/.test(value) && URL.canParse(value), {
      message: 'expected smtp://user:pass@host:587 or smtps://…',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .refine((value) => mailbox.test(value), {
      message: 'expected an address such as news@example.com or "Daily News <news@example.com>"',
    })
    .optional(),
  MEDIA_DIR: z.string().trim().min(1, { message: 'expected a directory path' }).default('./data/media'),
  MASTHEAD_SECRET: z
    .string()
    .min(32, {
      message: 'expected at least 32 characters of random text (or leave it unset to generate one)',
    })
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  BODY_LIMIT: z.coerce
    .number({ message: 'expected a size in bytes' })
    .int({ message: 'expected a whole number of bytes' })
    .min(1024, { message: 'expected at least 1024 bytes' })
    .default(1_048_576),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  API_RATE_LIMIT: z.coerce
    .number({ message: 'expected requests per minute per client (0 turns the limit off)' })
    .int({ message: 'expected a whole number of requests per minute' })
    .min(0, { message: 'expected 0 or more requests per minute' })
    .default(1200),
  PAGE_CACHE: z
    .enum(['on', 'off', 'true', 'false', '1', '0'], { message: 'expected on or off' })
    .default('on')
    .transform((value) => ['on', 'true', '1'].includes(value)),
  JOBS_POLL_MS: z.coerce
    .number({ message: 'expected milliseconds' })
    .int({ message: 'expected a whole number of milliseconds' })
    .min(50, { message: 'expected at least 50 milliseconds' })
    .default(1000),
  SMTP_POOL: z.coerce
    .number({ message: 'expected a number of SMTP connections' })
    .int({ message: 'expected a whole number of SMTP connections' })
    .min(1, { message: 'expected at least 1 SMTP connection' })
    .max(50, { message: 'expected at most 50 SMTP connections' })
    .default(4),
  MAIL_RATE: z.coerce
    .number({ message: 'expected newsletter messages per second (0 for no limit)' })
    .min(0, { message: 'expected 0 (no limit) or more messages per second' })
    .default(0),
  CAPTCHA_PROVIDER: z
    .enum(captchaProviders, { message: `expected one of ${captchaProviders.join(', ')}` })
    .default('altcha'),
  CAPTCHA_SITE_KEY: z.string().trim().min(1, { message: "expected the provider's site key" }).optional(),
  CAPTCHA_SECRET_KEY: z.string().trim().min(1, { message: "expected the provider's secret key" }).optional(),
  CAPTCHA_VERIFY_URL: httpUrl.optional(),
  CAPTCHA_EXPIRES: z.coerce
    .number({ message: 'expected seconds' })
    .int({ message: 'expected a whole number of seconds' })
    .min(2, { message: 'expected at least 2 seconds' })
    .default(600),
  CAPTCHA_DIFFICULTY: z.coerce
    .number({ message: 'expected a whole number from 1 to 10000000' })
    .int({ message: 'expected a whole number from 1 to 10000000' })
    .min(1, { message: 'expected a whole number from 1 to 10000000' })
    .max(10_000_000, { message: 'expected a whole number from 1 to 10000000' })
    .default(50_000),
  RECAPTCHA_MIN_SCORE: z.coerce
    .number({ message: 'expected a score from 0.0 to 1.0' })
    .min(0, { message: 'expected a score from 0.0 to 1.0' })
    .max(1, { message: 'expected a score from 0.0 to 1.0' })
    .default(0.5),
  AKISMET_KEY: z.string().trim().min(1, { message: 'expected an Akismet API key' }).optional(),
  AKISMET_URL: httpUrl.default('https://rest.akismet.com'),
});

export type Config = {
  databaseUrl: string;
  host: string;
  port: number;
  siteUrl: string;
  smtpUrl: string | undefined;
  /** The From of every mail; default `Masthead <no-reply@SITE_URL's host>`. */
  mailFrom: string;
  mediaDir: string;
  secret: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  bodyLimit: number;
  trustProxy: string[];
  jobsPollMs: number;
  apiRateLimit: number;
  /** SMTP connections kept open and used side by side (SMTP_POOL). */
  smtpPool: number;
  /** Newsletter messages per second at most, as the provider allows (MAIL_RATE; 0: no limit). */
  mailRate: number;
  isPageCacheEnabled: boolean;
  captcha: {
    provider: CaptchaProvider;
    siteKey: string | undefined;
    secretKey: string | undefined;
    /** Overrides the provider's siteverify URL (tests point it at a local fake). */
    verifyUrl: string | undefined;
    expiresSeconds: number;
    /** altcha: the largest number the browser may have to try. */
    difficulty: number;
    recaptchaMinScore: number;
  };
  /** Akismet checks comments only when `key` is set. */
  akismet: { key: string | undefined; baseUrl: string };
};

export const configKeys = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

/** Start-up stops with this: its message is one line naming the variable and what is expected. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export type LoadConfigOptions = { env?: NodeJS.ProcessEnv; cwd?: string };

/**
 * Reads the configuration once.
 *
 * @example
 * const config = loadConfig({ env: { PORT: '8080' } });
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const merged = { ...readConfigFile(env, cwd), ...pickKnown(env) };
  const result = envSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'configuration');
    const got = merged[variable as keyof typeof merged];
    const shown =
      secretVariables.has(variable) || got === undefined
        ? ''
        : ` (got ${JSON.stringify(withoutPassword(String(got)))})`;
    throw new ConfigError(
      variable,
      `Configuration error: ${variable}: ${issue?.message ?? 'invalid value'}${shown}`,
    );
  }
  const value = result.data;
  return {
    databaseUrl: value.DATABASE_URL,
    host: value.HOST,
    port: value.PORT,
    siteUrl:
      value.SITE_URL ?? `http://${value.HOST.includes(':') ? `[${value.HOST}]` : value.HOST}:${value.PORT}`,
    smtpUrl: value.SMTP_URL,
    mailFrom: value.MAIL_FROM ?? defaultMailFrom(value.SITE_URL),
    mediaDir: path.resolve(cwd, value.MEDIA_DIR),
    secret: value.MASTHEAD_SECRET,
    logLevel: value.LOG_LEVEL,
    bodyLimit: value.BODY_LIMIT,
    trustProxy: value.TRUST_PROXY,
    jobsPollMs: value.JOBS_POLL_MS,
    apiRateLimit: value.API_RATE_LIMIT,
    smtpPool: value.SMTP_POOL,
    mailRate: value.MAIL_RATE,
    isPageCacheEnabled: value.PAGE_CACHE,
    captcha: captchaConfig(value),
    akismet: { key: value.AKISMET_KEY, baseUrl: value.AKISMET_URL },
  };
}

/** Variables whose value is never echoed in an error message. */
const secretVariables = new Set(['MASTHEAD_SECRET', 'SMTP_URL', 'CAPTCHA_SECRET_KEY', 'AKISMET_KEY']);

/** A third-party CAPTCHA cannot work without both of its keys: say which one is missing. */
function captchaConfig(value: z.infer<typeof envSchema>): Config['captcha'] {
  const provider = value.CAPTCHA_PROVIDER;
  for (const variable of ['CAPTCHA_SITE_KEY', 'CAPTCHA_SECRET_KEY'] as const) {
    if (provider !== 'altcha' && value[variable] === undefined)
      throw new ConfigError(
        variable,
        `Configuration error: ${variable}: required when CAPTCHA_PROVIDER is ${provider}`,
      );
  }
  return {
    provider,
    siteKey: value.CAPTCHA_SITE_KEY,
    secretKey: value.CAPTCHA_SECRET_KEY,
    verifyUrl: value.CAPTCHA_VERIFY_URL,
    expiresSeconds: value.CAPTCHA_EXPIRES,
    difficulty: value.CAPTCHA_DIFFICULTY,
    recaptchaMinScore: value.RECAPTCHA_MIN_SCORE,
  };
}

/** A URL's password never reaches a log or a terminal. */
const withoutPassword = (value: string): string => value.replace(/(\/\/[^/:@\s]*:)[^@\s]*@/, '$1***@');

function pickKnown(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of configKeys) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  return picked;
}

function readConfigFile(env: NodeJS.ProcessEnv, cwd: string): Record<string, unknown> {
  const explicit = env.MASTHEAD_CONFIG;
  const file = path.resolve(cwd, explicit ?? 'masthead.config.json');
  if (!existsSync(file)) {
    if (explicit)
      throw new ConfigError('MASTHEAD_CONFIG', `Configuration error: MASTHEAD_CONFIG: no file at ${file}`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // JSON.parse's message quotes the text around the mistake, which may be a secret: say only which file.
    throw new ConfigError('MASTHEAD_CONFIG', `Configuration error: ${file} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      'MASTHEAD_CONFIG',
      `Configuration error: ${file} must hold a JSON object of variables`,
    );
  }
  const unknownKey = Object.keys(parsed).find((key) => !(configKeys as string[]).includes(key));
  if (unknownKey) {
    throw new ConfigError(
      unknownKey,
      `Configuration error: ${file}: unknown key ${unknownKey}; expected one of ${configKeys.join(', ')}`,
    );
  }
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [key, typeof value === 'number' ? String(value) : value]),
  );
}
