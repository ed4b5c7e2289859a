import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./task.js', import.meta.url));

/** Runs one in-process benchmark in its own child (with --expose-gc) and resolves with what it sends back. */
export function runTask<T>(name: string, minMs: number): Promise<T> {
  const child = fork(entry, [name, String(minMs)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<T>((resolve, reject) => {
    let result: { value: T } | undefined;
    child.on('message', (message: { ok: boolean; result: T }) => (result = { value: message.result }));
    child.once('error', reject);
    child.once('exit', (code) => (result && code === 0 ? resolve(result.value) : reject(new Error(`bench task ${name} exited with ${code}`))));
  });
}
