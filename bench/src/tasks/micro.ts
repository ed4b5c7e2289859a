import { EventEmitter } from 'node:events';
import { BENCH_CREDENTIALS } from '../credentials.js';
import type { PushFormat, PushMode } from '../push-request.js';
import { buildRequestPool } from '../request-pool.js';
import {
  bodyText,
  checkTimestamp,
  createDispatcher,
  createMemoryStore,
  createWxAudit,
  decodeAesKey,
  decodeBody,
  decodeMessage,
  decryptMessage,
  messageSignature,
  parseQuery,
  pushEvents,
  pushFields,
  pushSignature,
  requireParam,
  safeEqual,
} from './middleware-internals.js';
import { timeAsync, timeSync, type Timing } from './measure.js';

export interface MicroVariant {
  mode: PushMode;
  format: PushFormat;
  /** Stage name → timing, in the order receive() runs them. */
  stages: Array<{ stage: string; timing: Timing }>;
  /** Sum of the stages' µs. */
  sumMicros: number;
  /** audit.receive() end to end (no HTTP, no body reading), distinct messages. */
  total: Timing;
}

const VARIANTS: Array<{ mode: PushMode; format: PushFormat }> = [
  { mode: 'plain', format: 'xml' },
  { mode: 'plain', format: 'json' },
  { mode: 'safe', format: 'xml' },
  { mode: 'safe', format: 'json' },
];

/**
 * Our own per-message cost, stage by stage, on the seed's scene audit. Each stage is timed on the
 * output of the previous one, as receive() chains them; dispatch and the end-to-end figure use
 * distinct messages so that they take the first-delivery path.
 */
export async function runMicro(minMs: number, poolSize = 12_000): Promise<MicroVariant[]> {
  // A discarded first pass: otherwise the variant timed first pays for compiling the shared code
  // (the XML parser ran ~2× slower as "plain xml" than as "safe xml" on the same document).
  await measureVariants(Math.min(minMs, 20), Math.min(poolSize, 2000));
  return measureVariants(minMs, poolSize);
}

async function measureVariants(minMs: number, poolSize: number): Promise<MicroVariant[]> {
  const { token, appId } = BENCH_CREDENTIALS;
  const aesKey = decodeAesKey(BENCH_CREDENTIALS.encodingAESKey);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const results: MicroVariant[] = [];

  for (const { mode, format } of VARIANTS) {
    // More distinct messages than the default store keeps, so that the end-to-end loop never meets a re-delivery.
    const pool = buildRequestPool({ mode, format, size: poolSize, nowSeconds });
    const sample = pool[0]!;
    const bytes = Buffer.from(sample.body, 'utf8');
    const query = parseQuery(sample.path);
    const timestamp = requireParam(query, 'timestamp');
    const nonce = requireParam(query, 'nonce');
    const stages: MicroVariant['stages'] = [];
    const time = (stage: string, fn: () => unknown) => stages.push({ stage, timing: timeSync(fn, minMs) });

    time('query (parseQuery)', () => parseQuery(sample.path));
    let inner: Buffer = bytes;
    if (mode === 'plain') {
      const signature = requireParam(query, 'signature');
      time('verify (sha1 signature, timestamp)', () => {
        safeEqual(signature, pushSignature(token, timestamp, nonce));
        checkTimestamp(timestamp, nowSeconds * 1000, 300);
      });
    } else {
      const msgSignature = requireParam(query, 'msg_signature');
      time('outer body (utf-8, parse)', () => decodeBody({ kind: 'bytes', bytes }, false));
      const encrypt = String(decodeBody({ kind: 'bytes', bytes }, false).Encrypt);
      time('verify (sha1 msg_signature, timestamp)', () => {
        safeEqual(msgSignature, messageSignature(token, timestamp, nonce, encrypt));
        checkTimestamp(timestamp, nowSeconds * 1000, 300);
      });
      time('decrypt (base64, AES-256-CBC, appid)', () => decryptMessage(aesKey, encrypt).receiveId === appId);
      inner = decryptMessage(aesKey, encrypt).message;
    }
    time('parse (utf-8, XML/JSON decode)', () => decodeMessage(bodyText(inner)));
    const raw = decodeMessage(bodyText(inner));
    time('validate (zod schemas, events)', () => pushEvents(raw, pushFields(raw)));
    const { events } = pushEvents(raw, pushFields(raw));

    const emitter = new EventEmitter();
    emitter.on('sceneAudit', () => undefined);
    const dispatcher = createDispatcher({ emitter, store: createMemoryStore(), ackTimeoutMs: 4000, leaseMs: 5000 });
    stages.push({ stage: 'dispatch (store claim, listener, complete)', timing: await timeAsync((i) => dispatcher.dispatch(`m${i}`, events), minMs, 32, Math.min(200, minMs)) });

    const audit = createWxAudit({ ...BENCH_CREDENTIALS, requireEncryption: false, now: () => nowSeconds * 1000, logger: false });
    audit.on('sceneAudit', () => undefined);
    const requests = pool.map((r) => ({ url: r.path, bytes: Buffer.from(r.body, 'utf8') }));
    const total = await timeAsync(async (i) => {
      const r = requests[i % requests.length]!;
      const answer = await audit.receive({ method: 'POST', url: r.url, path: '/', headers: {}, readBody: async () => ({ kind: 'bytes', bytes: r.bytes }) });
      if (answer.body !== 'success') throw new Error(`micro: receive answered ${answer.status} ${answer.body}`);
    }, minMs, 32, Math.min(400, minMs * 2));
    await audit.close();

    results.push({ mode, format, stages, sumMicros: stages.reduce((s, x) => s + x.timing.microsPerOp, 0), total });
  }
  return results;
}
