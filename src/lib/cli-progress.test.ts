import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgressBar, progressLine } from './cli-progress.ts';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe('CLI progress bar', () => {
  it('should show counts with thousands separators, a bar and a percentage when drawn', () => {
    assert.equal(progressLine('Importing', 1200, 5000), 'Importing  1,200/5,000 [==........] 24%');
    assert.equal(progressLine('Importing', 0, 0), 'Importing  0/0 [==========] 100%');
  });

  it('should redraw one line on a terminal and end it when finished', () => {
    const { stream, written } = recorder(true);
    const progress = createProgressBar({ label: 'Importing', stream });

    progress.update(500, 1000);
    progress.update(1000, 1000);
    progress.finish();

    assert.deepEqual(written, [
      '\rImporting  500/1,000 [=====.....] 50%\u001b[K',
      '\rImporting  1,000/1,000 [==========] 100%\u001b[K',
      '\n',
    ]);
  });

  it('should print at most one line per tenth when the output is not a terminal', () => {
    const { stream, written } = recorder(false);
    const progress = createProgressBar({ label: 'Importing', stream });

    for (let done = 100; done <= 10_000; done += 100) progress.update(done, 10_000);
    progress.finish();

    // The first update, then one line as each tenth is reached.
    assert.equal(written.length, 11);
    assert.equal(written[1], 'Importing  1,000/10,000 [=.........] 10%\n');
    assert.equal(written.at(-1), 'Importing  10,000/10,000 [==========] 100%\n');
  });
});
