import { EventEmitter } from 'node:events';
import { watchRegistration, type RegistrationWatch, type WatchRegistrationOptions, type WatchSharing } from './client/watch-registration.js';
import { createDispatcher, type Dispatcher } from './dispatch/dispatch.js';
import { settleWithin } from './dispatch/settle-within.js';
import { WxAuditError } from './errors.js';
import type { DefinedEventMap, WxAuditEventMap, WxAuditListenerWith } from './events/types.js';
import type { EventDefinition } from './events/catalogue-event.js';
import { CATALOGUE_REGISTRY, createRegistry } from './events/registry.js';
import { parseOptions, type WxAuditOptions } from './options.js';
import { createReceiver, type Answer, type InboundRequest } from './receive.js';
import { createDurableDispatcher, type DurableDispatcher } from './durable/durable-queue.js';
import type { DeadLetters } from './durable/dead-letters.js';
import { createMemoryStore } from './stores/memory-store.js';
import { createRedisStore } from './stores/redis-store.js';
import { hasSharedState, type IdempotencyStore } from './stores/store.js';
import { expressMiddleware, type WxAuditMiddleware } from './transport/express.js';
import { resolveLogger, type WxAuditLogger } from './logger.js';
import { createReporter } from './dispatch/reporter.js';
import { loadPayKeys } from './verify/pay-keys.js';
import { loadPayReplyKey } from './verify/pay-reply-key.js';
import { decodeAesKey } from './wire/message-crypto.js';
import { createTelemetry } from './telemetry/create-telemetry.js';

/**
 * The facade: a typed EventEmitter that verifies inbound WeChat requests and emits their events.
 * It never emits 'error': refusals are `rejected`, listener failures `handlerError`.
 */
// Extends the untyped EventEmitter on purpose: the listener methods are typed by the `WxAudit` interface
// below, which would conflict with the typed methods of `EventEmitter<WxAuditEventMap>` in @types/node 22+.
// The merge is safe: the interface only narrows the types of methods EventEmitter implements.
// `Custom` (the user's own events, defineEvent) is used by the interface's methods only.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-unused-vars
export class WxAudit<Custom extends object = Record<never, never>> extends EventEmitter {
  readonly #receive: (request: InboundRequest) => Promise<Answer>;
  readonly #dispatcher: Dispatcher;
  readonly #durable: DurableDispatcher | undefined;
  readonly #store: IdempotencyStore;
  readonly #ownsStore: boolean;
  readonly #bodyLimit: number;
  readonly #watches = new Set<RegistrationWatch>();
  /** A store other instances may share (yours, or durable mode's Redis); the default memory store is this instance's alone. */
  readonly #sharedStore: IdempotencyStore | undefined;
  readonly #logger: WxAuditLogger | undefined;
  #warnedNoSharedState = false;
  #closing = false;

