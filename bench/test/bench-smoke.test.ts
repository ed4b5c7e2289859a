// Keeps the bench harness from rotting silently: every bench server answers one valid push with
// `success`, the micro-benchmark's stages still run against the middleware's internals, and every hostile
// body fits the default bodyLimit. Figures are never asserted here: benchmarks are not pass/fail.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { HTTP_CONFIGS, LAYER_CONFIGS } from '../src/http-bench.js';
import { buildRequestPool } from '../src/request-pool.js';
import { createBenchApp } from '../src/servers/bench-app.js';
import { BODY_LIMIT, hostileBodies } from '../src/tasks/hostile-bodies.js';
import { runMicro } from '../src/tasks/micro.js';

const nowSeconds = Math.floor(Date.now() / 1000);

describe('bench servers', () => {
  it.each([...HTTP_CONFIGS, ...LAYER_CONFIGS.slice(1)])('$label answers one valid push with 200 success', async (config) => {
    const bench = createBenchApp({ kind: config.server, nowMs: nowSeconds * 1000 });
    const [push] = buildRequestPool({ mode: config.mode, format: config.format, size: 1, nowSeconds });
    const res = await request(bench.app).post(push!.path).set(push!.headers).send(push!.body);
    expect({ status: res.status, body: res.text }).toEqual({ status: 200, body: 'success' });
    expect(bench.handled()).toBe(1);
    // The same message again: our layers with a store acknowledge it without calling the listener.
    const again = await request(bench.app).post(push!.path).set(push!.headers).send(push!.body);
    expect(again.text).toBe('success');
    expect(bench.handled()).toBe(['wx-audit', 'layer-dispatch', 'layer-full'].includes(config.server) ? 1 : 2);
    await bench.close();
  });
});

describe('the request pool', () => {
  it('every push of a default-sized pool is fresh and distinct: the whole pool is dispatched by default settings', async () => {
    const pool = buildRequestPool({ mode: 'plain', format: 'xml', size: 20_000, nowSeconds });
    const bench = createBenchApp({ kind: 'wx-audit', nowMs: nowSeconds * 1000 });
    // The oldest CreateTime and a spread of the rest; each a first delivery.
    for (const push of [pool.at(-1)!, pool[2999]!, pool[3000]!, pool[0]!]) {
      const res = await request(bench.app).post(push.path).set(push.headers).send(push.body);
      expect({ status: res.status, body: res.text }).toEqual({ status: 200, body: 'success' });
    }
    expect(bench.handled()).toBe(4);
    expect(new Set(pool.map((p) => p.body)).size).toBe(pool.length);
    await bench.close();
  });
});

describe('bench tasks', () => {
  it('times every stage of the micro-benchmark, end to end answering success', async () => {
    const variants = await runMicro(1, 200);
    expect(variants.map((v) => `${v.mode}-${v.format}`)).toEqual(['plain-xml', 'plain-json', 'safe-xml', 'safe-json']);
    for (const v of variants) expect(v.total.opsPerSecond).toBeGreaterThan(0);
  });

  it('builds hostile bodies within the default bodyLimit', () => {
    const bodies = hostileBodies();
    expect(bodies.length).toBeGreaterThan(20);
    for (const b of bodies) expect(Buffer.byteLength(b.body)).toBeLessThanOrEqual(BODY_LIMIT);
  });
});
