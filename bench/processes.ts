import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/** Starts bench/server-process.ts in a child process and resolves with the ports it listens on. */
export function startServerProcess(
  args: string[],
): Promise<{ child: ChildProcess; ports: Record<string, number> }> {
  const child = fork(path.join(import.meta.dirname, 'server-process.ts'), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) =>
      resolve({ child, ports: (message as { ports: Record<string, number> }).ports }),
    );
    child.once('exit', (code) => reject(new Error(`benchmark server exited with ${code}`)));
  });
}

export function stopServerProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
