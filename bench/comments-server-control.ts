import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/** Starts bench/comments-server.ts in a child process and resolves when it listens. */
export function startServer(env: Record<string, string>, cpuProfileDir: string | undefined) {
  const args = [JSON.stringify(env), ...(cpuProfileDir ? [cpuProfileDir] : [])];
  const child = fork(path.join(import.meta.dirname, 'comments-server.ts'), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`comment benchmark server exited with ${code}`)));
  });
}

/** Sends a message to the server and resolves with its answer. */
export const ask = <T>(child: ChildProcess, message: string) =>
  new Promise<T>((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(message);
  });

/** The server process's CPU time so far (all its threads), in milliseconds. */
export const serverCpuMs = async (child: ChildProcess) => {
  const { usage } = await ask<{ usage: NodeJS.CpuUsage }>(child, 'usage');
  return (usage.user + usage.system) / 1000;
};

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send('stop');
  });
}
