import type { z } from 'zod';
import { WxAuditError } from '../errors.js';
import { openRedis } from '../stores/redis-client.js';
import { durableKeys, sameSlotOnCluster } from './durable-keys.js';
import { durableFieldsSchema, oneRedisTarget } from './durable-options.js';
import { createDeadLetters, type DeadLetters } from './dead-letters.js';

/** Where the dead letters are: the same connection and key options as `createWxAudit({ durable })`. */
export const deadLettersOptionsSchema = durableFieldsSchema
  .pick({
  url: true,
  cluster: true,
  client: true,
  keyPrefix: true,
  stream: true,
  deadLetter: true,
    commandTimeoutMs: true,
  })
  .refine((o) => o.url === undefined || o.cluster === undefined, oneRedisTarget);

export type DeadLettersOptions = z.input<typeof deadLettersOptionsSchema>;

export interface OpenedDeadLetters extends DeadLetters {
  /** Closes the connection opened here (a `client` of yours stays open). */
  close(): Promise<void>;
}

/**
 * Durable mode's dead letters without an audit (no token or key needed): for scripts and the
 * `wx-audit dead-letters` command. Give the same `keyPrefix` / `stream` / `deadLetter` as the audit.
 */
export function openDeadLetters(options: DeadLettersOptions = {}): OpenedDeadLetters {
  const parsed = deadLettersOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WxAuditError('CONFIG_INVALID', `openDeadLetters: ${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}.`);
  }
  const o = parsed.data;
  const keys = durableKeys({ keyPrefix: o.keyPrefix ?? 'wx-audit:', stream: o.stream, deadLetter: o.deadLetter });
  if (o.client ? o.client.isCluster === true : o.cluster !== undefined) sameSlotOnCluster(keys);
  const redis = openRedis({ url: o.url, cluster: o.cluster, client: o.client, commandTimeoutMs: o.commandTimeoutMs ?? 5000 });
  return { ...createDeadLetters(redis, keys), close: () => redis.close() };
}
