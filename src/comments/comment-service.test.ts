import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommentNode, PublicComment } from './comment.ts';
import { buildThreads } from './comment-service.ts';

let minute = 0;

/** An approved comment; `parent` places it under another (depth and root follow). */
function comment(id: string, parent?: PublicComment): PublicComment {
  minute += 1;
  return {
    id,
    articleId: 'article',
    parentId: parent?.id ?? null,
    rootId: parent?.rootId ?? id,
    depth: parent ? parent.depth + 1 : 0,
    status: 'approved',
    authorName: id,
    authorUrl: null,
    bodyHtml: `<p>${id}</p>`,
    isStaff: false,
    isFeatured: false,
    isErased: false,
    createdAt: new Date(Date.UTC(2026, 0, 1, 9, minute)),
  };
}

/** The tree as nested ids, easy to compare: `['a', ['a1', ['a1x']]]`. */
const shape = (nodes: CommentNode[]): unknown[] =>
  nodes.map((node) => (node.replies.length > 0 ? [node.id, shape(node.replies)] : node.id));

describe('buildThreads', () => {
  it('should nest each reply under its parent when the list holds whole threads', () => {
    const a = comment('a');
    const b = comment('b');
    const a1 = comment('a1', a);
    const a2 = comment('a2', a);
    const a1x = comment('a1x', a1);
    const b1 = comment('b1', b);

    const threads = buildThreads([a, b, a1, a2, a1x, b1]);

    assert.deepEqual(shape(threads), [
      ['a', [['a1', ['a1x']], 'a2']],
      ['b', ['b1']],
    ]);
    assert.equal(threads[0]?.replies[0]?.replies[0]?.bodyHtml, '<p>a1x</p>');
  });

  it('should keep the top-level order it is given when threads come newest first', () => {
    const older = comment('older');
    const newer = comment('newer');
    const reply = comment('reply', older);

    const threads = buildThreads([newer, older, reply]);

    assert.deepEqual(shape(threads), ['newer', ['older', ['reply']]]);
  });

  it('should keep replies in the order given when several answer one comment', () => {
    const root = comment('root');
    const first = comment('first', root);
    const second = comment('second', root);
    const third = comment('third', root);

    const threads = buildThreads([root, first, second, third]);

    assert.deepEqual(shape(threads), [['root', ['first', 'second', 'third']]]);
  });

  it('should leave out a reply when its parent is not in the list', () => {
    const root = comment('root');
    const hidden = comment('hidden', root);
    const orphan = comment('orphan', hidden);
    const shown = comment('shown', root);

    const threads = buildThreads([root, orphan, shown]);

    assert.deepEqual(shape(threads), [['root', ['shown']]]);
  });

  it('should answer no threads when the list is empty', () => {
    assert.deepEqual(buildThreads([]), []);
  });

  it('should not change the comments it is given when it builds the tree', () => {
    const root = comment('root');
    const reply = comment('reply', root);
    const input = [root, reply];

    buildThreads(input);

    assert.deepEqual(
      input.map((c) => ('replies' in c ? 'changed' : c.id)),
      ['root', 'reply'],
    );
  });
});
