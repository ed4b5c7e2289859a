import { openRedis, type RedisClientLike } from './redis-client.js';
import { createRedisSharedState } from './redis-shared-state.js';
import { redisClusterOptionsSchema, type RedisClusterOptions } from './redis-cluster-options.js';
import { keyDigest, unexpectedStoreValue } from './store-keys.js';
import type { ClaimResult, IdempotencyStore, MessageState } from './store.js';

export type { RedisClientLike, RedisConnectionOverrides } from './redis-client.js';
export type { RedisClusterOptions } from './redis-cluster-options.js';

export interface RedisStoreOptions {
  /** Default: `process.env.REDIS_URL`, else `redis://127.0.0.1:6379`. Ignored when `client` is given; not with `cluster`. */
  url?: string;
  /** A Redis Cluster, `{ nodes: ['redis://host:port', …] }`, opened instead of `url`. Ignored when `client` is given. */
  cluster?: RedisClusterOptions;
  /** An ioredis client (`Redis` or `Cluster`) of yours, used as is: `close()` leaves it open. */
  client?: RedisClientLike;
  /**
   * Prefix of every key written (`<keyPrefix>claim:<sha256 of the id>`; a registration watch shared by
   * instances adds `<keyPrefix>lease:<sha256>` and `<keyPrefix>value:<sha256>`). Default `'wx-audit:'`.
   */
  keyPrefix?: string;
  /** How long a done marker is kept, seconds. Default 86,400; WeChat's retries all come within a minute. */
  ttlSeconds?: number;
  /**
   * Longest a store call may take, ms, before the middleware answers 503 (WeChat retries). Default 1000:
   * with ackTimeoutMs 4000 that leaves time to answer inside WeChat's 5 s.
   */
  commandTimeoutMs?: number;
}

// `<keyPrefix>claim:<sha256(id) hex>` holds 'i:<owner>' with a PX lease while in flight, and 'd' with an
// EX TTL once done. Each script reads and writes in one step, so two instances can never both claim, and
// a lapsed owner can neither renew nor release a claim that another instance has taken since. Any other
// value (or an 'i:' claim without a lease, which would be in flight for ever) was not written by us: the
// scripts answer 'unexpected' (-1) and the caller gets an error, never "in flight".
const KNOWN = `local function known(v) return v == 'd' or string.sub(v, 1, 2) == 'i:' end
`;
const CLAIM = `local v = redis.call('GET', KEYS[1])
if not v then redis.call('SET', KEYS[1], 'i:' .. ARGV[1], 'PX', ARGV[2]) return 'claimed' end
if v == 'd' then return 'done' end
if string.sub(v, 1, 2) == 'i:' and redis.call('PTTL', KEYS[1]) > 0 then return 'in-flight' end
return 'unexpected'`;
const RENEW = `${KNOWN}local v = redis.call('GET', KEYS[1])
if v == 'i:' .. ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if v and not known(v) then return -1 end
return 0`;
// Done when we still hold the claim, or when the lease lapsed and nobody claimed since: the listeners
// did succeed. Another owner's live claim is left alone; its own completion will record it.
const COMPLETE = `${KNOWN}local v = redis.call('GET', KEYS[1])
if v == 'd' then return 1 end
if not v or v == 'i:' .. ARGV[1] then redis.call('SET', KEYS[1], 'd', 'EX', ARGV[2]) return 1 end
if not known(v) then return -1 end
return 0`;
const RELEASE = `${KNOWN}local v = redis.call('GET', KEYS[1])
if v == 'i:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
if v and not known(v) then return -1 end
return 0`;

/**
 * Idempotency shared through Redis, so that N instances behind a load balancer dispatch each message
 * once. ioredis is loaded on first use. Commands fail fast when Redis is away (no offline queue), which
 * the middleware turns into 503 STORE_UNAVAILABLE: it never acknowledges what it could not record.
 */
export function createRedisStore(options: RedisStoreOptions = {}): IdempotencyStore {
  const keyPrefix = options.keyPrefix ?? 'wx-audit:';
  const ttlSeconds = options.ttlSeconds ?? 86_400;
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new RangeError('createRedisStore: ttlSeconds must be a positive integer');
  if (!Number.isInteger(commandTimeoutMs) || commandTimeoutMs < 1) throw new RangeError('createRedisStore: commandTimeoutMs must be a positive integer');
  const cluster = parseCluster(options);
  const redis = openRedis({ url: options.url, cluster, client: options.client, commandTimeoutMs });
  // A namespace of its own under keyPrefix, the id hashed: no id can name a key of the queue's (see store-keys.ts).
  const k = (id: string) => `${keyPrefix}claim:${keyDigest(id)}`;
  /** Runs a script on the id's key; an 'unexpected' (-1) answer is an error for the caller. */
  const run = async (script: string, id: string, args: Array<string | number>) => {
    const key = k(id);
    const result = await redis.eval(script, [key], args);
    if (result === 'unexpected' || result === -1) throw unexpectedStoreValue(key);
    return result;
  };
  const lease = (leaseMs: number) => Math.max(1, Math.ceil(leaseMs));

  return {
    ttlSeconds,
    ...createRedisSharedState(redis, keyPrefix),
    async claim(key, owner, leaseMs): Promise<ClaimResult> {
      const result = await run(CLAIM, key, [owner, lease(leaseMs)]);
      if (result === 'claimed' || result === 'in-flight' || result === 'done') return result;
      throw new Error('Unexpected reply from the Redis claim script.');
    },
    async renew(key, owner, leaseMs) {
      return (await run(RENEW, key, [owner, lease(leaseMs)])) === 1;
    },
    async complete(key, owner) {
      await run(COMPLETE, key, [owner, ttlSeconds]);
    },
    async release(key, owner) {
      await run(RELEASE, key, [owner]);
    },
    async state(key): Promise<MessageState> {
      const value = await redis.call('GET', k(key));
      if (value === null) return 'none';
      if (value === 'd') return 'done';
      if (typeof value === 'string' && value.startsWith('i:')) return 'in-flight';
      throw unexpectedStoreValue(k(key));
    },
    close: () => redis.close(),
  };
}

function parseCluster(options: RedisStoreOptions): RedisClusterOptions | undefined {
  if (options.cluster === undefined) return undefined;
  if (options.url !== undefined) throw new RangeError('createRedisStore: give url (one Redis) or cluster (a Redis Cluster), not both');
  const parsed = redisClusterOptionsSchema.safeParse(options.cluster);
  if (!parsed.success) throw new RangeError(`createRedisStore: cluster.nodes must list one or more nodes as redis://[user:password@]host:port (rediss:// for TLS)`);
  return parsed.data;
}
