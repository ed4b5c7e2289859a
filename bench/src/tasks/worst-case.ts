import { createWxAudit, type Answer, type WxAudit } from '@x/wx-audit-middleware';
import { BENCH_CREDENTIALS } from '../credentials.js';
import { buildBenchPush } from '../push-request.js';
import { buildRequestPool } from '../request-pool.js';
import { seedSceneAudit } from '../seed-scene-audit.js';
import { BODY_LIMIT, hostileBodies } from './hostile-bodies.js';

/** How a body reaches the middleware. */
export type Delivery = 'unsigned safe mode' | 'signed plaintext' | 'valid safe mode';

export interface WorstCaseRow {
  body: string;
  bytes: number;
  delivery: Delivery;
  status: number;
  /** CPU (user + system) per request, µs, from process.cpuUsage around N requests. */
  cpuMicrosPerRequest: number;
  requests: number;
}

export interface WorstCaseResult {
  bodyLimit: number;
  /** The seed's valid scene audit, for scale. */
  reference: WorstCaseRow[];
  /** Most expensive first. */
  rows: WorstCaseRow[];
}

/** Sends request i of a series, awaited one at a time. */
type Send = (i: number) => Promise<Answer>;

const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return d.user + d.system;
};

/**
 * CPU per request in the steady state, as a flood of the same body reaches it: process.cpuUsage around at
 * least `minCpuMs` of requests, after a warm-up of `warmMs` of CPU (at most `max / 2` requests). The
 * first requests of a new shape cost several times the steady state while V8 optimises their path: with
 * 30 ms of warm-up (the first version), a 64 KiB body measured at 1.1-1.5 ms that costs ~0.3 ms once warm.
 */
async function cpuPerRequest(send: Send, minCpuMs: number, max: number, warmMs = 150): Promise<{ status: number; micros: number; n: number }> {
  // Each case starts on a collected heap (the task runs with --expose-gc), so that it pays for the
  // garbage it makes, not for a collection the previous case's garbage had made due.
  (globalThis as { gc?: () => void }).gc?.();
  const status = (await send(0)).status;
  let i = 1;
  const warm = process.cpuUsage();
  while (cpuSince(warm) < warmMs * 1000 && i < max / 2) await send(i++);
  const start = process.cpuUsage();
  let n = 0;
  let used = 0;
  while ((used < minCpuMs * 1000 || n < 5) && i < max) {
    await send(i++);
    n++;
    used = cpuSince(start);
  }
  return { status, micros: used / n, n };
}

const inbound = (url: string, bytes: Buffer) => ({ method: 'POST', url, path: '/', headers: {}, readBody: async () => ({ kind: 'bytes' as const, bytes }) });

/**
 * CPU per request for hostile bodies, through audit.receive() (the whole pipeline once the body is read).
 * Two deliveries: anyone can send a safe-mode query with a wrong msg_signature, and the outer body is
 * parsed before that signature can be checked (it covers `Encrypt`, which is in the body); a signed
 * plaintext push (someone holding the token) also reaches the schema.
 */
export async function runWorstCase(minCpuMs: number): Promise<WorstCaseResult> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const audit: WxAudit = createWxAudit({ ...BENCH_CREDENTIALS, now: () => nowSeconds * 1000, logger: false });
  audit.on('sceneAudit', () => undefined);
  const timestamp = String(nowSeconds);
  const plainPath = buildBenchPush(seedSceneAudit(), { mode: 'plain', format: 'xml', timestamp, nonce: 'n' }).path;
  const unsignedPath = `${plainPath}&encrypt_type=aes&msg_signature=${'0'.repeat(40)}`;

  // For scale: valid pushes, each a distinct message (first-delivery path), never sent twice.
  const reference: WorstCaseRow[] = [];
  for (const mode of ['plain', 'safe'] as const) {
    const pool = buildRequestPool({ mode, format: 'xml', size: 12_000, nowSeconds }).map((r) => ({ url: r.path, bytes: Buffer.from(r.body, 'utf8') }));
    const m = await cpuPerRequest((i) => audit.receive(inbound(pool[i]!.url, pool[i]!.bytes)), minCpuMs, pool.length, 400);
    reference.push({
      body: 'seed scene audit, XML (valid)',
      bytes: pool[0]!.bytes.length,
      delivery: mode === 'plain' ? 'signed plaintext' : 'valid safe mode',
      status: m.status,
      cpuMicrosPerRequest: m.micros,
      requests: m.n,
    });
  }

  const rows: WorstCaseRow[] = [];
  for (const hostile of hostileBodies()) {
    const bytes = Buffer.from(hostile.body, 'utf8');
    for (const [delivery, url] of [['unsigned safe mode', unsignedPath], ['signed plaintext', plainPath]] as const) {
      const m = await cpuPerRequest(() => audit.receive(inbound(url, bytes)), minCpuMs, 100_000);
      rows.push({ body: hostile.name, bytes: bytes.length, delivery, status: m.status, cpuMicrosPerRequest: m.micros, requests: m.n });
    }
  }
  await audit.close();
  rows.sort((a, b) => b.cpuMicrosPerRequest - a.cpuMicrosPerRequest);
  return { bodyLimit: BODY_LIMIT, reference, rows };
}
