import { createWxAudit, type WxAudit } from '@x/wx-audit-middleware';
import express, { type Express } from 'express';
import getRawBody from 'raw-body';
import wechat from 'wechat';
import { BENCH_CREDENTIALS, MOUNT } from '../credentials.js';
import { answerSuccess } from './answer-success.js';
import { isLayerKind, mountLayer, type LayerKind } from './layer-apps.js';

/**
 * Which handler a bench server mounts at MOUNT. The `layer-*` kinds (BENCH_PARTS=layers) rebuild our
 * middleware a layer at a time from its internal stages, to show what each layer costs inside a server.
 */
export type ServerKind = 'baseline' | 'wx-audit' | 'webot' | LayerKind;

export interface ServerSpec {
  kind: ServerKind;
  /** The clock of our middleware, fixed to the time the request pool was signed at (ms). */
  nowMs: number;
}

export interface BenchApp {
  app: Express;
  /** Listener calls seen (wx-audit: sceneAudit events; webot: handler calls). */
  handled: () => number;
  close: () => Promise<void>;
}

export function createBenchApp(spec: ServerSpec): BenchApp {
  const app = express();
  let handled = 0;
  let audit: WxAudit | undefined;

  if (spec.kind === 'baseline') {
    // The floor: Express routing plus reading the body with raw-body under the same 64 KiB limit.
    app.post(MOUNT, (req, res, next) => {
      getRawBody(req, { limit: 65_536, length: req.headers['content-length'] }).then(() => {
        handled++;
        answerSuccess(res);
      }, next);
    });
  } else if (isLayerKind(spec.kind)) {
    const layer = mountLayer(app, spec.kind, spec.nowMs, () => handled++);
    return { app, handled: () => handled, close: layer.close };
  } else if (spec.kind === 'wx-audit') {
    // Defaults everywhere (memory store, bodyLimit, ackTimeoutMs) except the clock; one listener, as an app has.
    audit = createWxAudit({ ...BENCH_CREDENTIALS, requireEncryption: false, now: () => spec.nowMs, logger: false }); // plaintext rows too; logging would be measured
    audit.on('sceneAudit', () => {
      handled++;
    });
    app.use(MOUNT, audit.middleware());
  } else {
    // node-webot/wechat: handles plaintext and safe mode at one mount, XML only.
    app.use(
      MOUNT,
      wechat({ token: BENCH_CREDENTIALS.token, appid: BENCH_CREDENTIALS.appId, encodingAESKey: BENCH_CREDENTIALS.encodingAESKey }, (_req, res) => {
        handled++;
        answerSuccess(res);
      }),
    );
  }
  return { app, handled: () => handled, close: async () => audit?.close() };
}
