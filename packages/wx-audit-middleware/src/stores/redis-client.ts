import { createHash } from 'node:crypto';
import type { RedisClusterOptions } from './redis-cluster-options.js';
import type { RedisClientLike } from './redis-client-like.js';
import { duplicateFailFast, openOwn } from './redis-connect.js';

export type { RedisClientLike, RedisConnectionOverrides } from './redis-client-like.js';

export interface RedisConnectionOptions {
  /** Default: `process.env.REDIS_URL`, else `redis://127.0.0.1:6379`. Ignored when `client` or `cluster` is given. */
  url?: string;
  /** A Redis Cluster to open instead of `url`. Ignored when `client` is given. */
  cluster?: RedisClusterOptions;
  /** An ioredis client (Redis or Cluster) of yours; it is used as is and never closed by this package. */
  client?: RedisClientLike;
  /** How long one command (or the wait for a connection) may take before it counts as a failure. */
  commandTimeoutMs: number;
}

/** One Redis connection with fail-fast commands: a command either runs now or fails within the timeout. */
export interface RedisConnection {
  call(command: string, ...args: Array<string | number>): Promise<unknown>;
  /** Runs a Lua script by its SHA1, loading it on the first NOSCRIPT. */
  eval(script: string, keys: string[], args: Array<string | number>): Promise<unknown>;
  /** A second connection for blocking reads (XREADGROUP BLOCK), whose commands may wait `blockMs` longer. */
  duplicate(blockMs: number): RedisConnection;
  close(): Promise<void>;
}

const noop = () => undefined;

export function openRedis(options: RedisConnectionOptions): RedisConnection {
  const { commandTimeoutMs } = options;
  const url = options.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const client = options.client ? Promise.resolve(options.client) : openOwn({ url, cluster: options.cluster }, commandTimeoutMs);
  return wrap(client, !options.client, commandTimeoutMs);
}

// `abrupt`: close by disconnecting, not QUIT, which would wait behind a blocking read.
function wrap(clientPromise: Promise<RedisClientLike>, owned: boolean, commandTimeoutMs: number, abrupt = false): RedisConnection {
  const shas = new Map<string, string>();
  let closed = false;
  let waiting: Promise<void> | undefined;

  async function ready(): Promise<RedisClientLike> {
    const client = await clientPromise;
    if (closed) throw new Error('The Redis connection is closed.');
    if (client.status === 'ready') return client;
    if (client.status === 'end') throw new Error('The Redis connection has ended.');
    // A connection that was lost is being retried in the background: fail now rather than hold the request.
    if (client.status === 'reconnecting') throw new Error('Redis is not connected (reconnecting).');
    if (client.status === 'wait') client.connect().catch(noop);
    // Connecting for the first time: wait a little for it, not more than a command may take. One wait
    // is shared by every command that arrives meanwhile (one 'ready' listener, not one per command).
    waiting ??= new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        client.removeListener('ready', onReady);
        reject(new Error(`Redis is not connected (status ${client.status}).`));
      }, commandTimeoutMs);
      timer.unref();
      client.once('ready', onReady);
    }).finally(() => (waiting = undefined));
    await waiting;
    return client;
  }

  async function call(command: string, ...args: Array<string | number>): Promise<unknown> {
    const client = await ready();
    // Our own connections time out by themselves; a client of yours may queue offline: bound it here too.
    return owned ? client.call(command, ...args) : withTimeout(client.call(command, ...args), commandTimeoutMs + 100, command);
  }

  return {
    call,
    async eval(script, keys, args) {
      let sha = shas.get(script);
      if (!sha) shas.set(script, (sha = createHash('sha1').update(script).digest('hex')));
      try {
        return await call('EVALSHA', sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return call('EVAL', script, keys.length, ...keys, ...args);
      }
    },
    duplicate(blockMs) {
      const timeout = commandTimeoutMs + blockMs;
      return wrap(clientPromise.then((client) => duplicateFailFast(client, timeout)), true, timeout, true);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!owned) return;
      const client = await clientPromise.catch(() => undefined);
      if (!client) return;
      if (client.status === 'ready' && !abrupt) await withTimeout(client.quit(), commandTimeoutMs, 'QUIT').catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis ${what} timed out after ${ms} ms.`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
