import { spawn } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/masthead.js');

export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `masthead …` as a user would, in `cwd`, with only PATH and `env` in its environment and
 * `stdin` piped in (not a terminal).
 *
 * @example
 * const { code, stdout } = await runCli(['token', 'list'], { DATABASE_URL: url }, cwd);
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  stdin = '',
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
