import { type CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { type AuditService, createAuditService } from '../audit/audit-service.ts';
import { requirePermission } from '../auth/permissions.ts';
import type { Database } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { isEmailAddress, MAX_EMAIL_LENGTH } from '../lib/email-address.ts';
import { ValidationError } from '../lib/errors.ts';
import { normaliseEmail } from '../lib/mail/outbox.ts';
import { normaliseSlug } from '../lib/slug.ts';
import type { Newsletter } from './newsletter.ts';
import { describeSubscribers } from './subscriber-directory.ts';
import { type ImportProgress, importSubscribers } from './subscriber-import.ts';

export { type ImportProgress, type ImportResult, importSubscribers } from './subscriber-import.ts';

/** A line that can be imported; `line` is its line number in the file (the header is line 1). */
export type GoodLine = {
  line: number;
  email: string;
  name: string;
  newsletterIds: string[];
  createdAt?: Date;
};
/** A line that cannot, and the column at fault (`csv` when the line itself is malformed). */
export type RejectedLine = { line: number; field: string; message: string };
export type ParsedCsv = { good: GoodLine[]; rejected: RejectedLine[] };

export const CSV_HEADER = [
  'email',
  'name',
  'newsletters',
  'created_at',
  'confirmed_at',
  'suppressed',
] as const;
export const NAME_MAX = 200;

const breaksIn = (text: string): number => text.split('\n').length - 1;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;
/** Spreadsheets run a cell starting with one of these as a formula; exports prefix it with "'" (OWASP CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Reads a subscriber CSV: a header row naming at least `email`, optionally `name`, `newsletters`
 * (slugs separated by ";" or "|"; rows without any get `defaultNewsletterSlugs`) and `created_at`
 * (ISO 8601). Other columns, such as those an export adds, are ignored. Every line is checked and
 * the bad ones reported by line number; only a file that cannot be read at all is an error.
 *
 * @example
 * const { good, rejected } = parseSubscriberCsv(text, { newsletters: await newsletters.listAll() });
 */
export function parseSubscriberCsv(
  text: string,
  options: { newsletters: Newsletter[]; defaultNewsletterSlugs?: string[] },
): ParsedCsv {
  const bySlug = new Map(options.newsletters.map((n) => [n.slug, n]));
  const defaults = (options.defaultNewsletterSlugs ?? []).map(normaliseSlug);
  const unknownDefault = defaults.find((slug) => !bySlug.has(slug));
  if (unknownDefault !== undefined)
    throw ValidationError.field(
      'newsletters',
      'UNKNOWN_NEWSLETTER',
      `There is no newsletter "${unknownDefault}".`,
    );

  const rejected: RejectedLine[] = [];
  // One kind of line end, so that csv-parse counts lines as an editor does (it counts a CRLF inside
  // quotes twice). Line breaks are refused in every field, so no value loses anything by it.
  const records = parse(text.replace(/\r\n?/g, '\n'), {
    bom: true,
    info: true,
    raw: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: '\n',
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const body = (raw ?? '').replace(/^\n+|\n+$/g, '');
      const end = typeof error?.lines === 'number' ? error.lines : 0;
      rejected.push({ line: Math.max(1, end - breaksIn(body)), field: 'csv', message: csvProblem(error) });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const [header, ...rows] = records;
  if (!header)
    throw ValidationError.field(
      'body',
      'CSV_EMPTY',
      'The file is empty: it needs a header row naming an email column.',
    );
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const column = (name: string) => columns.indexOf(name);
  const at: Columns = {
    email: column('email'),
    name: column('name'),
    newsletters: column('newsletters'),
    created: column('created_at'),
  };
  if (at.email < 0)
    throw ValidationError.field(
      'body',
      'CSV_NO_EMAIL_COLUMN',
      'The first row must name the columns, one of them "email".',
    );

  const firstLineOf = new Map<string, number>();
  const good: GoodLine[] = [];
  for (const { record, info } of rows) {
    const line = info.lines - record.reduce((sum, value) => sum + breaksIn(value), 0);
    const checked =
      record.length === columns.length
        ? checkLine(record, { at, bySlug, defaults, firstLineOf })
        : {
            field: 'csv',
            message: `The line has ${record.length} fields; the header has ${columns.length}.`,
          };
    if ('field' in checked) rejected.push({ line, ...checked });
    else {
      firstLineOf.set(checked.email, line);
      good.push({ line, ...checked });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { good, rejected };
}

type Columns = { email: number; name: number; newsletters: number; created: number };

/** The checks of one line, in the order a reader fixes them; the first failure is the one reported. */
function checkLine(
  record: string[],
  context: {
    at: Columns;
    bySlug: Map<string, Newsletter>;
    defaults: string[];
    firstLineOf: Map<string, number>;
  },
): Omit<GoodLine, 'line'> | { field: string; message: string } {
  const { at, bySlug } = context;
  const cell = (index: number) => (index < 0 ? '' : (record[index] ?? '').trim());
  const fail = (field: string, message: string) => ({ field, message });

  const email = normaliseEmail(cell(at.email));
  if (email === '') return fail('email', 'The email address is missing.');
  if (email.length > MAX_EMAIL_LENGTH)
    return fail('email', `The email address is longer than ${MAX_EMAIL_LENGTH} characters.`);
  if (!isEmailAddress(email))
    return fail('email', `"${cell(at.email)}" is not an email address such as reader@example.com.`);
  const firstLine = context.firstLineOf.get(email);
  if (firstLine !== undefined) return fail('email', `${email} already appears on line ${firstLine}.`);

  const rawName = at.name < 0 ? '' : (record[at.name] ?? '');
  if (controlCharacters.test(rawName))
    return fail('name', 'The name contains a line break or another control character.');
  const name = unescapeFormula(rawName.trim());
  if ([...name].length > NAME_MAX) return fail('name', `The name is longer than ${NAME_MAX} characters.`);

  const slugs = cell(at.newsletters)
    .split(/[;|]/)
    .map(normaliseSlug)
    .filter((slug) => slug !== '');
  const unknown = slugs.find((slug) => !bySlug.has(slug));
  if (unknown !== undefined) return fail('newsletters', `There is no newsletter "${unknown}".`);
  const newsletterIds = [...new Set(slugs.length > 0 ? slugs : context.defaults)].map(
    (slug) => bySlug.get(slug)?.id as string,
  );

  const created = cell(at.created);
  const createdAt = created === '' ? undefined : new Date(created);
  if (createdAt && (!isoDate.test(created) || Number.isNaN(createdAt.getTime())))
    return fail('created_at', `"${created}" is not a date such as 2024-05-01 or 2024-05-01T09:30:00Z.`);
  return { email, name, newsletterIds, ...(createdAt ? { createdAt } : {}) };
}

function csvProblem(error: CsvError | undefined): string {
  if (error?.code === 'CSV_QUOTE_NOT_CLOSED') return 'A quoted field is not closed (a " is missing).';
  return 'The line is not valid CSV.';
}

/** Undoes the export's protection of names that a spreadsheet would run as formulas. */
const unescapeFormula = (name: string): string =>
  name.startsWith("'") && formulaStart.test(name.slice(1)) ? name.slice(1) : name;
const escapeFormula = (value: string): string => (formulaStart.test(value) ? `'${value}` : value);

const EXPORT_PAGE = 1000;

/**
 * The subscriber list as CSV, one chunk per page of 1,000 subscribers (read by id, so memory stays
 * flat whatever the size of the list). The header comes first; `exportSubscribersCsv` joins them.
 *
 * @example
 * for await (const chunk of subscriberCsvChunks(database)) process.stdout.write(chunk);
 */
export async function* subscriberCsvChunks(database: Database): AsyncGenerator<string> {
  const { db } = database;
  yield stringify([[...CSV_HEADER]]);
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('subscribers')
      .select(['id', 'email', 'name', 'created_at', 'confirmed_at'])
      .orderBy('id')
      .limit(EXPORT_PAGE);
    if (after !== null) query = query.where('id', '>', after);
    const rows = await query.execute();
    if (rows.length === 0) return;
    const entries = await describeSubscribers(db, rows);
    yield stringify(
      entries.map((s) => [
        s.email,
        escapeFormula(s.name),
        s.newsletterSlugs.join(';'),
        s.createdAt.toISOString(),
        s.confirmedAt?.toISOString() ?? '',
        s.suppressed ?? '',
      ]),
    );
    after = rows.at(-1)?.id ?? null;
    if (rows.length < EXPORT_PAGE) return;
  }
}

/** The whole subscriber list as one CSV text (see `subscriberCsvChunks` to stream it). */
export async function exportSubscribersCsv(database: Database): Promise<string> {
  let csv = '';
  for await (const chunk of subscriberCsvChunks(database)) csv += chunk;
  return csv;
}

/**
 * The CSV operations bound to a database, as `masthead.subscribe.csv`: importing needs
 * `subscribers.manage` (and is recorded in the audit log), exporting `subscribers.read`.
 *
 * @example
 * const csv = createSubscriberCsv({ database, clock });
 * const { good } = csv.parse(text, { newsletters });
 * await csv.import(good);
 */
export function createSubscriberCsv({
  database,
  clock,
  audit = createAuditService({ database, clock }),
}: {
  database: Database;
  clock: Clock;
  audit?: AuditService;
}) {
  return {
    parse: parseSubscriberCsv,
    async import(good: GoodLine[], options: ImportProgress = {}) {
      requirePermission('subscribers.manage');
      const result = await importSubscribers({ database, clock }, good, options);
      await audit.record({ action: 'subscribers.imported', summary: { lines: good.length, ...result } });
      return result;
    },
    export: () => {
      requirePermission('subscribers.read');
      return exportSubscribersCsv(database);
    },
    /** Checks the permission at once, not when the first chunk is read (the response has started by then). */
    chunks: () => {
      requirePermission('subscribers.read');
      return subscriberCsvChunks(database);
    },
  };
}

export type SubscriberCsv = ReturnType<typeof createSubscriberCsv>;
