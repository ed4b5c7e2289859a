import type { RedisClientLike, RedisConnectionOverrides } from './redis-client-like.js';
import { clusterNodes, type RedisClusterOptions } from './redis-cluster-options.js';

type Owned = RedisClientLike & { on(event: 'error', listener: () => void): unknown };
type NodeAddress = { host: string; port: number };
type Auth = ReturnType<typeof clusterNodes>['auth'];

/** ioredis `Cluster` options this package sets on the clusters it opens. */
interface ClusterOverrides {
  lazyConnect: boolean;
  enableOfflineQueue: boolean;
  retryDelayOnFailover: number;
  retryDelayOnClusterDown: number;
  retryDelayOnTryAgain: number;
  slotsRefreshTimeout: number;
  clusterRetryStrategy: (times: number) => number | null;
  redisOptions: RedisConnectionOverrides & Auth;
}

interface Ioredis {
  Redis: new (url: string, options: RedisConnectionOverrides) => Owned;
  Cluster: new (nodes: NodeAddress[], options: ClusterOverrides) => Owned;
}

const noop = () => undefined;
// Reconnect quickly after a restart; never give up (a given-up client would need a process restart).
const retry = (times: number) => Math.min(50 * times, 500);

/** Options making a connection we open fail fast instead of queueing commands while Redis is away. */
export function failFast(commandTimeoutMs: number): RedisConnectionOverrides {
  return {
    lazyConnect: true,
    // Without an offline queue, a command sent while disconnected fails at once: the middleware answers
    // 503 and WeChat retries, instead of a request hanging until WeChat's 5 s are gone.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 1000),
    retryStrategy: retry,
  };
}

/**
 * The same for a Cluster. Its offline queue is off, so a command is never parked while the cluster is
 * unreachable; but a redirect is not a failure: ioredis follows MOVED and ASK at once, and retries a
 * command every 100 ms (refreshing the slot map) while its node is down or the cluster answers
 * CLUSTERDOWN/TRYAGAIN during a failover. `commandTimeout`, armed once per command on the node
 * connections, bounds all of that: a command that finds no master in time fails, and only then is the
 * push answered 503.
 */
function failFastCluster(commandTimeoutMs: number, auth: Auth): ClusterOverrides {
  const { lazyConnect: _lazy, enableOfflineQueue: _queue, retryStrategy: _retry, ...node } = failFast(commandTimeoutMs);
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: Math.max(commandTimeoutMs, 1000),
    clusterRetryStrategy: retry,
    redisOptions: { ...auth, ...node },
  };
}

async function loadIoredis(): Promise<Ioredis> {
  let mod: Record<string, unknown>;
  try {
    // Loaded on first use only, so that users who never use Redis need not install ioredis.
    mod = (await import('ioredis')) as unknown as Record<string, unknown>;
  } catch (cause) {
    throw new Error('ioredis is not installed: add it (npm i ioredis) to use the Redis store or durable mode.', { cause });
  }
  const fromDefault = mod.default as Record<string, unknown> | undefined;
  const Redis = mod.Redis ?? fromDefault?.Redis ?? mod.default;
  const Cluster = mod.Cluster ?? fromDefault?.Cluster;
  if (typeof Redis !== 'function' || typeof Cluster !== 'function') throw new Error('ioredis did not export its Redis and Cluster classes.');
  return { Redis, Cluster } as Ioredis;
}

/** Opens a fail-fast connection of our own: to `cluster` when given, else to `url`. */
export async function openOwn(target: { url: string; cluster?: RedisClusterOptions }, commandTimeoutMs: number): Promise<RedisClientLike> {
  const { Redis, Cluster } = await loadIoredis();
  let client: Owned;
  if (target.cluster) {
    const { nodes, auth } = clusterNodes(target.cluster);
    client = new Cluster(nodes, failFastCluster(commandTimeoutMs, auth));
  } else {
    client = new Redis(target.url, failFast(commandTimeoutMs));
  }
  // Connection errors surface as failed commands; without a listener ioredis would print each one.
  client.on('error', noop);
  return client;
}

/** A second fail-fast connection like `client` (a Redis or a Cluster), whose commands may take `timeoutMs`. */
export function duplicateFailFast(client: RedisClientLike, timeoutMs: number): RedisClientLike {
  const duplicate = (...args: unknown[]) => (client.duplicate as (...a: unknown[]) => Owned).apply(client, args);
  let second: Owned;
  if (client.isCluster === true) {
    // Cluster#duplicate(startupNodes, options): same nodes, its options with ours over them.
    const own = (client as { options?: { redisOptions?: RedisConnectionOverrides & Auth } }).options?.redisOptions ?? {};
    const base = failFastCluster(timeoutMs, {});
    second = duplicate([], { ...base, redisOptions: { ...own, ...base.redisOptions } });
  } else {
    second = duplicate(failFast(timeoutMs));
  }
  second.on('error', noop);
  return second;
}
