import type { WxAuditError, WxAuditErrorCode } from '../errors.js';
import type { AuditStatusFields } from './audit-status.js';
import type { InfoUpdateAuditFields } from './info-update-audit.js';
import type { MessageFields } from './message.js';
import type { SceneAuditFields } from './catalogue/scene-audit.js';
import type { AuditResultEvent, CatalogueEventMap } from './catalogue-events.js';
import type { CatalogueEventName } from './catalogue/catalogue.js';
import type { EventEnvelope } from './envelope.js';
import type { EventDefinition } from './catalogue-event.js';

export type { EventEnvelope } from './envelope.js';

export type { RawMessage } from './envelope.js';

export type SceneAuditEvent = EventEnvelope<'sceneAudit'> & SceneAuditFields;
export type MessageEvent = EventEnvelope<'message'> & MessageFields;
export type InfoUpdateAuditEvent = EventEnvelope<'infoUpdateAudit'> & InfoUpdateAuditFields;

/** Events produced by an inbound request and delivered to listeners under the delivery rules. */
export type DispatchedEvent = CatalogueEventMap[CatalogueEventName][0] | AuditResultEvent | MessageEvent | InfoUpdateAuditEvent;

/** An event of the user's own (`defineEvent`), as `handlerError` and `handlerSlow` report it: typed by its definition where it is listened to. */
export type DefinedEvent = EventEnvelope<string> & { readonly [field: string]: unknown };

/** What `handlerError` and `handlerSlow` carry: any dispatched event, the catalogue's or the user's own. */
export type AnyDispatchedEvent = DispatchedEvent | DefinedEvent;

/**
 * Emitted by `audit.watchRegistration()` when a shop's registration status differs from the last one seen.
 * `id` is `st:<wxName>|<change number>|<the status fields that define a change>` (docs/events/audit-status.md).
 */
export type AuditStatusEvent = { type: 'auditStatus'; id: string; wxName: string; raw: Record<string, unknown> } & AuditStatusFields;

export interface RejectedEvent {
  type: 'rejected';
  code: WxAuditErrorCode;
  status: number;
  /** What the developer should fix; never a secret or decrypted content. */
  message: string;
  method: string;
  path: string;
}

export interface HandlerErrorEvent {
  type: 'handlerError';
  event: AnyDispatchedEvent;
  /** What the listener threw or rejected with (also when it did so after overrunning ackTimeoutMs), or a `WxAuditError` with code `HANDLER_ABANDONED` (still running after 10 × ackTimeoutMs, given up on). */
  error: unknown;
}

/**
 * A listener that overran `ackTimeoutMs` (WeChat was answered 503 `HANDLER_TIMEOUT`) and then succeeded:
 * the message is recorded as done, so nothing failed. Reported apart from `handlerError`, so that alerting
 * on `handlerError` pages only for real failures.
 */
export interface HandlerSlowEvent {
  type: 'handlerSlow';
  event: AnyDispatchedEvent;
  /** How long the listener ran, ms (the process's own clock, not the `now` option). */
  elapsedMs: number;
  ackTimeoutMs: number;
}

/**
 * The idempotency store failed around listeners that ran: renewing their claim's lease while they ran, or
 * recording their outcome afterwards. Nothing is lost (WeChat's retry, or another instance, runs the
 * message again), but it may run twice: make listeners idempotent on `event.id`, and watch the store.
 */
export interface StoreErrorEvent {
  type: 'storeError';
  /** `renew`: the lease while listeners ran; `complete` / `release`: recording their outcome after they ran. */
  operation: 'renew' | 'complete' | 'release';
  /** The message's id (it may hold an openid: keep it out of logs you share). */
  id: string;
  /** What the store threw; absent when the store answered that this instance no longer holds the lease. */
  error?: unknown;
}

/**
 * Emitted by `audit.watchRegistration()` when a poll failed (the watch goes on after `nextPollInMs`),
 * or when an `auditStatus` listener threw or rejected (then `event` is the event it was given).
 */
export interface WatchErrorEvent {
  type: 'watchError';
  wxName: string;
  /** A `WxApiError` for a failed poll (or what the access-token function threw); what the listener threw otherwise. */
  error: unknown;
  /** The `auditStatus` event whose listener failed; absent when the poll failed. */
  event?: AuditStatusEvent;
  /** Polls failed in a row; 0 for a listener failure. */
  consecutiveFailures: number;
  /** Wait before the next poll, ms (doubles with each failure, capped); undefined when the poll itself succeeded. */
  nextPollInMs: number | undefined;
}

export interface WxAuditEventMap extends CatalogueEventMap {
  sceneAudit: [SceneAuditEvent];
  auditResult: [AuditResultEvent];
  message: [MessageEvent];
  infoUpdateAudit: [InfoUpdateAuditEvent];
  auditStatus: [AuditStatusEvent];
  rejected: [RejectedEvent];
  handlerError: [HandlerErrorEvent];
  handlerSlow: [HandlerSlowEvent];
  storeError: [StoreErrorEvent];
  watchError: [WatchErrorEvent];
}

/**
 * The name of an event `audit` emits. Spelt as a template literal so that it is a plain union of string
 * literals: a compile error for a misspelt name then lists every valid name, not just "keyof WxAuditEventMap".
 */
export type WxAuditEventName = `${keyof WxAuditEventMap & string}`;

/**
 * A listener of one event. Whatever it returns is ignored, except that a promise is awaited (see the
 * delivery rules): an `async` listener is a `WxAuditListener` too.
 */
export type WxAuditListener<K extends WxAuditEventName> = (...args: WxAuditEventMap[K]) => unknown;

/** The events of an `audit` created with `events: [definitions]`: the middleware's, and one per definition. */
export type DefinedEventMap<E extends readonly EventDefinition[]> = {
  [D in E[number] as D['name']]: [EventEnvelope<D['name']> & NonNullable<D['~fields']>];
};

/** Every event of an `audit` with the user's events `C` (`DefinedEventMap`) added. */
export type WxAuditEventsWith<C> = WxAuditEventMap & C;
export type WxAuditEventNameWith<C> = `${keyof WxAuditEventsWith<C> & string}`;
export type WxAuditListenerWith<C, K extends WxAuditEventNameWith<C>> = (...args: ArgsOf<WxAuditEventsWith<C>[K & keyof WxAuditEventsWith<C>]>) => unknown;
type ArgsOf<T> = T extends readonly unknown[] ? T : never;
export type DispatchedEventName = DispatchedEvent['type'];

export type { WxAuditError };
