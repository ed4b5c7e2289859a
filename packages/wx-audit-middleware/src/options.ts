import { z } from 'zod';
import { longerThanATimer, MAX_TIMER_MS } from './timer-limit.js';

/** A listener is given up after 10 × ackTimeoutMs (dispatch.ts): that wait must fit in a timer too. */
const ACK_TIMEOUT_MAX_MS = Math.floor(MAX_TIMER_MS / 10);
import { WxAuditError } from './errors.js';
import { describeOptionIssues } from './describe-option-issues.js';
import { durableOptionsSchema } from './durable/durable-options.js';
import { loggerSchema } from './logger.js';
import type { IdempotencyStore } from './stores/store.js';
import type { EventDefinition } from './events/catalogue-event.js';
import { aesKeyProblem } from './verify/aes-key-problem.js';
import { payReplyKeySchema } from './verify/pay-reply-key.js';
import { telemetryOptionSchema } from './telemetry/telemetry-options.js';

/** An EncodingAESKey, checked here so that a bad one is refused with what is wrong with it (never its value). */
const aesKeySchema = z.string().superRefine((value, ctx) => {
  const problem = aesKeyProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A `payKeys` value. `undefined` is the usual trace of an unset environment variable
 * (`{ [serial]: process.env.PAY_KEY }`): said so, instead of zod's "Invalid input".
 */
const payKeySchema = z.custom<string | Buffer>((v) => (typeof v === 'string' && v !== '') || Buffer.isBuffer(v), {
  error: (issue) =>
    issue.input === undefined
      ? 'is undefined: is the environment variable holding this key unset? Give the PEM text of the caller\'s public key or certificate (or a Buffer)'
      : issue.input === ''
        ? 'is empty: is the environment variable holding this key set to ""? Give the PEM text of the caller\'s public key or certificate (or a Buffer)'
        : 'must be the PEM text of the caller\'s public key or certificate, or a Buffer',
});

const isStore = (value: unknown): value is IdempotencyStore =>
  typeof value === 'object' &&
  value !== null &&
  ['claim', 'renew', 'complete', 'release', 'state', 'close'].every((m) => typeof (value as Record<string, unknown>)[m] === 'function');

const isDefinition = (value: unknown): value is EventDefinition =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).name === 'string' &&
  typeof (value as Record<string, unknown>).parse === 'function' &&
  typeof (value as Record<string, unknown>).idKeys === 'function';

/** Options of `createWxAudit`; the TypeScript type derives from this schema. */
export const wxAuditOptionsSchema = z
  .object({
    /** Message-push Token from the WeChat console. Required to receive pushes. */
    token: z.string().min(1).optional(),
    /** Current EncodingAESKey (43 characters). Needed for compatible and safe mode. */
    encodingAESKey: aesKeySchema.optional(),
    /** The key before the current one, tried when the current one fails (rotation). */
    previousEncodingAESKey: aesKeySchema.optional(),
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
    payKeys: z.record(z.string().min(1), payKeySchema).optional(),
    /** Your merchant API key `{ serialNo, privateKey }`: signs every answer to a notification, as APIv3 clients require. */
    payReplyKey: payReplyKeySchema.optional(),
    /** Where warnings and errors go: `console` by default, `false` for nowhere. */
    logger: loggerSchema.optional(),
    /** Idempotency store. Default: createMemoryStore(). */
    store: z.custom<IdempotencyStore>(isStore, 'an IdempotencyStore (claim, renew, complete, release, state, close)').optional(),
    /** Longest wait for listeners before answering, ms. Default 4000 (WeChat gives up after 5 s). */
    ackTimeoutMs: z.number().int().positive().max(ACK_TIMEOUT_MAX_MS, `at most ${ACK_TIMEOUT_MAX_MS} (listeners are given up after 10 × ackTimeoutMs, and a Node timer waits at most ${MAX_TIMER_MS} ms)`).optional(),
    /** Lease on an in-flight claim, renewed while listeners run, ms. Default ackTimeoutMs + 1000. */
    leaseMs: z.number().int().positive().max(MAX_TIMER_MS, longerThanATimer()).optional(),
    /** Durable mode: acknowledge once the push is in a Redis Stream, run listeners from it with retries (docs/recipes/durable-mode.md). */
    durable: durableOptionsSchema.optional(),
    /** Accepted clock skew of a request's timestamp, either way, seconds. Default 300. */
    toleranceSeconds: z.number().nonnegative().optional(),
    /** Largest body read, bytes. Default 65536. */
    bodyLimit: z.number().int().positive().optional(),
    /** Your own typed events (`defineEvent`), for pushes the middleware does not type. */
    events: z
      .array(z.custom<EventDefinition>(isDefinition, 'an event definition made with defineEvent({ name, wire, schema })'))
      .optional(),
    /**
     * OpenTelemetry: a span per request and `wx_audit.*` metrics (docs/recipes/opentelemetry.md). Default: the
     * global tracer and meter of `@opentelemetry/api` when an SDK registered them before createWxAudit, else
     * nothing. `false`: never. `{ tracer, meter }`: these.
     */
    telemetry: telemetryOptionSchema.optional(),
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
  if (!parsed.success) {
    const described = describeOptionIssues(parsed.error, wxAuditOptionsSchema);
    throw new WxAuditError('CONFIG_INVALID', `createWxAudit: ${described}${/[.?]$/.test(described) ? '' : '.'}`);
  }
  return parsed.data;
}
