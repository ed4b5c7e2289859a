import { z } from 'zod';
import { longerThanATimer, MAX_TIMER_MS } from '../timer-limit.js';
import type { RedisClientLike } from '../stores/redis-client.js';
import { redisClusterOptionsSchema } from '../stores/redis-cluster-options.js';

/** The longest delay Node's timers take (2^31 - 1 ms); past it, setTimeout fires after 1 ms. */

const isClient = (v: unknown): v is RedisClientLike => typeof v === 'object' && v !== null && typeof (v as { call?: unknown }).call === 'function';

/** Durable mode's options before their cross-field check (`pick` refuses a refined schema; open-dead-letters.ts picks). */
export const durableFieldsSchema = z
  .object({
    /** Default: `process.env.REDIS_URL`, else `redis://127.0.0.1:6379`. Ignored when `client` is given; not with `cluster`. */
    url: z.string().min(1).optional(),
    /** A Redis Cluster, `{ nodes: ['redis://host:port', …] }`, opened instead of `url`. Ignored when `client` is given. */
    cluster: redisClusterOptionsSchema.optional(),
    /** An ioredis client (`Redis` or `Cluster`) of yours (never closed by us); a duplicate of it serves the blocking reads. */
    client: z.custom<RedisClientLike>(isClient, 'an ioredis client').optional(),
    /** Prefix of every key: stream, dead letters, markers, and the default Redis store. Default 'wx-audit:'. */
    keyPrefix: z.string().optional(),
    /** Stream the verified events are written to. Default `<keyPrefix>{events}`; one of yours should carry a `{hash tag}`. */
    stream: z.string().min(1).optional(),
    /** Consumer group shared by every instance. Default 'wx-audit'. */
    group: z.string().min(1).optional(),
    /** This instance's consumer name, unique per process. Default: host, pid and a random suffix. */
    consumer: z.string().min(1).optional(),
    /** Runs of the listeners before an entry goes to the dead-letter stream. Default 5. */
    maxAttempts: z.number().int().positive().optional(),
    /** Wait before retry n (1-based): `{ baseMs, maxMs }` doubling from baseMs (default 1000, 60000), or a function. */
    backoff: z
      .union([
        z.object({ baseMs: z.number().int().nonnegative().optional(), maxMs: z.number().int().nonnegative().optional() }).strict(),
        z.custom<(attempt: number) => number>((v) => typeof v === 'function', 'a function of the attempt number'),
      ])
      .optional(),
    /** Stream that receives entries whose attempts are exhausted. Default `<stream>:dead`. */
    deadLetter: z.string().min(1).optional(),
    /** Entries handled at once by this instance. Default 8. */
    concurrency: z.number().int().positive().optional(),
    /** An entry pending this long without a heartbeat (its consumer died) is taken over, ms. Default 30000. */
    claimIdleMs: z.number().int().positive().optional(),
    /**
     * A run whose listeners have not all settled after this long is given up, ms: HANDLER_ABANDONED is
     * reported (handlerError), the claim released and the attempt counted (retried after its backoff, then
     * dead-lettered), so that a listener that never settles cannot hold a concurrency slot for ever. Its
     * late outcome is ignored. Default 600000 (10 minutes). At most 2147483647 (about 24.8 days): Node runs
     * a longer timer after 1 ms, which would abandon every run at once.
     */
    handlerTimeoutMs: z.number().int().positive().max(MAX_TIMER_MS, longerThanATimer()).optional(),
    /** Lease on the idempotency claim while listeners run, renewed every third of it, ms. Default 30000. */
    leaseMs: z.number().int().positive().optional(),
    /** How long a re-delivery of an enqueued push is acknowledged without a second entry, s. Default 86400. */
    ttlSeconds: z.number().int().positive().optional(),
    /** Longest a Redis command may take before the push is answered 503, ms. Default 1000. */
    commandTimeoutMs: z.number().int().positive().optional(),
    /** Longest a blocking read waits for new entries, ms. Default 2000. */
    blockMs: z.number().int().positive().optional(),
  })
  .strict();

export const oneRedisTarget = { message: 'give url (one Redis) or cluster (a Redis Cluster), not both', path: ['cluster'] };

/** `createWxAudit({ durable })`: acknowledge once a push is in a Redis Stream, run listeners from there. */
export const durableOptionsSchema = durableFieldsSchema.refine((o) => o.url === undefined || o.cluster === undefined, oneRedisTarget);

export type DurableOptions = z.input<typeof durableOptionsSchema>;
