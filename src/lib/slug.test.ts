import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidSlug, normaliseSlug, slugify, slugSchema } from './slug.ts';

describe('slugify', () => {
  it('should lower-case and hyphenate the words when a title has punctuation', () => {
    assert.equal(slugify('Harbour Bridge: Vote Delayed!'), 'harbour-bridge-vote-delayed');
  });

  it('should drop the accents of Latin letters when a title has them', () => {
    assert.equal(slugify('Café Society in Zürich, Tiếng Việt'), 'cafe-society-in-zurich-tieng-viet');
  });

  it('should keep Arabic letters when a title is written in Arabic', () => {
    assert.equal(slugify('ميزانية المدينة الجديدة'), 'ميزانية-المدينة-الجديدة');
  });

  it('should give the composed (NFC) form when a title arrives decomposed', () => {
    const decomposed = '서울 시장 선거'.normalize('NFD');

    const slug = slugify(decomposed);

    assert.equal(slug, '서울-시장-선거');
    assert.equal(slug, slug.normalize('NFC'));
  });

  it('should give an empty slug when a title has no letters or digits', () => {
    assert.equal(slugify(' -- !? -- '), '');
  });

  it('should cut at 80 characters without a trailing hyphen when a title is long', () => {
    const title = `${'a'.repeat(79)} ${'b'.repeat(30)}`;

    const slug = slugify(title);

    assert.equal(slug, 'a'.repeat(79));
  });

  it('should count code points, not UTF-16 units, when cutting a long title', () => {
    const slug = slugify('𝔸'.repeat(100));

    assert.equal(Array.from(slug).length, 80);
  });
});

describe('normaliseSlug and isValidSlug', () => {
  it('should trim, compose and lower-case when a slug is normalised', () => {
    assert.equal(normaliseSlug('  CAFE\u0301-Culture '), 'caf\u00e9-culture');
  });

  it('should accept letters of any script and single hyphens when a slug is checked', () => {
    assert.equal(isValidSlug('city-council-vote'), true);
    assert.equal(isValidSlug('ميزانية-المدينة'), true);
  });

  it('should refuse double, leading or trailing hyphens and spaces when a slug is checked', () => {
    for (const bad of ['a--b', '-a', 'a-', 'a b', '', 'a/b']) assert.equal(isValidSlug(bad), false, bad);
  });

  it('should refuse a slug longer than 120 characters when a slug is checked', () => {
    assert.equal(isValidSlug('a'.repeat(120)), true);
    assert.equal(isValidSlug('a'.repeat(121)), false);
  });
});

describe('slugSchema', () => {
  it('should return the normalised slug when the input is valid but not normalised', () => {
    assert.equal(slugSchema.parse('Budget-DAY'), 'budget-day');
  });

  it('should fail when the input is not a valid slug', () => {
    assert.equal(slugSchema.safeParse('budget day').success, false);
    assert.equal(slugSchema.safeParse(42).success, false);
  });
});
