import { fork, type ChildProcess } from 'node:child_process';
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
    // Kept for the child's life: a later 'error' (a failed kill) must not go unhandled; ask() reports the rest.
    child.on('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server ${spec.kind} exited early (${code})`)));
    child.once('message', (message: ServerMessage) => {
      clearTimeout(timer);
      if (message.type !== 'ready') return reject(new Error('bench server: unexpected first message'));
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${message.port}`,
        sample: () => ask(child, spec.kind, 'sample', 'sample'),
        // The 'stopped' answer comes before the child exits: wait for both, so that a `--cpu-prof`
        // profile is written when this resolves.
        stop: () => Promise.all([ask(child, spec.kind, 'stop', 'stopped'), exited(child, spec.kind)]).then(([counters]) => counters),
      });
    });
  });
}

const ANSWER_MS = 10_000;

/**
 * Sends `type` and resolves with the child's `answer`. Rejects, rather than waiting forever, when the child
 * has died (a server crashing under load must fail the bench, not hang it) or does not answer in time.
 */
export function ask(child: ChildProcess, kind: string, type: 'sample' | 'stop', answer: 'sample' | 'stopped', timeoutMs = ANSWER_MS): Promise<ServerCounters> {
  return new Promise((done, fail) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.connected) {
      return fail(new Error(`bench server ${kind} is no longer running (exit ${child.exitCode ?? child.signalCode})`));
    }
    const finish = (error?: Error, counters?: ServerCounters) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) fail(error);
      else done(counters!);
    };
    const onMessage = (m: ServerMessage) => {
      if (m.type === answer) finish(undefined, { handled: m.handled, cpuMicros: m.cpuMicros });
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`bench server ${kind} exited (${code ?? signal}) before answering "${type}"`));
    const timer = setTimeout(() => {
      child.kill();
      finish(new Error(`bench server ${kind} did not answer "${type}" within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ type }, (error) => error && finish(error));
  });
}

/** Resolves when the child has exited with 0; rejects on another code, a signal, or after `timeoutMs`. */
export function exited(child: ChildProcess, kind: string, timeoutMs = ANSWER_MS): Promise<void> {
  return new Promise((done, fail) => {
    const result = (code: number | null, signal: string | null) =>
      code === 0 ? done() : fail(new Error(`bench server ${kind} exited with ${code ?? signal}`));
    if (child.exitCode !== null || child.signalCode !== null) return result(child.exitCode, child.signalCode);
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error(`bench server ${kind} did not exit within ${timeoutMs / 1000} s of "stop"`));
    }, timeoutMs);
    const settle = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      result(code, signal);
    };
    child.once('exit', settle);
  });
}
