// Telemetry in durable mode, on a real Redis: the request is acknowledged once enqueued (its span says
// so), and the worker's listener calls and store calls are measured like the default dispatcher's.
import request from 'supertest';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createWxAudit, type WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { createTestTelemetry } from './helpers/telemetry.js';
import { APP_ID, AES_KEY, TOKEN, textPush, type SignedPush } from './redis-helpers/push.js';
import { dropPrefix, REDIS_URL, redisAvailable, testClient, uniquePrefix, until } from './redis-helpers/redis.js';

describe.skipIf(!redisAvailable)('durable mode telemetry against a real Redis', () => {
  const client = redisAvailable ? testClient() : undefined;
  const prefixes: string[] = [];
  const audits: WxAudit[] = [];
  const t = createTestTelemetry();
  afterEach(async () => {
    await Promise.all(audits.splice(0).map((a) => a.close()));
  });
  afterAll(async () => {
    for (const p of prefixes) await dropPrefix(client!, p);
    client?.disconnect();
    await t.shutdown();
  });
  const durableAudit = (name: string) => {
    const keyPrefix = uniquePrefix(name);
    prefixes.push(keyPrefix);
    const audit = createWxAudit({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      appId: APP_ID,
      logger: false,
      telemetry: { tracer: t.tracer, meter: t.meter },
      durable: { url: REDIS_URL, keyPrefix, blockMs: 100, maxAttempts: 1 },
    });
    audits.push(audit);
    return audit;
  };
  const post = (app: Parameters<typeof request>[0], push: SignedPush) => request(app).post(`/wechat/audit${push.search}`).set('content-type', push.contentType).send(push.body);
  const histogramCount = async (name: string, attributes: Record<string, string>) => (await t.histogram(name, attributes))?.count ?? 0;

  it.each(flavors)('%s: acknowledged on enqueue; each worker run is a span; the worker’s listener duration, failures and store calls are recorded', async (flavor) => {
    const audit = durableAudit(flavor);
    let runs = 0;
    audit.on('message', async (event) => {
      runs += 1;
      if (event.msgId?.endsWith('2')) throw new Error('fails');
    });
    const app = makeApp(flavor, audit);
    const before = {
      duration: await histogramCount('wx_audit.listener.duration', { 'wx_audit.event_type': 'message' }),
      claims: await histogramCount('wx_audit.store.duration', { 'wx_audit.store.operation': 'claim' }),
      completes: await histogramCount('wx_audit.store.duration', { 'wx_audit.store.operation': 'complete' }),
      failures: await t.count('wx_audit.listener.failures', { 'wx_audit.event_type': 'message' }),
      spans: t.spans().length,
      runs: t.spans('wx-audit run').length,
    };
    const id = flavor === 'express4' ? '4' : '5';
    expect((await post(app, textPush(`77700${id}1`, { mode: 'safe' }))).text).toBe('success');
    expect((await post(app, textPush(`77700${id}2`, { mode: 'safe' }))).text).toBe('success');
    await until(() => runs === 2, 'both entries run');
    // close() waits for the entries being handled, their complete and release included.
    await audit.close();

    const requests = t.spans().slice(before.spans);
    expect(requests.map((s) => [s.attributes['wx_audit.outcome'], s.attributes['wx_audit.event_types']])).toEqual([
      ['acknowledged', ['message']],
      ['acknowledged', ['message']],
    ]);
    // Each run in the worker is a span of its own: the good one succeeded, the failing one failed (HANDLER_FAILED).
    const runSpans = t.spans('wx-audit run').slice(before.runs);
    const described = runSpans.map((s) => [s.attributes['wx_audit.outcome'], s.attributes['wx_audit.attempt'], s.attributes['wx_audit.event_types'], s.attributes['wx_audit.code'] ?? null, s.status.code]);
    expect(described.sort()).toEqual(
      [
        ['failed', 1, ['message'], 'HANDLER_FAILED', 2],
        ['succeeded', 1, ['message'], null, 0],
      ].sort(),
    );
    // No error text in a run span: the listener's message stays out.
    expect(JSON.stringify(runSpans.map((s) => [s.attributes, s.status]))).not.toContain('fails');
    expect(await histogramCount('wx_audit.listener.duration', { 'wx_audit.event_type': 'message' })).toBe(before.duration + 2);
    expect(await t.count('wx_audit.listener.failures', { 'wx_audit.event_type': 'message' })).toBe(before.failures + 1);
    expect(await histogramCount('wx_audit.store.duration', { 'wx_audit.store.operation': 'claim' })).toBe(before.claims + 2);
    expect(await histogramCount('wx_audit.store.duration', { 'wx_audit.store.operation': 'complete' })).toBe(before.completes + 1);
  });
});
