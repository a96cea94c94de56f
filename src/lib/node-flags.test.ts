import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RECOMMENDED_NODE_FLAGS } from './node-flags.ts';

describe('recommended Node flags', () => {
  it('should start the demo with the flags the benchmark measures when `npm start` runs', () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));

    const start: string = pkg.scripts.start;

    for (const flag of RECOMMENDED_NODE_FLAGS) assert.ok(start.includes(`node ${flag} `), start);
  });
});
