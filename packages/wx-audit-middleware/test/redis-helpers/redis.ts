import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { chooseRedisUrl } from './redis-url.js';

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

// Unset REDIS_URL probes the default address briefly (500 ms): a closed local port refuses at once.
const choice = await chooseRedisUrl(process.env.REDIS_URL, (url) => probeRedis(url, process.env.REDIS_URL ? 1000 : 500));
/** The Redis the tests share: REDIS_URL, or the default address when it is unset and a Redis answers there. */
export const REDIS_URL = choice.url;
export const redisAvailable = choice.available;
if (!redisAvailable) console.log(choice.message);

/** A key prefix no other test (or run) shares: tests never flush the shared Redis. */
export const uniquePrefix = (name: string) => `wx-audit-test:${name}:${randomUUID().slice(0, 8)}:`;

/** A plain ioredis client for the test's own reads (counts, stream lengths). */
export function testClient(url = REDIS_URL): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  return client;
}

/** Deletes every key under `prefix` (SCAN, never FLUSH). */
export async function dropPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
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

/** A private redis-server on its own port (no persistence), for tests that stop and restart Redis. */
export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await probeRedis(url)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the private redis-server did not start');
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url, port, start, stop };
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

/** `[field, value, field, value…]` as Redis returns a stream entry's fields → an object. */
export function entryFields(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!] = fields[i + 1]!;
  return out;
}

/** The Redis store's key for a message id (`<keyPrefix>claim:<sha256 hex>`), computed here, not imported. */
export const claimKey = (keyPrefix: string, id: string) => `${keyPrefix}claim:${createHash('sha256').update(id).digest('hex')}`;
