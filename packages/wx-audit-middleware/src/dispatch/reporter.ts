import type { EventEmitter } from 'node:events';
import { describeRequestText, escapeRequestText } from '../describe-request-text.js';
import { isWxAuditError } from '../errors.js';
import type { AnyDispatchedEvent, HandlerErrorEvent, HandlerSlowEvent, RejectedEvent, StoreErrorEvent } from '../events/types.js';
import { notify } from './listeners.js';
import type { WxAuditLogger } from '../logger.js';

/**
 * Where a request came in: its method and URL as sent (an InboundRequest is one). Only a log line reads
 * it, so the query (signatures, not secrets, but nothing a reader needs) is cut off there, not per request.
 */
export interface RequestPlace {
  method: string;
  url: string;
}

/**
 * Emits `rejected`, `handlerError` and `handlerSlow` and logs each of them once, whether or not anyone
 * listens: a wrong token or a throwing listener must never be silent on the server (API.md, Operations).
 * Log lines name codes, statuses, methods and paths (escaped as request text); never a secret, an id
 * (ids may hold openids) or a decrypted body.
 */
export interface Reporter {
  rejected(rejected: RejectedEvent, place: RequestPlace): void;
  handlerError(failure: HandlerErrorEvent, place?: RequestPlace): void;
  /** A listener ran past ackTimeoutMs: logged now (WeChat is answered 503); its outcome is reported when it settles. */
  overrun(event: AnyDispatchedEvent, ackTimeoutMs: number, place?: RequestPlace): void;
  handlerSlow(slow: HandlerSlowEvent, place?: RequestPlace): void;
  /** The store failed around listeners that ran (renewing their lease, recording their outcome). */
  storeError(trouble: StoreErrorEvent, place?: RequestPlace): void;
}

/** Bound on the listener's own error text quoted in a log line. */
const ERROR_TEXT_MAX = 200;

/**
 * `retries`: who runs a failed message again, for the log line: WeChat (the default mode answers 5xx), or
 * durable mode's worker (WeChat was acknowledged when the push was queued).
 */
export function createReporter(emitter: EventEmitter, logger: WxAuditLogger | undefined, retries: 'wechat' | 'durable' = 'wechat'): Reporter {
  // One misplaced mount refuses every request alike: said once per process, not once per request.
  let mountInvalidLogged = false;
  return {
    rejected(rejected, place) {
      notify(emitter, 'rejected', rejected);
      if (!logger) return;
      if (rejected.code === 'MOUNT_INVALID') {
        if (mountInvalidLogged) return;
        mountInvalidLogged = true;
      }
      const line = `wx-audit: refused ${at(place)}: ${rejected.status} ${rejected.code}: ${rejected.message}`;
      // A 5xx refusal is trouble on this side (store, configuration, mount), not a bad request.
      if (rejected.status >= 500) logger.error(line);
      else logger.warn(line);
    },
    handlerError(failure, place) {
      notify(emitter, 'handlerError', failure);
      logger?.error(`wx-audit: a listener of ${failure.event.type} failed${on(place)}: ${describeFailure(failure.error, retries)}`);
    },
    overrun(event, ackTimeoutMs, place) {
      logger?.warn(
        `wx-audit: a listener of ${event.type} has not settled within ackTimeoutMs (${ackTimeoutMs} ms)${on(place)}; WeChat was answered 503 HANDLER_TIMEOUT and will retry. Make the listener faster, raise ackTimeoutMs (below 5000: WeChat gives up after 5 s), or use durable mode.`,
      );
    },
    handlerSlow(slow, place) {
      notify(emitter, 'handlerSlow', slow);
      const line = `wx-audit: a listener of ${slow.event.type} that overran ackTimeoutMs (${slow.ackTimeoutMs} ms) succeeded after ${slow.elapsedMs} ms${on(place)}; the message is recorded as done and WeChat's retry is acknowledged without calling it again.`;
      // The overrun was already warned about; its recovery is news, not trouble.
      logger?.info?.(line);
    },
    storeError(trouble, place) {
      notify(emitter, 'storeError', trouble);
      const what =
        trouble.operation === 'renew'
          ? trouble.error === undefined
            ? 'the store says this instance no longer holds the lease of a message whose listeners are running'
            : 'the store failed to renew the lease of a message whose listeners are running'
          : `the store failed to record (${trouble.operation}) the outcome of listeners that ran`;
      const cause = trouble.error === undefined ? '' : `: ${describeStoreError(trouble.error)}`;
      logger?.error(`wx-audit: ${what}${on(place)}${cause}; the message may be dispatched again (at least once).`);
    },
  };
}

const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
};
const at = (place: RequestPlace): string => `${describeRequestText(place.method)} ${describeRequestText(pathOf(place.url))}`;
const on = (place: RequestPlace | undefined): string => (place ? ` on ${at(place)}` : '');

/** What the store threw, escaped and bounded (a driver's message, never request content). */
function describeStoreError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return escapeRequestText(text, ERROR_TEXT_MAX);
}

/** What the listener failed with: a WxAuditError by its code, anything else by its name and message, escaped and bounded. */
function describeFailure(error: unknown, retries: 'wechat' | 'durable'): string {
  if (isWxAuditError(error)) return `${error.status} ${error.code}: ${error.message}`;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : typeof error === 'string' ? error : `a thrown ${typeof error}`;
  const then = retries === 'wechat' ? '500 HANDLER_FAILED (WeChat will retry)' : 'HANDLER_FAILED (durable mode: run again after its backoff, dead-lettered after maxAttempts)';
  return `${then}: ${escapeRequestText(text, ERROR_TEXT_MAX)}`;
}