  constructor(options: WxAuditOptions) {
    super();
    const o = parseOptions(options);
    const ackTimeoutMs = o.ackTimeoutMs ?? 4000;
    this.#bodyLimit = o.bodyLimit ?? 65_536;
    this.#ownsStore = o.store === undefined;
    const d = o.durable;
    const logger = resolveLogger(o.logger);
    // Undefined when off or when nothing would record it: then nothing below is wrapped.
    const telemetry = createTelemetry(o.telemetry);
    const base = createReporter(this, logger, d ? 'durable' : 'wechat');
    const reporter = telemetry ? telemetry.reporter(base) : base;
    // Durable mode runs listeners on any instance: its default store is the Redis it already uses.
    this.#store = o.store ?? (d ? createRedisStore({ url: d.url, cluster: d.cluster, client: d.client, keyPrefix: d.keyPrefix, ttlSeconds: d.ttlSeconds, commandTimeoutMs: d.commandTimeoutMs }) : createMemoryStore());
    this.#sharedStore = o.store ?? (d ? this.#store : undefined);
    this.#logger = logger;
    // The dispatchers' store calls are the ones timed; watches and close() use the store itself.
    const dispatchStore = telemetry ? telemetry.store(this.#store) : this.#store;
    const listenerTimer = telemetry?.listenerTimer;
    this.#durable = d ? createDurableDispatcher({ emitter: this, store: dispatchStore, options: d, reporter, listenerTimer, traceRun: telemetry?.traceRun }) : undefined;
    this.#dispatcher = this.#durable ?? createDispatcher({ emitter: this, store: dispatchStore, ackTimeoutMs, leaseMs: o.leaseMs ?? ackTimeoutMs + 1000, reporter, listenerTimer });
    const maxMessageAgeSeconds = o.maxMessageAgeSeconds ?? DEFAULT_MAX_MESSAGE_AGE_SECONDS;
    assertStoreOutlivesMessages(maxMessageAgeSeconds, this.#store);
    const aesKeys = [o.encodingAESKey, o.previousEncodingAESKey].filter((k): k is string => k !== undefined).map(decodeAesKey);
    this.#receive = createReceiver({
      reporter,
      isClosing: () => this.#closing,
      credentials: { token: o.token, aesKeys, appId: o.appId, requireEncryption: o.requireEncryption ?? aesKeys.length > 0 },
      dispatcher: this.#dispatcher,
      now: o.now ?? Date.now,
      toleranceSeconds: o.toleranceSeconds ?? 300,
      maxMessageAgeSeconds,
      payKeys: loadPayKeys(o.payKeys),
      payReplyKey: loadPayReplyKey(o.payReplyKey),
      registry: o.events?.length ? createRegistry(o.events) : CATALOGUE_REGISTRY,
      telemetry,
    });
    if (o.payKeys !== undefined && o.payReplyKey === undefined) {
      logger?.warn(
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
   * With a store shared by several instances, the watches of one wxName poll once and emit each change
   * once between them.
   */
  watchRegistration(options: WatchRegistrationOptions): RegistrationWatch {
    const watch = watchRegistration(this, options, this.#watchSharing());
    this.#watches.add(watch);
    void watch.done.then(() => this.#watches.delete(watch));
    return watch;
  }

  #watchSharing(): WatchSharing | undefined {
    const store = this.#sharedStore;
    if (!store) return undefined;
    if (hasSharedState(store)) return { store };
    if (!this.#warnedNoSharedState) {
      this.#warnedNoSharedState = true;
      this.#logger?.warn(
        'wx-audit: the store has no acquireLease/renewLease/releaseLease/getValue/swapValue, so each instance watching a registration polls WeChat and emits auditStatus on its own. Add those methods to your store (see IdempotencyStore) to have one instance poll for all of them.',
      );
    }
    return undefined;
  }

  /**
   * Durable mode's dead letters (entries whose listeners failed `maxAttempts` times): list, replay, drop.
   * A replay goes through the same idempotency (an id already done is not run again). Outside durable
   * mode there is no dead letter: NOT_CONFIGURED.
   */
  deadLetters(): DeadLetters {
    if (!this.#durable) {
      throw new WxAuditError('NOT_CONFIGURED', 'audit.deadLetters(): dead letters exist in durable mode only; give createWxAudit({ durable: { … } }) to have them.');
    }
    return this.#durable.deadLetters;
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
    // From now on every request is answered 503 SHUTTING_DOWN (WeChat retries, reaching another instance),
    // so nothing new reaches the dispatcher or a store about to be closed.
    this.#closing = true;
    const watches = [...this.#watches];
    for (const watch of watches) watch.stop();
    // A shared watch frees its lease in the store before the store is closed (bounded: see watch-registration.ts).
    const stopped = Promise.all(watches.map((watch) => watch.done));
    // Durable mode stops reading before it waits: draining first kept it consuming (and retrying) for ever.
    if (this.#durable) await this.#durable.close({ timeoutMs });
    else await settleWithin(this.#dispatcher.drain(), timeoutMs);
    await settleWithin(stopped, timeoutMs);
    if (this.#ownsStore) await this.#store.close();
  }
}

/**
 * The listener methods, typed by `WxAuditEventMap` whatever `@types/node` the user has. `EventEmitter<T>`
 * alone is not enough: @types/node 20 to 24 accept any name and type its listener's parameter as `never`;
 * 25 and later accept any name with an `any` parameter. Here a misspelt name is a compile error that lists
 * the valid names, and the listener's parameter is the event. (Node's own `newListener`/`removeListener`
 * events are left out: listen to them through a plain `EventEmitter` reference if ever needed.)
 */
export interface WxAudit<Custom extends object = Record<never, never>> {
  on<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, listener: WxAuditListenerWith<Custom, K>): this;
  once<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, listener: WxAuditListenerWith<Custom, K>): this;
  off<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, listener: WxAuditListenerWith<Custom, K>): this;
  addListener<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, listener: WxAuditListenerWith<Custom, K>): this;
  prependListener<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, listener: WxAuditListenerWith<Custom, K>): this;
  prependOnceListener<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, listener: WxAuditListenerWith<Custom, K>): this;
  removeListener<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, listener: WxAuditListenerWith<Custom, K>): this;
  removeAllListeners(eventName?: `${keyof (WxAuditEventMap & Custom) & string}`): this;
  listeners<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K): Array<WxAuditListenerWith<Custom, K>>;
  rawListeners<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K): Array<WxAuditListenerWith<Custom, K>>;
  listenerCount<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, listener?: WxAuditListenerWith<Custom, K>): number;
  /**
   * Calls the listeners directly, outside the delivery rules (no de-duplication, no `ackTimeoutMs`, a
   * throwing listener throws here). Meant for unit-testing your own listeners; requests go through
   * `middleware()` or `receive()`.
   */
  emit<K extends `${keyof (WxAuditEventMap & Custom) & string}`>(eventName: K, ...args: Parameters<WxAuditListenerWith<Custom, K>>): boolean;
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

/**
 * Creates the audit. With `events: [defineEvent(…), …]` the returned audit's `on` also takes those
 * events' names, each typed from its schema.
 */
export function createWxAudit<const E extends readonly EventDefinition[]>(options: WxAuditOptions & { events: E }): WxAudit<DefinedEventMap<E>>;
export function createWxAudit(options: WxAuditOptions): WxAudit;
export function createWxAudit(options: WxAuditOptions): WxAudit<object> {
  return new WxAudit(options);
}
