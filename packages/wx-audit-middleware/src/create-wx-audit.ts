import { EventEmitter } from 'node:events';
import { watchRegistration, type RegistrationWatch, type WatchRegistrationOptions } from './client/watch-registration.js';
import { createDispatcher, type Dispatcher } from './dispatch/dispatch.js';
import { settleWithin } from './dispatch/settle-within.js';
import { WxAuditError } from './errors.js';
import type { WxAuditEventMap } from './events/types.js';
import { parseOptions, type WxAuditOptions } from './options.js';
import { createReceiver, type Answer, type InboundRequest } from './receive.js';
import { createDurableDispatcher, type DurableDispatcher } from './durable/durable-queue.js';
import { createMemoryStore } from './stores/memory-store.js';
import { createRedisStore } from './stores/redis-store.js';
import type { IdempotencyStore } from './stores/store.js';
import { expressMiddleware, type WxAuditMiddleware } from './transport/express.js';
import { resolveLogger } from './logger.js';
import { loadPayKeys } from './verify/pay-keys.js';
import { loadPayReplyKey } from './verify/pay-reply-key.js';
import { decodeAesKey } from './wire/message-crypto.js';

/**
 * The facade: a typed EventEmitter that verifies inbound WeChat requests and emits their events.
 * It never emits 'error': refusals are `rejected`, listener failures `handlerError`.
 */
export class WxAudit extends EventEmitter<WxAuditEventMap> {
  readonly #receive: (request: InboundRequest) => Promise<Answer>;
  readonly #dispatcher: Dispatcher;
  readonly #durable: DurableDispatcher | undefined;
  readonly #store: IdempotencyStore;
  readonly #ownsStore: boolean;
  readonly #bodyLimit: number;
  readonly #watches = new Set<RegistrationWatch>();

  constructor(options: WxAuditOptions) {
    super();
    const o = parseOptions(options);
    const ackTimeoutMs = o.ackTimeoutMs ?? 4000;
    this.#bodyLimit = o.bodyLimit ?? 65_536;
    this.#ownsStore = o.store === undefined;
    const d = o.durable;
    // Durable mode runs listeners on any instance: its default store is the Redis it already uses.
    this.#store = o.store ?? (d ? createRedisStore({ url: d.url, cluster: d.cluster, client: d.client, keyPrefix: d.keyPrefix, ttlSeconds: d.ttlSeconds, commandTimeoutMs: d.commandTimeoutMs }) : createMemoryStore());
    this.#durable = d ? createDurableDispatcher({ emitter: this, store: this.#store, options: d }) : undefined;
    this.#dispatcher = this.#durable ?? createDispatcher({ emitter: this, store: this.#store, ackTimeoutMs, leaseMs: o.leaseMs ?? ackTimeoutMs + 1000 });
    const maxMessageAgeSeconds = o.maxMessageAgeSeconds ?? DEFAULT_MAX_MESSAGE_AGE_SECONDS;
    assertStoreOutlivesMessages(maxMessageAgeSeconds, this.#store);
    const aesKeys = [o.encodingAESKey, o.previousEncodingAESKey].filter((k): k is string => k !== undefined).map(decodeAesKey);
    this.#receive = createReceiver({
      emitter: this,
      credentials: { token: o.token, aesKeys, appId: o.appId, requireEncryption: o.requireEncryption ?? aesKeys.length > 0 },
      dispatcher: this.#dispatcher,
      now: o.now ?? Date.now,
      toleranceSeconds: o.toleranceSeconds ?? 300,
      maxMessageAgeSeconds,
      payKeys: loadPayKeys(o.payKeys),
      payReplyKey: loadPayReplyKey(o.payReplyKey),
    });
    if (o.payKeys !== undefined && o.payReplyKey === undefined) {
      resolveLogger(o.logger)?.warn(
        'wx-audit: payKeys without payReplyKey: answers to WeChat Pay notifications will be unsigned, and APIv3 clients (every official SDK) reject unsigned answers. Give payReplyKey: { serialNo, privateKey } (your merchant API certificate serial and key).',
      );
    }
  }

  /** Express 4/5 handler serving every inbound kind at its mount path and below. */
  middleware(): WxAuditMiddleware {
    return expressMiddleware(this.#receive, this.#bodyLimit);
  }

  /** The framework-free core: one request in, one answer out. For adapters other than Express. */
  receive(request: InboundRequest): Promise<Answer> {
    return this.#receive(request);
  }

  /**
   * Polls a shop's registration status through `api` and emits `auditStatus` when it changes (the first
   * status always), until a final status (see `until`) or `stop()`; failed polls are `watchError`s.
   */
  watchRegistration(options: WatchRegistrationOptions): RegistrationWatch {
    const watch = watchRegistration(this, options);
    this.#watches.add(watch);
    void watch.done.then(() => this.#watches.delete(watch));
    return watch;
  }

  /**
   * Shuts down: stops registration watches and (durable mode) stops consuming the stream at once, waits
   * up to `timeoutMs` (default 10,000) for the listeners running now, then closes the connections and the
   * default store (a store you passed in stays yours to close). A listener still running past `timeoutMs`
   * is not awaited: its message is not recorded as done, so WeChat's retry (default mode) or another
   * consumer (durable mode, after `claimIdleMs`) handles it again.
   */
  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw new WxAuditError('CONFIG_INVALID', 'close({ timeoutMs }): timeoutMs must be a number of milliseconds, 0 or more.');
    for (const watch of this.#watches) watch.stop();
    // Durable mode stops reading before it waits: draining first kept it consuming (and retrying) for ever.
    if (this.#durable) await this.#durable.close({ timeoutMs });
    else await settleWithin(this.#dispatcher.drain(), timeoutMs);
    if (this.#ownsStore) await this.#store.close();
  }
}

const DEFAULT_MAX_MESSAGE_AGE_SECONDS = 3600;

/**
 * A push the store has forgotten must already be too old to pass the age check, or it could be dispatched
 * again. (`false`, for tests that replay recorded pushes, turns the check off knowingly.)
 */
function assertStoreOutlivesMessages(maxMessageAgeSeconds: number | false, store: IdempotencyStore): void {
  const ttl = store.ttlSeconds;
  if (ttl === undefined || maxMessageAgeSeconds === false) return;
  if (maxMessageAgeSeconds > ttl) {
    throw new WxAuditError(
      'CONFIG_INVALID',
      `createWxAudit: maxMessageAgeSeconds is ${maxMessageAgeSeconds} s but the store remembers pushes for ${ttl} s (ttlSeconds): a replayed push older than that would be dispatched again. Lower maxMessageAgeSeconds or raise the store's ttlSeconds.`,
    );
  }
}

export function createWxAudit(options: WxAuditOptions): WxAudit {
  return new WxAudit(options);
}
