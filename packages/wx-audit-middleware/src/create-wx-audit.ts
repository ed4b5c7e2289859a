import { EventEmitter } from 'node:events';
import { createDispatcher, type Dispatcher } from './dispatch/dispatch.js';
import type { WxAuditEventMap } from './events/types.js';
import { parseOptions, type WxAuditOptions } from './options.js';
import { createReceiver, type Answer, type InboundRequest } from './receive.js';
import { createMemoryStore } from './stores/memory-store.js';
import type { IdempotencyStore } from './stores/store.js';
import { expressMiddleware, type WxAuditMiddleware } from './transport/express.js';
import { decodeAesKey } from './wire/message-crypto.js';

/**
 * The facade: a typed EventEmitter that verifies inbound WeChat requests and emits their events.
 * It never emits 'error': refusals are `rejected`, listener failures `handlerError`.
 */
export class WxAudit extends EventEmitter<WxAuditEventMap> {
  readonly #receive: (request: InboundRequest) => Promise<Answer>;
  readonly #dispatcher: Dispatcher;
  readonly #store: IdempotencyStore;
  readonly #ownsStore: boolean;
  readonly #bodyLimit: number;

  constructor(options: WxAuditOptions) {
    super();
    const o = parseOptions(options);
    const ackTimeoutMs = o.ackTimeoutMs ?? 4000;
    this.#bodyLimit = o.bodyLimit ?? 65_536;
    this.#ownsStore = o.store === undefined;
    this.#store = o.store ?? createMemoryStore();
    this.#dispatcher = createDispatcher({ emitter: this, store: this.#store, ackTimeoutMs, leaseMs: o.leaseMs ?? ackTimeoutMs + 1000 });
    const aesKeys = [o.encodingAESKey, o.previousEncodingAESKey].filter((k): k is string => k !== undefined).map(decodeAesKey);
    this.#receive = createReceiver({
      emitter: this,
      credentials: { token: o.token, aesKeys, appId: o.appId, requireEncryption: o.requireEncryption ?? false },
      dispatcher: this.#dispatcher,
      now: o.now ?? Date.now,
      toleranceSeconds: o.toleranceSeconds ?? 300,
    });
  }

  /** Express 4/5 handler serving every inbound kind at its mount path and below. */
  middleware(): WxAuditMiddleware {
    return expressMiddleware(this.#receive, this.#bodyLimit);
  }

  /** The framework-free core: one request in, one answer out. For adapters other than Express. */
  receive(request: InboundRequest): Promise<Answer> {
    return this.#receive(request);
  }

  /** Waits for running listeners, then closes the default store (a store you passed in stays yours to close). */
  async close(): Promise<void> {
    await this.#dispatcher.drain();
    if (this.#ownsStore) await this.#store.close();
  }
}

export function createWxAudit(options: WxAuditOptions): WxAudit {
  return new WxAudit(options);
}
