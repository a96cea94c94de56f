import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CommentSettings, defaultCommentSettings } from '../comment.ts';
import { type ContentFacts, checkContent, findWord } from './spam-layers.ts';

const facts = (overrides: Partial<ContentFacts> = {}): ContentFacts => ({
  body: 'A thoughtful remark about the harbour.',
  name: 'Ada Reader',
  url: null,
  email: 'ada@example.com',
  honeypot: '',
  secondsSinceRender: 30,
  ...overrides,
});

const settings = (overrides: Partial<CommentSettings> = {}): CommentSettings => ({
  ...defaultCommentSettings,
  ...overrides,
});

describe('findWord', () => {
  it('should match a listed word in any case when it stands as a whole word', () => {
    assert.equal(findWord('What an ASS!', ['ass']), 'ass');
    assert.equal(findWord('buy viagra now', ['Viagra']), 'Viagra');
    assert.equal(findWord('ass', ['ass']), 'ass');
  });

  it('should not match a listed word when it is part of a longer word', () => {
    assert.equal(findWord('A first-class passage on bass, assuredly classic.', ['ass']), null);
    assert.equal(findWord('cryptography', ['crypto']), null);
    assert.equal(findWord('casino2000', ['casino']), null, 'digits join a word too');
  });

  it('should match a phrase and a word in another script when they stand alone', () => {
    assert.equal(findWord('Try our free money scheme', ['free money']), 'free money');
    assert.equal(findWord('هذا كازينو رائع', ['كازينو']), 'كازينو');
    assert.equal(
      findWord('Ｃａｓｉｎｏ tonight', ['casino']),
      'casino',
      'full-width letters are folded (NFKC)',
    );
  });

  it('should treat regular-expression characters in a listed word as plain text', () => {
    assert.equal(findWord('price is $5 (cheap)', ['$5']), '$5');
    assert.equal(findWord('a.b', ['a*b']), null);
    assert.equal(findWord('c++ rocks', ['c++']), 'c++');
  });

  it('should answer the first listed word that matches when several do', () => {
    assert.equal(findWord('casino and crypto', ['crypto', 'casino']), 'crypto');
    assert.equal(findWord('nothing here', []), null);
  });
});

describe('checkContent', () => {
  it('should pass an ordinary comment when every layer is on with the defaults', () => {
    assert.deepEqual(checkContent(facts(), settings()), { action: 'pass' });
  });

  it('should reject a banned word found in the body, name, website or email', () => {
    const banned = settings({ banned_words: ['scam'] });
    const places: Partial<ContentFacts>[] = [
      { body: 'This is a SCAM.' },
      { name: 'Scam Bot' },
      { url: 'https://scam.example/' },
      { email: 'scam@example.com' },
    ];

    for (const place of places)
      assert.deepEqual(checkContent(facts(place), banned), {
        action: 'reject',
        code: 'COMMENT_BANNED_WORD',
        detail: 'scam',
      });
  });

  it('should call a filled honeypot spam, and pass it when the honeypot layer is off', () => {
    assert.deepEqual(checkContent(facts({ honeypot: 'http://bot.example' }), settings()), {
      action: 'spam',
      reason: 'honeypot',
      detail: null,
    });
    assert.deepEqual(checkContent(facts({ honeypot: '   ' }), settings()), { action: 'pass' });
    assert.deepEqual(checkContent(facts({ honeypot: 'x' }), settings({ honeypot: false })), {
      action: 'pass',
    });
  });

  it('should hold a comment sent sooner than min_seconds, or without a signed time, as too_fast', () => {
    assert.deepEqual(checkContent(facts({ secondsSinceRender: 1.25 }), settings({ min_seconds: 3 })), {
      action: 'hold',
      reason: 'too_fast',
      detail: '1.3 s',
    });
    assert.deepEqual(checkContent(facts({ secondsSinceRender: null }), settings({ min_seconds: 3 })), {
      action: 'hold',
      reason: 'too_fast',
      detail: 'no signed form time',
    });
    assert.deepEqual(checkContent(facts({ secondsSinceRender: 3 }), settings({ min_seconds: 3 })), {
      action: 'pass',
    });
    assert.deepEqual(checkContent(facts({ secondsSinceRender: null }), settings({ min_seconds: 0 })), {
      action: 'pass',
    });
  });

  it('should hold a comment with more links than max_links as too_many_links with the count', () => {
    const body = 'https://a.example www.b.example [c](https://c.example) mailto:d@example.com';

    assert.deepEqual(checkContent(facts({ body }), settings({ max_links: 2 })), {
      action: 'hold',
      reason: 'too_many_links',
      detail: '4',
    });
    assert.deepEqual(checkContent(facts({ body }), settings({ max_links: 4 })), { action: 'pass' });
    assert.deepEqual(checkContent(facts({ body: 'see https://a.example' }), settings({ max_links: 0 })), {
      action: 'hold',
      reason: 'too_many_links',
      detail: '1',
    });
  });

  it('should hold a suspect word with the listed word as the detail', () => {
    assert.deepEqual(
      checkContent(facts({ body: 'Win at the CASINO' }), settings({ suspect_words: ['Casino'] })),
      {
        action: 'hold',
        reason: 'suspect_word',
        detail: 'Casino',
      },
    );
    assert.deepEqual(checkContent(facts({ body: 'Win at the casino' }), settings({ suspect_words: [] })), {
      action: 'pass',
    });
  });

  it('should apply the most certain layer first when several would act', () => {
    const everything = facts({
      body: 'scam casino https://a.example https://b.example https://c.example',
      honeypot: 'filled',
      secondsSinceRender: 0,
    });
    const all = settings({ banned_words: ['scam'], suspect_words: ['casino'], max_links: 1, min_seconds: 3 });

    assert.equal(checkContent(everything, all).action, 'reject');
    assert.deepEqual(checkContent(everything, { ...all, banned_words: [] }), {
      action: 'spam',
      reason: 'honeypot',
      detail: null,
    });
    const held = (s: CommentSettings) => {
      const verdict = checkContent(everything, s);
      return verdict.action === 'hold' ? verdict.reason : verdict.action;
    };
    assert.equal(held({ ...all, banned_words: [], honeypot: false }), 'too_fast');
    assert.equal(held({ ...all, banned_words: [], honeypot: false, min_seconds: 0 }), 'too_many_links');
    assert.equal(
      held({ ...all, banned_words: [], honeypot: false, min_seconds: 0, max_links: 10 }),
      'suspect_word',
    );
  });
});
