import { openRedis, type RedisClientLike } from './redis-client.js';
import type { ClaimResult, IdempotencyStore, MessageState } from './store.js';

export type { RedisClientLike, RedisConnectionOverrides } from './redis-client.js';

export interface RedisStoreOptions {
  /** Default: `process.env.REDIS_URL`, else `redis://127.0.0.1:6379`. Ignored when `client` is given. */
  url?: string;
  /** An ioredis client of yours, used as is: `close()` leaves it open. */
  client?: RedisClientLike;
  /** Prefix of every key written. Default `'wx-audit:'`. */
  keyPrefix?: string;
  /** How long a done marker is kept, seconds. Default 86,400; WeChat's retries all come within a minute. */
  ttlSeconds?: number;
  /**
   * Longest a store call may take, ms, before the middleware answers 503 (WeChat retries). Default 1000:
   * with ackTimeoutMs 4000 that leaves time to answer inside WeChat's 5 s.
   */
  commandTimeoutMs?: number;
}

// A key holds 'i:<owner>' with a PX lease while in flight, and 'd' with an EX TTL once done. Each script
// reads and writes in one step, so two instances can never both claim, and a lapsed owner can neither
// renew nor release a claim that another instance has taken since.
const CLAIM = `local v = redis.call('GET', KEYS[1])
if not v then redis.call('SET', KEYS[1], 'i:' .. ARGV[1], 'PX', ARGV[2]) return 'claimed' end
if v == 'd' then return 'done' end
return 'in-flight'`;
const RENEW = `if redis.call('GET', KEYS[1]) == 'i:' .. ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
// Done when we still hold the claim, or when the lease lapsed and nobody claimed since: the listeners
// did succeed. Another owner's live claim is left alone; its own completion will record it.
const COMPLETE = `local v = redis.call('GET', KEYS[1])
if v == 'd' then return 1 end
if not v or v == 'i:' .. ARGV[1] then redis.call('SET', KEYS[1], 'd', 'EX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == 'i:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
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
  const redis = openRedis({ url: options.url, client: options.client, commandTimeoutMs });
  const k = (key: string) => keyPrefix + key;
  const lease = (leaseMs: number) => Math.max(1, Math.ceil(leaseMs));

  return {
    ttlSeconds,
    async claim(key, owner, leaseMs): Promise<ClaimResult> {
      const result = await redis.eval(CLAIM, [k(key)], [owner, lease(leaseMs)]);
      if (result === 'claimed' || result === 'in-flight' || result === 'done') return result;
      throw new Error('Unexpected reply from the Redis claim script.');
    },
    async renew(key, owner, leaseMs) {
      return (await redis.eval(RENEW, [k(key)], [owner, lease(leaseMs)])) === 1;
    },
    async complete(key, owner) {
      await redis.eval(COMPLETE, [k(key)], [owner, ttlSeconds]);
    },
    async release(key, owner) {
      await redis.eval(RELEASE, [k(key)], [owner]);
    },
    async state(key): Promise<MessageState> {
      const value = await redis.call('GET', k(key));
      if (value === null) return 'none';
      return value === 'd' ? 'done' : 'in-flight';
    },
    close: () => redis.close(),
  };
}
