// redis-server processes of our own (ports, start, stop, restart), without the shared-Redis probe that
// redis.ts runs on import: the soak (scripts/soak/) imports this module outside the test suite.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** Whether `name --version` runs: the binary is on PATH. */
export const hasBinary = (name: string) => spawnSync(name, ['--version'], { stdio: 'ignore', timeout: 5000 }).status === 0;

/** Whether a Redis at `url` answers a PING within `timeoutMs`. */
export async function probeRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  if (!url) return false;
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every 20 ms until it holds; throws naming `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export interface PrivateRedisOptions {
  /**
   * Keep the data in an append-only file in `dir` (fsync every second), so that a restart finds the keys
   * again. Default false: no persistence at all, a restart starts empty.
   */
  appendonly?: boolean;
  /** Working directory (the AOF goes there). Default: the current directory, which nothing is written to without `appendonly`. */
  dir?: string;
}

/** A private redis-server on its own port, for tests (and the soak) that stop and restart Redis. */
export interface PrivateRedis {
  url: string;
  port: number;
  /**
   * Stops the server: SIGKILL by default (a crash: the last second of AOF writes may be lost), SIGTERM
   * for a clean shutdown (Redis flushes the AOF first).
   */
  stop(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts it again on the same port and directory; resolves once it answers PING (its AOF loaded). */
  start(): Promise<void>;
}

const live = new Set<ChildProcess>();
// Last resort if the process ends without stopping its servers (a crash): no redis-server outlives it.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', ''];
  if (options.dir) args.push('--dir', options.dir);
  args.push(...(options.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no']));
  const start = async () => {
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    child = started;
    live.add(started);
    started.once('exit', () => live.delete(started));
    // Loading a large AOF answers LOADING, not PONG: up to 20 s.
    for (let i = 0; i < 400; i++) {
      if (await probeRedis(url)) return;
      if (started.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`the private redis-server on port ${port} did not start`);
  };
  const stop = async (signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL') => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };
  await start();
  return { url, port, start, stop };
}
