import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import { fixturePath, hasFixtures } from '../../test/helpers/fixtures.ts';
import { skipUnless } from '../../test/helpers/require-all.ts';
import { checkFeed, decodeFeedBytes, isProblemKind } from './feed-checker.ts';

type ManifestCase = {
  file: string;
  label: 'valid' | 'invalid';
  format: 'atom' | 'rss2.0';
  upstream_expect: string;
  validator_errors: string[];
};

const isAvailable = hasFixtures('feeds', 'feedvalidator', 'manifest.json');
const missing = `the W3C feed validator cases are missing at ${fixturePath('feeds', 'feedvalidator')}`;
const skipped = (t: TestContext): boolean => skipUnless(t, isAvailable, missing);

const manifest = (): ManifestCase[] =>
  JSON.parse(readFileSync(fixturePath('feeds', 'feedvalidator', 'manifest.json'), 'utf8'));
const codesOf = (entry: ManifestCase): string[] => [
  ...new Set(
    checkFeed(decodeFeedBytes(readFileSync(fixturePath('feeds', 'feedvalidator', entry.file)))).map(
      (p) => p.code,
    ),
  ),
];

/**
 * Invalid cases the checker does not claim to catch. Empty: every case in the manifest is covered,
 * the expected message (or a more precise kind of it, as feedvalidator's own harness accepts) is
 * reported for each. A case added here must say why.
 */
const UNCOVERED_CASES: string[] = [];

/** The feedvalidator messages the invalid cases expect; each is checked by at least one case. */
const COVERED_MESSAGES = [
  'DuplicateAtomLink',
  'DuplicateElement',
  'DuplicateIds',
  'DuplicateValue',
  'EightDaysAWeek',
  'InvalidBooleanAttribute',
  'InvalidCommaSeparatedIntegers',
  'InvalidContact',
  'InvalidAddrSpec',
  'InvalidDay',
  'InvalidDoctype',
  'InvalidFormComponentName',
  'InvalidFullLink',
  'InvalidHeight',
  'InvalidHour',
  'InvalidHttpGUID',
  'InvalidInteger',
  'InvalidIntegerAttribute',
  'InvalidLanguage',
  'InvalidLatitude',
  'InvalidLink',
  'InvalidLongitude',
  'InvalidMIMEAttribute',
  'InvalidMIMEType',
  'InvalidNamespace',
  'InvalidNonNegativeInteger',
  'InvalidPermalink',
  'InvalidRFC2822Date',
  'InvalidRFC3339Date',
  'InvalidTAG',
  'InvalidTextType',
  'InvalidURLAttribute',
  'InvalidURN',
  'InvalidUUID',
  'InvalidUpdatePeriod',
  'InvalidUriChar',
  'InvalidW3CDTFDate',
  'InvalidWidth',
  'ItemMustContainTitleOrDescription',
  'MisplacedMetadata',
  'MissingAttribute',
  'MissingContentOrAlternate',
  'MissingDescription',
  'MissingElement',
  'MissingHref',
  'MissingLink',
  'MissingNamespace',
  'MissingSummary',
  'MissingTitle',
  'MissingXhtmlDiv',
  'NoBlink',
  'NotBase64',
  'NotEscaped',
  'NotInANamespace',
  'ObsoleteNamespace',
  'SAXError',
  'UndefinedElement',
  'UnexpectedAttribute',
  'UnexpectedText',
  'UnexpectedWhitespace',
  'UriNotIri',
];

