import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { MAX_PAGE_SIZE, pageOffset, pageQuerySchema, paginationMeta } from './pagination.ts';

const pageQuery = z.object(pageQuerySchema);

describe('paginationMeta', () => {
  it('should link the next and previous pages when a middle page is asked for', () => {
    assert.deepEqual(paginationMeta({ page: 2, limit: 10 }, 35), {
      page: 2,
      limit: 10,
      pages: 4,
      total: 35,
      next: 3,
      prev: 1,
    });
  });

  it('should have no next page when the last page is asked for', () => {
    const meta = paginationMeta({ page: 4, limit: 10 }, 35);

    assert.equal(meta.next, null);
    assert.equal(meta.prev, 3);
  });

  it('should report one page and no links when there is nothing to list', () => {
    assert.deepEqual(paginationMeta({ page: 1, limit: 10 }, 0), {
      page: 1,
      limit: 10,
      pages: 1,
      total: 0,
      next: null,
      prev: null,
    });
  });

  it('should count a full last page exactly when the total is a multiple of the limit', () => {
    assert.equal(paginationMeta({ page: 1, limit: 10 }, 30).pages, 3);
  });

  it('should point back to the last real page when a page past the end is asked for', () => {
    const meta = paginationMeta({ page: 9, limit: 10 }, 25);

    assert.equal(meta.next, null);
    assert.equal(meta.prev, 3);
  });
});

describe('pageOffset', () => {
  it('should skip the earlier pages when a later page is asked for', () => {
    assert.equal(pageOffset({ page: 1, limit: 20 }), 0);
    assert.equal(pageOffset({ page: 3, limit: 20 }), 40);
  });
});

describe('pageQuerySchema', () => {
  it('should turn query strings into numbers when they are whole numbers in range', () => {
    assert.deepEqual(pageQuery.parse({ page: '3', limit: '25' }), { page: 3, limit: 25 });
  });

  it('should leave both out when neither is given', () => {
    assert.deepEqual(pageQuery.parse({}), {});
  });

  it('should refuse zero, negatives, fractions and words when a page is given', () => {
    for (const page of ['0', '-1', '1.5', 'two', '', '1e3']) {
      assert.equal(pageQuery.safeParse({ page }).success, false, page);
    }
  });

  it('should refuse a limit above the maximum when a large limit is given', () => {
    assert.equal(pageQuery.safeParse({ limit: String(MAX_PAGE_SIZE) }).success, true);
    assert.equal(pageQuery.safeParse({ limit: String(MAX_PAGE_SIZE + 1) }).success, false);
  });
});
