import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { probeRedis } from './redis-server.js';
import { chooseRedisUrl } from './redis-url.js';

// Moved to redis-server.ts (no probe on import, for the soak); re-exported for the tests.
export { freePort, probeRedis, sleep, startPrivateRedis, until, type PrivateRedis } from './redis-server.js';

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

/** `[field, value, field, value…]` as Redis returns a stream entry's fields → an object. */
export function entryFields(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!] = fields[i + 1]!;
  return out;
}

/** The Redis store's key for a message id (`<keyPrefix>claim:<sha256 hex>`), computed here, not imported. */
export const claimKey = (keyPrefix: string, id: string) => `${keyPrefix}claim:${createHash('sha256').update(id).digest('hex')}`;