describe('feed checker against the W3C feed validator cases', () => {
  it('should report the expected error when checking each invalid case it covers', (t) => {
    if (skipped(t)) return;
    const invalid = manifest().filter((entry) => entry.label === 'invalid');
    const missed: string[] = [];

    for (const entry of invalid) {
      if (UNCOVERED_CASES.includes(entry.file)) continue;
      const codes = codesOf(entry);
      if (!codes.some((code) => isProblemKind(code, entry.upstream_expect)))
        missed.push(`${entry.file}: expected ${entry.upstream_expect}, got [${codes.join(', ')}]`);
    }

    assert.deepEqual(missed, []);
    const covered = invalid.filter((entry) => !UNCOVERED_CASES.includes(entry.file));
    assert.ok(invalid.length >= 140, `the manifest lists ${invalid.length} invalid cases`);
    assert.ok(covered.length >= 0.9 * invalid.length, `${covered.length} of ${invalid.length} covered`);
    assert.ok(
      covered.some((entry) => entry.format === 'atom') && covered.some((entry) => entry.format === 'rss2.0'),
    );
  });

  it('should cover every message the invalid cases expect when listing the covered messages', (t) => {
    if (skipped(t)) return;

    const expected = new Set(
      manifest()
        .filter((e) => e.label === 'invalid')
        .map((e) => e.upstream_expect),
    );

    assert.deepEqual(
      [...expected].filter((code) => !COVERED_MESSAGES.includes(code)),
      [],
    );
    assert.ok(COVERED_MESSAGES.length >= 50);
  });

  it('should report no error when checking each valid case', (t) => {
    if (skipped(t)) return;
    const valid = manifest().filter((entry) => entry.label === 'valid');

    const flagged = valid
      .map((entry) => ({ file: entry.file, codes: codesOf(entry) }))
      .filter((r) => r.codes.length > 0);

    assert.ok(valid.length >= 130, `the manifest lists ${valid.length} valid cases`);
    assert.deepEqual(flagged, []);
  });

  it('should report only errors the validator also reported when checking an invalid case', (t) => {
    if (skipped(t)) return;

    const extra = manifest()
      .filter((entry) => entry.label === 'invalid')
      .map((entry) => ({
        file: entry.file,
        codes: codesOf(entry).filter(
          (code) => !entry.validator_errors.some((v) => isProblemKind(code, v) || isProblemKind(v, code)),
        ),
      }))
      .filter((result) => result.codes.length > 0);

    assert.deepEqual(extra, []);
  });
});

describe('feed checker on hand-made documents', () => {
  const rss = (item: string) =>
    `<rss version="2.0"><channel><title>T</title><link>https://news.example/</link><description>D</description>${item}</channel></rss>`;

  it('should report a SAX error when a body ends a CDATA section early or holds a bare ampersand', () => {
    const broken = rss('<item><title>x</title><description><![CDATA[a]]>]]></description></item>');
    const ampersand = rss('<item><title>Fish & chips</title></item>');

    assert.ok(checkFeed(broken).some((p) => p.code === 'SAXError'));
    assert.ok(checkFeed(ampersand).some((p) => p.code === 'SAXError'));
  });

  it('should report a relative link and a duplicate guid when items share a guid', () => {
    const item = '<item><title>x</title><guid>/2026/11/x/</guid></item>';

    const codes = checkFeed(rss(item + item)).map((p) => p.code);

    assert.ok(codes.includes('InvalidHttpGUID'));
    assert.ok(codes.includes('DuplicateValue'));
  });

  it('should report the missing required elements when a channel has only a title', () => {
    const codes = checkFeed('<rss version="2.0"><channel><title>T</title></channel></rss>').map(
      (p) => p.code,
    );

    assert.deepEqual(codes, ['MissingLink', 'MissingDescription']);
  });

  it('should report relative links and a missing self link when checking strictly', () => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:0190a4b2-0000-7000-8000-000000000001</id>
      <title>T</title><updated>2026-11-25T09:00:00Z</updated><author><name>N</name></author>
      <entry><id>urn:uuid:0190a4b2-0000-7000-8000-000000000002</id><title>E</title><updated>2026-11-25T09:00:00Z</updated>
      <link href="/2026/11/e/"/><content type="html">&lt;img src="/media/a.jpg"&gt;</content></entry></feed>`;

    const lenient = checkFeed(feed).map((p) => p.code);
    const strict = checkFeed(feed, { isStrict: true }).map((p) => p.code);

    assert.deepEqual(lenient, []);
    assert.deepEqual(strict, ['MissingSelf', 'ContainsRelRef', 'ContainsRelRef']);
  });
});
