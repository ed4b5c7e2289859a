import { EventEmitter } from 'node:events';
import type { Express } from 'express';
import getRawBody from 'raw-body';
import { BENCH_CREDENTIALS, MOUNT } from '../credentials.js';
import { createDispatcher, createMemoryStore, createWxAudit, decodeAesKey, openPush, parseQuery, pushEvents, pushFields } from '../tasks/middleware-internals.js';
import { answerSuccess } from './answer-success.js';

/**
 * Our middleware rebuilt a layer at a time, each on top of the one before, from its own internal stages
 * (bundled from its sources), for BENCH_PARTS=layers:
 * - layer-verify: the baseline's body reading, then query, signature, parse and schemas (parseQuery, openPush, pushEvents);
 * - layer-dispatch: then the dispatcher with the default store and one listener;
 * - layer-full: the whole middleware (createWxAudit().middleware()) from the same sources.
 * The micro-benchmark times the same stages one message at a time in a hot loop; inside a server, between
 * HTTP parsing and writing, they cost several times that, and these servers show where.
 */
export const LAYER_KINDS = ['layer-verify', 'layer-dispatch', 'layer-full'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

export const isLayerKind = (kind: string): kind is LayerKind => (LAYER_KINDS as readonly string[]).includes(kind);

export function mountLayer(app: Express, kind: LayerKind, nowMs: number, count: () => void): { close: () => Promise<void> } {
  if (kind === 'layer-full') {
    const audit = createWxAudit({ ...BENCH_CREDENTIALS, requireEncryption: false, now: () => nowMs, logger: false });
    audit.on('sceneAudit', count);
    app.use(MOUNT, audit.middleware());
    return { close: () => audit.close() };
  }
  const credentials = { token: BENCH_CREDENTIALS.token, aesKeys: [decodeAesKey(BENCH_CREDENTIALS.encodingAESKey)], appId: BENCH_CREDENTIALS.appId, requireEncryption: false };
  const emitter = new EventEmitter();
  emitter.on('sceneAudit', count);
  const dispatcher = createDispatcher({ emitter, store: createMemoryStore(), ackTimeoutMs: 4000, leaseMs: 5000 });
  app.use(MOUNT, (req, res, next) => {
    getRawBody(req, { limit: 65_536, length: req.headers['content-length'] })
      .then((bytes) => {
        const opened = openPush(parseQuery(req.originalUrl), { kind: 'bytes', bytes }, credentials, nowMs, 300);
        const { id, events } = pushEvents(opened.message, pushFields(opened.message));
        if (kind === 'layer-verify') return void count();
        return dispatcher.dispatch(id, events).then((outcome) => {
          if (!outcome.ok) throw outcome.error;
        });
      })
      .then(() => answerSuccess(res), next);
  });
  return { close: () => dispatcher.drain() };
}
