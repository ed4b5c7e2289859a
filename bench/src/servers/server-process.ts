import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinToCpu } from '../cpu-pin.js';
import type { ServerSpec } from './bench-app.js';
import type { ServerMessage } from './server-messages.js';

export interface ServerCounters {
  handled: number;
  cpuMicros: number;
}

export interface RunningServer {
  url: string;
  /** How many messages its listener has seen and the CPU it has used (µs), since it started. */
  sample: () => Promise<ServerCounters>;
  /** Stops the child and resolves with its final counters. */
  stop: () => Promise<ServerCounters>;
}

export interface StartOptions {
  /** Directory for a `--cpu-prof` profile of the server process; none when undefined. */
  cpuProfDir?: string;
  /** CPU to pin the server to (see cpu-pin.ts); unpinned when undefined. */
  cpu?: number;
  /** Another build's serve.js (BENCH_COMPARE); this build's when undefined. */
  entry?: string;
}

const entry = fileURLToPath(new URL('./serve.js', import.meta.url));

/** Forks one bench server (its own process, so the load generator never shares its event loop). */
export function startServer(spec: ServerSpec, options: StartOptions = {}): Promise<RunningServer> {
  const execArgv = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = fork(options.entry ?? entry, [JSON.stringify(spec)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (options.cpu !== undefined && child.pid !== undefined) pinToCpu(child.pid, options.cpu);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`bench server ${spec.kind} did not start within 10 s`));
    }, 10_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server ${spec.kind} exited early (${code})`)));
    child.once('message', (message: ServerMessage) => {
      clearTimeout(timer);
      if (message.type !== 'ready') return reject(new Error('bench server: unexpected first message'));
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        sample: () =>
          new Promise((done) => {
            const onSample = (m: ServerMessage) => {
              if (m.type !== 'sample') return;
              child.off('message', onSample);
              done({ handled: m.handled, cpuMicros: m.cpuMicros });
            };
            child.on('message', onSample);
            child.send({ type: 'sample' });
          }),
        stop: () =>
          new Promise((done, fail) => {
            child.once('message', (last: ServerMessage) => {
              if (last.type === 'stopped') child.once('exit', () => done({ handled: last.handled, cpuMicros: last.cpuMicros }));
            });
            child.once('exit', (code) => code !== 0 && fail(new Error(`bench server ${spec.kind} exited with ${code}`)));
            child.send({ type: 'stop' });
          }),
      });
    });
  });
}
