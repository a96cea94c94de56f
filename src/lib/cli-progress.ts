/** Where progress is written: stderr, so that a command's stdout stays clean for pipes. */
export type ProgressStream = { write: (text: string) => unknown; isTTY?: boolean };

const BAR_WIDTH = 10;
const count = (n: number): string => n.toLocaleString('en-US');

/** One progress line: `Importing  1,200/5,000 [==........] 24%`. */
export function progressLine(label: string, done: number, total: number): string {
  const fraction = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.floor(fraction * BAR_WIDTH);
  const bar = `${'='.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
  return `${label}  ${count(done)}/${count(total)} [${bar}] ${Math.floor(fraction * 100)}%`;
}

/**
 * A progress bar for long CLI commands. On a terminal it redraws one line in place; when the
 * output is a file or a pipe (CI logs) it prints a line at most every 10%, so a log does not fill
 * with thousands of updates.
 *
 * @example
 * const progress = createProgressBar({ label: 'Importing' });
 * await importSubscribers(deps, lines, { onProgress: progress.update });
 * progress.finish();
 */
export function createProgressBar({
  label,
  stream = process.stderr,
}: {
  label: string;
  stream?: ProgressStream;
}) {
  const isTerminal = stream.isTTY === true;
  let lastTenth = -1;
  let isDrawn = false;
  return {
    update(done: number, total: number): void {
      const line = progressLine(label, done, total);
      if (isTerminal) {
        // Carriage return, the line, then erase what a longer previous line left (ECMA-48 EL).
        stream.write(`\r${line}\u001b[K`);
        isDrawn = true;
        return;
      }
      const tenth = Math.floor((total === 0 ? 1 : done / total) * 10);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      stream.write(`${line}\n`);
    },
    /** Ends the redrawn line so that what follows starts on a line of its own. */
    finish(): void {
      if (isDrawn) stream.write('\n');
      isDrawn = false;
    },
  };
}
