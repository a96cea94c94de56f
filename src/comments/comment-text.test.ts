import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  avatarToneOf,
  cleanBody,
  cleanName,
  countLinks,
  initialsOf,
  renderCommentBody,
} from './comment-text.ts';

describe('Comment text', () => {
  it('should render emphasis, quotes, code and links with rel="nofollow ugc noopener"', () => {
    const html = renderCommentBody('Hello *there*\n\n> quoted\n\n`x < y` and [site](https://example.org/a)');
    assert.match(html, /<em>there<\/em>/);
    assert.match(html, /<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/);
    assert.match(html, /<code>x &lt; y<\/code>/);
    assert.match(html, /<a href="https:\/\/example.org\/a" rel="nofollow ugc noopener">site<\/a>/);
  });

  it('should turn typed HTML into text and refuse javascript: and data: links', () => {
    const html = renderCommentBody(
      '<script>alert(1)</script> [x](javascript:alert(1)) [y](data:text/html,hi)',
    );
    assert.doesNotMatch(html, /<script/);
    assert.doesNotMatch(html, /href="(javascript|data):/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('should render no images, headings or raw tables when a reader writes them', () => {
    const html = renderCommentBody('# Title\n\n![img](https://example.org/x.png)');
    assert.doesNotMatch(html, /<h1|<img/);
  });

  it('should strip bidi overrides and control characters from names when cleaning them', () => {
    assert.equal(cleanName('  Eve\u202Egpj.exe\u0007  '), 'Evegpj.exe');
    assert.equal(cleanName('Ada\n\tLovelace'), 'Ada Lovelace');
    assert.equal(cleanName('مريم'), 'مريم');
  });

  it('should keep line breaks but drop control characters when cleaning a body', () => {
    assert.equal(cleanBody('a\r\nb\u0000c\u202E'), 'a\nbc');
  });

  it('should give initials and a stable tone when drawing an avatar', () => {
    assert.equal(initialsOf('Ada King Lovelace'), 'AL');
    assert.equal(initialsOf('محمد'), 'م');
    assert.equal(initialsOf('123'), '?');
    assert.equal(avatarToneOf('Ada'), avatarToneOf('Ada'));
    assert.ok(avatarToneOf('Ada') >= 0 && avatarToneOf('Ada') < 8);
  });

  it('should count links however they are written', () => {
    assert.equal(countLinks('see https://a.example and www.b.example and [c](https://c.example)'), 3);
    assert.equal(countLinks('[a](/relative) and [b](<https://b.example>)'), 2);
    assert.equal(countLinks('no links here'), 0);
  });
});
