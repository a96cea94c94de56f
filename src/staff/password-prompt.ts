import { ValidationError } from '../lib/errors.ts';

/** Reads everything piped to stdin. */
async function readStdin(input: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on the terminal without echoing what is typed (raw mode: each key arrives as typed). */
function askHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new ValidationError([{ code: 'CANCELLED', message: 'Cancelled.' }]));
          return;
        }
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    // Echo goes off before the prompt shows, so that nothing typed at once is ever echoed.
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
    output.write(prompt);
  });
}

/**
 * The password for `masthead user add`: with `--password-stdin` everything piped in (one final line
 * break dropped, as `echo` adds one); otherwise asked twice on the terminal with no echo, or the
 * first line of stdin when it is not a terminal.
 *
 * @example
 * const password = await readPassword({ isFromStdin: options.passwordStdin === true });
 */
export async function readPassword(options: {
  isFromStdin: boolean;
  input?: NodeJS.ReadStream;
  output?: NodeJS.WriteStream;
}): Promise<string> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  if (options.isFromStdin) return (await readStdin(input)).replace(/\r?\n$/, '');
  if (!input.isTTY) {
    output.write('Password: ');
    return (await readStdin(input)).split(/\r?\n/)[0] ?? '';
  }
  const password = await askHidden('Password: ', input, output);
  const again = await askHidden('Repeat the password: ', input, output);
  if (password !== again)
    throw ValidationError.field('password', 'PASSWORD_MISMATCH', '"password" and its repetition differ.');
  return password;
}
