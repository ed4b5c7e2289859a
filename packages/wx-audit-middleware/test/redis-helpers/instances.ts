import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./instance.mjs', import.meta.url));

export interface InstanceReport {
  counts: Record<string, number>;
  rejected: Record<string, number>;
}

/** A message instance.mjs sent over IPC, with when it arrived (performance.now()). */
export type InstanceMessage = { type: string; id?: string; at: number } & Record<string, unknown>;

/** A child process running instance.mjs; `started` lists the ids whose listener began, in order. */
export interface Instance {
  url: string;
  child: ChildProcess;
  started: string[];
  /** Every IPC message so far, in order (the watch's `poll`, `status` and `watchDone` among them). */
  messages: InstanceMessage[];
  waitStarted(id: string): Promise<void>;
  report(): Promise<InstanceReport>;
  /** The process's memory now; undefined when it does not answer within 2 s (killed, or busy). */
  memory(): Promise<NodeJS.MemoryUsage | undefined>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export interface StartInstanceOptions {
  /** A file the instance's stdout and stderr are appended to (its log lines). Default: this process's. */
  output?: string;
}

export async function startInstance(env: Record<string, string>, options: StartInstanceOptions = {}): Promise<Instance> {
  const out = options.output === undefined ? 'inherit' : openSync(options.output, 'a');
  const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', out, out, 'ipc'] });
  // The child holds its own copy of the descriptor.
  if (typeof out === 'number') closeSync(out);
  const started: string[] = [];
  const messages: InstanceMessage[] = [];
  child.on('message', (m: Record<string, unknown>) => void messages.push({ ...m, type: String(m.type), at: performance.now() }));
  const waiters: Array<{ id: string; resolve: () => void }> = [];
  child.on('message', (m: { type: string; id?: string }) => {
    if (m.type !== 'started' || m.id === undefined) return;
    started.push(m.id);
    for (const w of waiters.filter((w) => w.id === m.id)) w.resolve();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`instance exited early (${code})`)));
    child.on('message', (m: { type: string; url?: string }) => m.type === 'ready' && m.url && resolve(m.url));
  });
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    url,
    child,
    started,
    messages,
    waitStarted: (id) => (started.includes(id) ? Promise.resolve() : new Promise((resolve) => waiters.push({ id, resolve }))),
    report: () =>
      new Promise((resolve) => {
        const onMessage = (m: { type: string } & InstanceReport) => {
          if (m.type !== 'report') return;
          child.off('message', onMessage);
          resolve({ counts: m.counts, rejected: m.rejected });
        };
        child.on('message', onMessage);
        child.send({ type: 'report' });
      }),
    memory: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null || !child.connected) return resolve(undefined);
        const timer = setTimeout(() => done(undefined), 2000);
        const onMessage = (m: { type: string; usage?: NodeJS.MemoryUsage }) => m.type === 'memory' && done(m.usage);
        const done = (usage: NodeJS.MemoryUsage | undefined) => {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(usage);
        };
        child.on('message', onMessage);
        child.send({ type: 'memory' }, (error) => error && done(undefined));
      }),
    async stop() {
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
