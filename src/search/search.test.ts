import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MATCH_END,
  MATCH_START,
  MAX_QUERY_LENGTH,
  MAX_TERMS,
  parseSearchQuery,
  snippetToHtml,
  toFts5Match,
} from './search.ts';

const termsOf = (raw: unknown): string[] => {
  const query = parseSearchQuery(raw);
  assert.equal(query.kind, 'terms');
  return query.kind === 'terms' ? query.terms : [];
};

describe('parseSearchQuery', () => {
  it('should be empty when nothing but spaces or no value at all was sent', () => {
    assert.equal(parseSearchQuery('   ').kind, 'empty');
    assert.equal(parseSearchQuery(undefined).kind, 'empty');
    assert.equal(parseSearchQuery(['harbour']).kind, 'empty');
  });

  it('should be too long when the text has more characters than the search box accepts', () => {
    assert.equal(parseSearchQuery('a'.repeat(MAX_QUERY_LENGTH)).kind, 'terms');
    assert.equal(parseSearchQuery('a'.repeat(MAX_QUERY_LENGTH + 1)).kind, 'tooLong');
    assert.equal(parseSearchQuery('x'.repeat(10_240)).kind, 'tooLong');
  });

  it('should keep only words when the query holds FTS5 and SQL syntax', () => {
    assert.deepEqual(termsOf('"harbour* AND (bridge OR -ferry) NEAR/2 col:x ^y'), [
      'harbour',
      'AND',
      'bridge',
      'OR',
      'ferry',
      'NEAR',
      '2',
      'col',
      'x',
      'y',
    ]);
    assert.deepEqual(termsOf("'; DROP TABLE articles; --"), ['DROP', 'TABLE', 'articles']);
  });

  it('should find no words when only punctuation or emoji were typed', () => {
    assert.deepEqual(termsOf('!!! ??? ... "" \'\' ()'), []);
    assert.deepEqual(termsOf('🎉😀'), []);
  });

  it('should keep Arabic and Japanese words whole and drop Arabic vowel marks when they are typed', () => {
    assert.deepEqual(termsOf('كَتَبَ الميناء'), ['كتب', 'الميناء']);
    assert.deepEqual(termsOf('東京タワー 港'), ['東京タワー', '港']);
  });

  it('should keep one copy of each word and at most MAX_TERMS when many are typed', () => {
    assert.deepEqual(termsOf('ferry ferry bridge'), ['ferry', 'bridge']);
    const many = Array.from({ length: MAX_TERMS + 5 }, (_, i) => `w${i}`).join(' ');
    assert.equal(termsOf(many).length, MAX_TERMS);
  });

  it('should turn control characters into spaces when they are sent', () => {
    const query = parseSearchQuery('harbour\u0000bridge\n');
    assert.equal(query.text, 'harbour bridge');
  });
});

describe('toFts5Match', () => {
  it('should quote every word as an FTS5 string when words are given, doubling any quote inside', () => {
    assert.equal(toFts5Match(['café', 'a"b']), '"café" "a""b"');
  });
});

describe('snippetToHtml', () => {
  it('should escape the text and turn only the markers into mark elements when the text holds HTML', () => {
    const marked = `<script>${MATCH_START}alert${MATCH_END}(1)</script> & "x"`;
    assert.equal(
      snippetToHtml(marked),
      '&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &quot;x&quot;',
    );
  });

  it('should keep the markup balanced when markers come unpaired', () => {
    assert.equal(snippetToHtml(`a${MATCH_END}b`), 'ab');
    assert.equal(snippetToHtml(`${MATCH_START}a${MATCH_START}b${MATCH_END}c`), '<mark>ab</mark>c');
    assert.equal(snippetToHtml(`x${MATCH_START}y`), 'x<mark>y</mark>');
  });
});
