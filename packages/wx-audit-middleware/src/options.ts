import { z } from 'zod';
import { WxAuditError } from './errors.js';
import { describeIssues } from './events/issues.js';
import { durableOptionsSchema } from './durable/durable-options.js';
import { loggerSchema } from './logger.js';
import type { IdempotencyStore } from './stores/store.js';
import { payReplyKeySchema } from './verify/pay-reply-key.js';

const isStore = (value: unknown): value is IdempotencyStore =>
  typeof value === 'object' &&
  value !== null &&
  ['claim', 'renew', 'complete', 'release', 'state', 'close'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function');

/** Options of `createWxAudit`; the TypeScript type derives from this schema. */
export const wxAuditOptionsSchema = z
  .object({
    /** Message-push Token from the WeChat console. Required to receive pushes. */
    token: z.string().min(1).optional(),
    /** Current EncodingAESKey (43 characters). Needed for compatible and safe mode. */
    encodingAESKey: z.string().optional(),
    /** The key before the current one, tried when the current one fails (rotation). */
    previousEncodingAESKey: z.string().optional(),
    /** receiveId that decrypted pushes must carry: the appid, or the component appid of a third-party platform. */
    appId: z.string().min(1).optional(),
    /**
     * Refuse plaintext pushes (their body is not signed, only the query is). Default: true when
     * `encodingAESKey` is given, else false. Set it to false only while the console is switched from
     * plaintext to safe mode.
     */
    requireEncryption: z.boolean().optional(),
    /**
     * Refuse a push whose CreateTime (inside the signed ciphertext) is further than this from the clock,
     * seconds (401 MESSAGE_TOO_OLD): a captured push cannot be replayed once it is older. Default 3600. At most
     * the store's `ttlSeconds`. `false` turns the check off (tests replaying recorded pushes; never in production).
     */
    maxMessageAgeSeconds: z.union([z.number().int().positive(), z.literal(false)]).optional(),
    /** `{ [caller's API certificate serial]: its PEM public key or X.509 certificate }`, verifying info-update notifications. */
    payKeys: z.record(z.string().min(1), z.union([z.string().min(1), z.custom<Buffer>((v) => Buffer.isBuffer(v), 'a PEM string or Buffer')])).optional(),
    /** Your merchant API key `{ serialNo, privateKey }`: signs every answer to a notification, as APIv3 clients require. */
    payReplyKey: payReplyKeySchema.optional(),
    /** Where warnings and errors go: `console` by default, `false` for nowhere. */
    logger: loggerSchema.optional(),
    /** Idempotency store. Default: createMemoryStore(). */
    store: z.custom<IdempotencyStore>(isStore, 'an IdempotencyStore (claim, renew, complete, release, state, close)').optional(),
    /** Longest wait for listeners before answering, ms. Default 4000 (WeChat gives up after 5 s). */
    ackTimeoutMs: z.number().int().positive().optional(),
    /** Lease on an in-flight claim, renewed while listeners run, ms. Default ackTimeoutMs + 1000. */
    leaseMs: z.number().int().positive().optional(),
    /** Durable mode: acknowledge once the push is in a Redis Stream, run listeners from it with retries (docs/recipes/durable-mode.md). */
    durable: durableOptionsSchema.optional(),
    /** Accepted clock skew of a request's timestamp, either way, seconds. Default 300. */
    toleranceSeconds: z.number().nonnegative().optional(),
    /** Largest body read, bytes. Default 65536. */
    bodyLimit: z.number().int().positive().optional(),
    /** Clock in milliseconds, like Date.now. */
    now: z.custom<() => number>((v) => typeof v === 'function', 'a function returning milliseconds').optional(),
  })
  .strict()
  .refine((o) => o.encodingAESKey === undefined || o.appId !== undefined, {
    message: 'appId is required with encodingAESKey (decrypted pushes must be checked against it)',
    path: ['appId'],
  })
  .refine((o) => o.previousEncodingAESKey === undefined || o.encodingAESKey !== undefined, {
    message: 'previousEncodingAESKey needs encodingAESKey',
    path: ['previousEncodingAESKey'],
  })
  .refine((o) => o.token !== undefined || o.payKeys !== undefined, {
    message: 'give `token` (WeChat pushes) or `payKeys` (WeChat Pay notifications), or both',
    path: ['token'],
  });

export type WxAuditOptions = z.input<typeof wxAuditOptionsSchema>;

export function parseOptions(options: unknown): z.output<typeof wxAuditOptionsSchema> {
  const parsed = wxAuditOptionsSchema.safeParse(options);
  if (!parsed.success) throw new WxAuditError('CONFIG_INVALID', `createWxAudit: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}
