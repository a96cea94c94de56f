import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../lib/errors.ts';
import { type Publication, resolvePublication } from './article-publication.ts';

const now = new Date('2026-03-02T09:00:00.000Z');
const minutes = (n: number): Date => new Date(now.getTime() + n * 60_000);
const seconds = (n: number): Date => new Date(now.getTime() + n * 1000);

const rejectsWith = (code: string) => (error: unknown) => {
  assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
  assert.equal(error.code, code);
  assert.equal(error.field, 'published_at');
  assert.equal(error.status, 422);
  return true;
};

describe('resolvePublication', () => {
  describe('publishing', () => {
    it('should publish now when a new article is published without a time', () => {
      const result = resolvePublication({ current: null, status: 'published', publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'published', publishedAt: now });
    });

    it('should keep a back-dated time when a published article is given a time in the past', () => {
      const lastYear = new Date('2025-03-02T09:00:00.000Z');

      const result = resolvePublication({ current: null, status: 'published', publishedAt: lastYear, now });

      assert.deepEqual(result, { status: 'published', publishedAt: lastYear });
    });

    it('should accept a time up to a minute ahead as a publication when the client clock runs fast', () => {
      const result = resolvePublication({
        current: null,
        status: 'published',
        publishedAt: seconds(60),
        now,
      });

      assert.deepEqual(result, { status: 'published', publishedAt: seconds(60) });
    });

    it('should refuse with PUBLISHED_AT_IN_FUTURE when a published article is given a time more than a minute ahead', () => {
      const ahead = new Date(now.getTime() + 60_001);

      assert.throws(
        () => resolvePublication({ current: null, status: 'published', publishedAt: ahead, now }),
        rejectsWith('PUBLISHED_AT_IN_FUTURE'),
      );
    });

    it('should keep the time it first went out when an unpublished article is published again', () => {
      const current: Publication = { status: 'draft', publishedAt: minutes(-600) };

      const result = resolvePublication({ current, status: 'published', publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'published', publishedAt: minutes(-600) });
    });

    it('should keep its time when a published article is saved without a status or time', () => {
      const current: Publication = { status: 'published', publishedAt: minutes(-30) };

      const result = resolvePublication({ current, status: undefined, publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'published', publishedAt: minutes(-30) });
    });

    it('should publish now when a scheduled article is published before its time', () => {
      const current: Publication = { status: 'scheduled', publishedAt: minutes(90) };

      const result = resolvePublication({ current, status: 'published', publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'published', publishedAt: now });
    });

    it('should publish now when a scheduled article whose time has passed is published by hand', () => {
      const current: Publication = { status: 'scheduled', publishedAt: minutes(-5) };

      const result = resolvePublication({ current, status: 'published', publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'published', publishedAt: now });
    });

    it('should publish now rather than at a future date when a draft carrying a future date is published', () => {
      const current: Publication = { status: 'draft', publishedAt: minutes(120) };

      const result = resolvePublication({ current, status: 'published', publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'published', publishedAt: now });
    });
  });

  describe('scheduling', () => {
    it('should schedule at the given time when the time is in the future', () => {
      const result = resolvePublication({ current: null, status: 'scheduled', publishedAt: minutes(5), now });

      assert.deepEqual(result, { status: 'scheduled', publishedAt: minutes(5) });
    });

    it('should refuse with FIELD_REQUIRED when an article is scheduled without a time', () => {
      assert.throws(
        () => resolvePublication({ current: null, status: 'scheduled', publishedAt: undefined, now }),
        rejectsWith('FIELD_REQUIRED'),
      );
    });

    it('should refuse with FIELD_REQUIRED when an article is scheduled with its time cleared', () => {
      const current: Publication = { status: 'draft', publishedAt: minutes(60) };

      assert.throws(
        () => resolvePublication({ current, status: 'scheduled', publishedAt: null, now }),
        rejectsWith('FIELD_REQUIRED'),
      );
    });

    it('should refuse with SCHEDULE_IN_PAST when the schedule time has already passed', () => {
      assert.throws(
        () => resolvePublication({ current: null, status: 'scheduled', publishedAt: minutes(-1), now }),
        rejectsWith('SCHEDULE_IN_PAST'),
      );
    });

    it('should refuse with SCHEDULE_IN_PAST when the schedule time is exactly now', () => {
      assert.throws(
        () => resolvePublication({ current: null, status: 'scheduled', publishedAt: now, now }),
        rejectsWith('SCHEDULE_IN_PAST'),
      );
    });

    it('should schedule at the time the draft already carries when no new time is given', () => {
      const current: Publication = { status: 'draft', publishedAt: minutes(45) };

      const result = resolvePublication({ current, status: 'scheduled', publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'scheduled', publishedAt: minutes(45) });
    });

    it('should refuse with SCHEDULE_IN_PAST when a published article is scheduled without a new time', () => {
      const current: Publication = { status: 'published', publishedAt: minutes(-45) };

      assert.throws(
        () => resolvePublication({ current, status: 'scheduled', publishedAt: undefined, now }),
        rejectsWith('SCHEDULE_IN_PAST'),
      );
    });

    it('should move the schedule when a scheduled article is given a later time', () => {
      const current: Publication = { status: 'scheduled', publishedAt: minutes(10) };

      const result = resolvePublication({ current, status: undefined, publishedAt: minutes(20), now });

      assert.deepEqual(result, { status: 'scheduled', publishedAt: minutes(20) });
    });
  });

  describe('drafts and archives', () => {
    it('should make a draft without a time when a new article gives neither status nor time', () => {
      const result = resolvePublication({ current: null, status: undefined, publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'draft', publishedAt: null });
    });

    it('should keep the time it had when a published article goes back to draft', () => {
      const current: Publication = { status: 'published', publishedAt: minutes(-60) };

      const result = resolvePublication({ current, status: 'draft', publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'draft', publishedAt: minutes(-60) });
    });

    it('should take the given time, even a future one, when a draft is given a time', () => {
      const result = resolvePublication({ current: null, status: 'draft', publishedAt: minutes(300), now });

      assert.deepEqual(result, { status: 'draft', publishedAt: minutes(300) });
    });

    it('should clear the time when a draft is given null', () => {
      const current: Publication = { status: 'draft', publishedAt: minutes(-60) };

      const result = resolvePublication({ current, status: 'draft', publishedAt: null, now });

      assert.deepEqual(result, { status: 'draft', publishedAt: null });
    });

    it('should keep the time it had when a published article is archived', () => {
      const current: Publication = { status: 'published', publishedAt: minutes(-600) };

      const result = resolvePublication({ current, status: 'archived', publishedAt: undefined, now });

      assert.deepEqual(result, { status: 'archived', publishedAt: minutes(-600) });
    });
  });
});
