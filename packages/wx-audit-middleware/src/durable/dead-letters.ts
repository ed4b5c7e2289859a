import { WxAuditError } from '../errors.js';
import type { AnyDispatchedEvent } from '../events/types.js';
import type { RedisConnection } from '../stores/redis-client.js';
import { DROP, REPLAY } from './dead-letter-scripts.js';
import type { DurableKeys } from './durable-keys.js';

/** One entry of the dead-letter stream: an entry whose listeners failed `maxAttempts` times (or could not run). */
export interface DeadLetter {
  /** The dead-letter stream's entry id (`<ms>-<n>`): what `replay` and `drop` take. */
  entryId: string;
  /** The idempotency id of the message (`msg:…`, `evt:…`); '' for an entry wx-audit did not write. */
  id: string;
  /** Listener runs that failed before it was dead-lettered (0: not retryable, see `error`). */
  attempts: number;
  /** The last failure, `Name: message` (or a `CODE: message` of wx-audit's). */
  error: string;
  failedAt: Date;
  /** The events the listeners were given; [] for an entry wx-audit did not write. */
  events: AnyDispatchedEvent[];
}

export interface DeadLetterListOptions {
  /** Most entries returned, oldest first. Default 100. */
  count?: number;
  /** Only entries after this entry id (exclusive): pass the last `entryId` of a page for the next one. */
  after?: string;
}

export interface DeadLetterReplayResult {
  /** Dead-letter entry ids now back in the stream (and gone from the dead letters). */
  replayed: string[];
  /** Ids that were not (or no longer) in the dead-letter stream. */
  notFound: string[];
  /** Entries without an id or events (not written by wx-audit): left where they are, drop them. */
  malformed: string[];
}

export interface DeadLetterDropResult {
  dropped: string[];
  notFound: string[];
}

/**
 * Durable mode's dead letters. A replay puts the entry's events back in the stream under the same id, so
 * it goes through the same idempotency: an id already `done` in the store is acknowledged without running
 * its listeners again. Failed runs leave no claim behind (the worker releases it), so nothing needs
 * clearing; a `done` marker is never overridden.
 */
export interface DeadLetters {
  list(options?: DeadLetterListOptions): Promise<DeadLetter[]>;
  /** Entries in the dead-letter stream. */
  count(): Promise<number>;
  replay(entryIds: string | string[]): Promise<DeadLetterReplayResult>;
  drop(entryIds: string | string[]): Promise<DeadLetterDropResult>;
}

const ENTRY_ID = /^\d+-\d+$/;

function entryIdsOf(operation: string, entryIds: string | string[]): string[] {
  const ids = [...new Set(typeof entryIds === 'string' ? [entryIds] : entryIds)];
  const bad = ids.find((id) => !ENTRY_ID.test(id));
  if (bad !== undefined) {
    throw new WxAuditError('CONFIG_INVALID', `deadLetters().${operation}: ${JSON.stringify(bad)} is not a stream entry id; pass the entryId of a dead letter (like 1700000000000-0), as list() gives it.`);
  }
  return ids;
}

/** The dead letters behind `keys`, through a connection the caller owns (and closes). */
export function createDeadLetters(redis: RedisConnection, keys: Pick<DurableKeys, 'stream' | 'deadLetter'>): DeadLetters {
  return {
    async list(options = {}) {
      const count = options.count ?? 100;
      if (!Number.isInteger(count) || count < 1) throw new WxAuditError('CONFIG_INVALID', 'deadLetters().list: count must be a positive integer.');
      const start = options.after === undefined ? '-' : `(${entryIdsOf('list', options.after)[0]!}`;
      const reply = (await redis.call('XRANGE', keys.deadLetter, start, '+', 'COUNT', count)) as Array<[string, string[]]>;
      return reply.map(([entryId, fields]) => toDeadLetter(entryId, fields));
    },
    async count() {
      return Number(await redis.call('XLEN', keys.deadLetter));
    },
    async replay(entryIds) {
      const ids = entryIdsOf('replay', entryIds);
      const result: DeadLetterReplayResult = { replayed: [], notFound: [], malformed: [] };
      if (ids.length === 0) return result;
      const reply = (await redis.eval(REPLAY, [keys.stream, keys.deadLetter], [Date.now(), ...ids])) as string[];
      ids.forEach((id, i) => {
        const outcome = reply[i];
        if (outcome === 'missing') result.notFound.push(id);
        else if (outcome === 'malformed') result.malformed.push(id);
        else result.replayed.push(id);
      });
      return result;
    },
    async drop(entryIds) {
      const ids = entryIdsOf('drop', entryIds);
      const result: DeadLetterDropResult = { dropped: [], notFound: [] };
      if (ids.length === 0) return result;
      const reply = (await redis.eval(DROP, [keys.deadLetter], ids)) as number[];
      ids.forEach((id, i) => (reply[i] === 1 ? result.dropped : result.notFound).push(id));
      return result;
    },
  };
}

function toDeadLetter(entryId: string, fields: string[]): DeadLetter {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
  const attempts = Number(f.get('attempts'));
  const at = Number(f.get('at'));
  return {
    entryId,
    id: f.get('id') ?? '',
    attempts: Number.isFinite(attempts) ? attempts : 0,
    error: f.get('error') ?? '',
    // The entry id's first part is when Redis wrote it: the fallback for an entry without `at`.
    failedAt: new Date(Number.isFinite(at) ? at : Number(entryId.split('-')[0])),
    events: parseEvents(f.get('id'), f.get('events')),
  };
}

function parseEvents(id: string | undefined, events: string | undefined): AnyDispatchedEvent[] {
  // A malformed entry's `events` holds the raw fields of what was in the stream, not events.
  if (!id || events === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(events);
    return Array.isArray(parsed) ? parsed.filter((e): e is AnyDispatchedEvent => typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string') : [];
  } catch {
    return [];
  }
}
