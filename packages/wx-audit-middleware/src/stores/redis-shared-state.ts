import type { RedisConnection } from './redis-client.js';
import { keyDigest, unexpectedStoreValue } from './store-keys.js';
import type { SharedStateStore } from './store.js';

type SharedStateMethods = Pick<SharedStateStore, 'acquireLease' | 'renewLease' | 'releaseLease' | 'getValue' | 'swapValue'>;

// `<keyPrefix>lease:<sha256(name)>` holds 'l:<owner>' with a PX lease; `<keyPrefix>value:<sha256(name)>`
// holds 'v:<value>' with a PX time to live. The tag lets a script tell our values from a value something
// else wrote under keyPrefix (answered -1: an error for the caller, never a silent takeover). Each script
// reads and writes one key in one step, so two instances can never both take a lease or both win a swap.
const ACQUIRE = `local v = redis.call('GET', KEYS[1])
if not v or v == 'l:' .. ARGV[1] then redis.call('SET', KEYS[1], 'l:' .. ARGV[1], 'PX', ARGV[2]) return 1 end
if string.sub(v, 1, 2) ~= 'l:' then return -1 end
return 0`;
const RENEW = `local v = redis.call('GET', KEYS[1])
if v == 'l:' .. ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if v and string.sub(v, 1, 2) ~= 'l:' then return -1 end
return 0`;
const RELEASE = `local v = redis.call('GET', KEYS[1])
if v == 'l:' .. ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
if v and string.sub(v, 1, 2) ~= 'l:' then return -1 end
return 0`;
// ARGV[1] is '' when no value is expected, else 'v:<expected>'.
const SWAP = `local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, 2) ~= 'v:' then return -1 end
if (ARGV[1] == '' and not v) or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end
return 0`;

const ms = (value: number) => Math.max(1, Math.ceil(value));

/** Leases and shared values of the Redis store, in key namespaces of their own (see store-keys.ts). */
export function createRedisSharedState(redis: RedisConnection, keyPrefix: string): SharedStateMethods {
  const leaseKey = (name: string) => `${keyPrefix}lease:${keyDigest(name)}`;
  const valueKey = (name: string) => `${keyPrefix}value:${keyDigest(name)}`;
  const run = async (script: string, key: string, args: Array<string | number>): Promise<unknown> => {
    const result = await redis.eval(script, [key], args);
    if (result === -1) throw unexpectedStoreValue(key);
    return result;
  };

  return {
    async acquireLease(name, owner, leaseMs) {
      return (await run(ACQUIRE, leaseKey(name), [owner, ms(leaseMs)])) === 1;
    },
    async renewLease(name, owner, leaseMs) {
      return (await run(RENEW, leaseKey(name), [owner, ms(leaseMs)])) === 1;
    },
    async releaseLease(name, owner) {
      await run(RELEASE, leaseKey(name), [owner]);
    },
    async getValue(name) {
      const key = valueKey(name);
      const value = await redis.call('GET', key);
      if (value === null) return undefined;
      if (typeof value === 'string' && value.startsWith('v:')) return value.slice(2);
      throw unexpectedStoreValue(key);
    },
    async swapValue(name, expected, value, ttlMs) {
      return (await run(SWAP, valueKey(name), [expected === undefined ? '' : `v:${expected}`, `v:${value}`, ms(ttlMs)])) === 1;
    },
  };
}
