// OpenTelemetry (createWxAudit({ telemetry: { tracer, meter } })) with a real SDK recording into memory, on
// real Express 4 and 5 apps: the span of each kind of request and outcome, and every wx_audit.* metric.
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type IdempotencyStore, type RejectedEvent, type SceneAuditEvent, type WxAudit, type WxAuditOptions } from '../src/index.js';
import { buildPushRequest, createFixtures, type BuiltPushRequest } from '../../wx-audit-fixtures/src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { KEY_A, makePayAudit, sendNotification } from './helpers/info-update.js';
import { AES_KEY, APP_ID, MOUNT, NOW_S, TOKEN, gate, makeAudit, tick, verifySearch } from './helpers/push.js';
import { createTestTelemetry, type TestTelemetry } from './helpers/telemetry.js';

type App = Parameters<typeof request>[0];

const fx = createFixtures({ seed: 18, now: NOW_S * 1000 });
const pushOf = (token = TOKEN) => buildPushRequest(fx.sceneAudit(), { token, encodingAESKey: AES_KEY, appId: APP_ID, timestamp: NOW_S });
const send = (app: App, push: BuiltPushRequest) => request(app).post(MOUNT + push.search).set(push.headers).send(push.body);

const SPAN_ERROR = 2;
const SPAN_UNSET = 0;

describe.each(flavors)('%s: telemetry', (flavor) => {
  let t: TestTelemetry;
  const audits: WxAudit[] = [];
  beforeEach(() => {
    t = createTestTelemetry();
  });
  afterEach(async () => {
    await Promise.all(audits.splice(0).map((a) => a.close()));
    await t.shutdown();
  });
  const setup = (overrides: Partial<WxAuditOptions> = {}) => {
    const audit = makeAudit({ telemetry: { tracer: t.tracer, meter: t.meter }, ...overrides });
    audits.push(audit);
    return { audit, app: makeApp(flavor, audit) };
  };

  it('a push: one span with its kind, outcome, event type and status, and no id, openid, body or secret in it', async () => {
    const { audit, app } = setup();
    const seen: SceneAuditEvent[] = [];
    audit.on('sceneAudit', (e) => void seen.push(e));
    const push = pushOf();
    const res = await send(app, push);
    expect(res.text).toBe('success');

    const [span, ...more] = t.spans();
    expect(more).toEqual([]);
    expect(span!.attributes).toEqual({
      'wx_audit.kind': 'push',
      'wx_audit.outcome': 'acknowledged',
      // Every push is a `message` too, after its typed event.
      'wx_audit.event_types': ['sceneAudit', 'auditResult', 'message'],
      'http.request.method': 'POST',
      'http.response.status_code': 200,
    });
    expect(span!.status.code).toBe(SPAN_UNSET);
    const recorded = JSON.stringify([span!.attributes, span!.events, await t.attributeSets('wx_audit.requests')]);
    for (const secret of [seen[0]!.id, seen[0]!.fromUserName, push.encrypt!, TOKEN, AES_KEY]) expect(recorded).not.toContain(secret);
    expect(await t.count('wx_audit.requests', { 'wx_audit.kind': 'push', 'wx_audit.outcome': 'acknowledged' })).toBe(1);
  });

  it('a refusal: its code on the span and in wx_audit.refusals, outcome refused, 4xx not an error status', async () => {
    const { audit, app } = setup();
    const rejected: RejectedEvent[] = [];
    audit.on('rejected', (e) => void rejected.push(e));
    const res = await send(app, pushOf('another token'));
    expect(res.status).toBe(401);
    expect(rejected.map((r) => r.code)).toEqual(['SIGNATURE_INVALID']);

    const [span] = t.spans();
    expect(span!.attributes).toMatchObject({ 'wx_audit.kind': 'push', 'wx_audit.outcome': 'refused', 'wx_audit.code': 'SIGNATURE_INVALID', 'http.response.status_code': 401 });
    expect(span!.attributes).not.toHaveProperty('wx_audit.event_types');
    expect(span!.status.code).toBe(SPAN_UNSET);
    expect(await t.count('wx_audit.refusals', { 'wx_audit.code': 'SIGNATURE_INVALID', 'wx_audit.kind': 'push' })).toBe(1);
    expect(await t.count('wx_audit.requests', { 'wx_audit.outcome': 'refused' })).toBe(1);
  });

  it('a re-delivery of a done push: outcome duplicate, counted in wx_audit.duplicates, the listener not called again', async () => {
    const { audit, app } = setup();
    let calls = 0;
    audit.on('sceneAudit', () => void (calls += 1));
    const push = pushOf();
    expect((await send(app, push)).text).toBe('success');
    expect((await send(app, push)).text).toBe('success');
    expect(calls).toBe(1);

    expect(t.spans().map((s) => s.attributes['wx_audit.outcome'])).toEqual(['acknowledged', 'duplicate']);
    expect(await t.count('wx_audit.duplicates', { 'wx_audit.kind': 'push' })).toBe(1);
    expect(await t.count('wx_audit.requests', { 'wx_audit.outcome': 'duplicate' })).toBe(1);
    expect(await t.count('wx_audit.refusals')).toBe(0);
  });

  it('a re-delivery that waits for its first delivery in this process is a duplicate too', async () => {
    const { audit, app } = setup();
    const held = gate();
    const entered = gate();
    audit.on('sceneAudit', async () => {
      entered.open();
      await held.promise;
    });
    const push = pushOf();
    const first = send(app, push).then((r) => r);
    await entered.promise;
    // The re-delivery through receive() (no socket in between): once the macrotask queue drained, it waits.
    const second = audit.receive({ method: 'POST', url: MOUNT + push.search, path: '/', headers: push.headers, readBody: async () => ({ kind: 'bytes', bytes: Buffer.from(push.body) }) });
    await tick();
    held.open();
    expect([(await first).text, (await second).body]).toEqual(['success', 'success']);
    // Both end as the first delivery settles, in either order.
    expect(t.spans().map((s) => s.attributes['wx_audit.outcome']).sort()).toEqual(['acknowledged', 'duplicate']);
    expect(await t.count('wx_audit.duplicates')).toBe(1);
  });

  it('listener duration: each call from its start until its promise settled, by event type', async () => {
    const { audit, app } = setup();
    audit.on('sceneAudit', () => new Promise<void>((resolve) => setTimeout(resolve, 30)));
    expect((await send(app, pushOf())).text).toBe('success');

    const duration = await t.histogram('wx_audit.listener.duration', { 'wx_audit.event_type': 'sceneAudit' });
    expect(duration?.count).toBe(1);
    // The promise's time, not only the synchronous call's (timers never fire more than 1 ms early).
    expect(duration!.min).toBeGreaterThanOrEqual(25);
    expect(await t.attributeSets('wx_audit.listener.duration')).toEqual([{ 'wx_audit.event_type': 'sceneAudit' }]);
  });

  it('a failing listener: counted in wx_audit.listener.failures, the span failed with HANDLER_FAILED and an error status', async () => {
    const { audit, app } = setup();
    audit.on('sceneAudit', () => {
      throw new Error('db down');
    });
    audit.on('sceneAudit', async () => {
      throw new Error('queue down');
    });
    const res = await send(app, pushOf());
    expect(res.status).toBe(500);

    expect(await t.count('wx_audit.listener.failures', { 'wx_audit.event_type': 'sceneAudit' })).toBe(2);
    expect((await t.histogram('wx_audit.listener.duration', { 'wx_audit.event_type': 'sceneAudit' }))?.count).toBe(2);
    const [span] = t.spans();
    expect(span!.attributes).toMatchObject({ 'wx_audit.outcome': 'failed', 'wx_audit.code': 'HANDLER_FAILED', 'http.response.status_code': 500 });
    expect(span!.status).toEqual({ code: SPAN_ERROR, message: 'HANDLER_FAILED' });
    // Not a refusal: nothing was wrong with the request.
    expect(await t.count('wx_audit.refusals')).toBe(0);
    expect(JSON.stringify(span!.attributes)).not.toContain('down');
  });

  it('store latency: claim and complete timed for a push, release for a failed one, renew while a listener runs', async () => {
    const { audit, app } = setup({ leaseMs: 30, ackTimeoutMs: 1000 });
    let fail = false;
    // Held well past leaseMs / 3 (10 ms): the lease is renewed meanwhile.
    audit.on('sceneAudit', async () => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      if (fail) throw new Error('no');
    });
    expect((await send(app, pushOf())).status).toBe(200);
    fail = true;
    expect((await send(app, pushOf())).status).toBe(500);

    const count = async (operation: string) => (await t.histogram('wx_audit.store.duration', { 'wx_audit.store.operation': operation }))?.count ?? 0;
    expect(await count('claim')).toBe(2);
    expect(await count('complete')).toBe(1);
    expect(await count('release')).toBe(1);
    expect(await count('renew')).toBeGreaterThanOrEqual(2);
    const claim = await t.histogram('wx_audit.store.duration', { 'wx_audit.store.operation': 'claim' });
    expect(claim!.min).toBeGreaterThanOrEqual(0);
  });

  it('store latency: state, polled while another instance sharing the store handles the push', async () => {
    const shared = createMemoryStore();
    const held = gate();
    const entered = gate();
    // Opens the first instance's listener once the second has found the claim taken and asked for its state.
    const watched: IdempotencyStore = Object.assign(Object.create(shared) as IdempotencyStore, {
      state: (key: string) => {
        held.open();
        return shared.state(key);
      },
    });
    const a = setup({ store: shared });
    const b = setup({ store: watched });
    a.audit.on('sceneAudit', async () => {
      entered.open();
      await held.promise;
    });
    const push = pushOf();
    const first = send(a.app, push).then((r) => r);
    await entered.promise;
    const second = await send(b.app, push);
    expect([(await first).text, second.text]).toEqual(['success', 'success']);

    expect((await t.histogram('wx_audit.store.duration', { 'wx_audit.store.operation': 'state' }))?.count).toBeGreaterThanOrEqual(1);
    expect(t.spans().map((s) => s.attributes['wx_audit.outcome'])).toEqual(['acknowledged', 'duplicate']);
    await shared.close();
  });

  it('URL verification: kind url-verification, no event type', async () => {
    const { app } = setup();
    const res = await request(app).get(MOUNT + verifySearch('echo-me'));
    expect(res.text).toBe('echo-me');
    const [span] = t.spans();
    expect(span!.attributes).toEqual({ 'wx_audit.kind': 'url-verification', 'wx_audit.outcome': 'acknowledged', 'http.request.method': 'GET', 'http.response.status_code': 200 });
    expect(await t.count('wx_audit.requests', { 'wx_audit.kind': 'url-verification' })).toBe(1);
  });

  it('an info-update notification: kind info-update, event type infoUpdateAudit', async () => {
    const audit = makePayAudit({ telemetry: { tracer: t.tracer, meter: t.meter }, payReplyKey: { serialNo: KEY_A.serialNo, privateKey: KEY_A.privateKey } });
    audits.push(audit);
    const res = await sendNotification(makeApp(flavor, audit));
    expect(res.status).toBe(200);
    const [span] = t.spans();
    expect(span!.attributes).toMatchObject({ 'wx_audit.kind': 'info-update', 'wx_audit.outcome': 'acknowledged', 'wx_audit.event_types': ['infoUpdateAudit'] });
  });

  it('a method WeChat never uses: kind other, refused METHOD_NOT_ALLOWED', async () => {
    const { app } = setup();
    expect((await request(app).put(MOUNT + verifySearch('x'))).status).toBe(405);
    expect(t.spans()[0]!.attributes).toMatchObject({ 'wx_audit.kind': 'other', 'wx_audit.outcome': 'refused', 'wx_audit.code': 'METHOD_NOT_ALLOWED', 'http.request.method': '_OTHER' });
  });

  it('a 5xx refusal (shutting down) sets the error status', async () => {
    const { audit, app } = setup();
    await audit.close();
    expect((await send(app, pushOf())).status).toBe(503);
    expect(t.spans()[0]!.status).toEqual({ code: SPAN_ERROR, message: 'SHUTTING_DOWN' });
    expect(await t.count('wx_audit.refusals', { 'wx_audit.code': 'SHUTTING_DOWN' })).toBe(1);
  });

  it('a tracer alone gives spans and no metrics; a meter alone, metrics and no span', async () => {
    const traced = setup({ telemetry: { tracer: t.tracer } });
    expect((await send(traced.app, pushOf())).status).toBe(200);
    expect(t.spans()).toHaveLength(1);
    expect(await t.count('wx_audit.requests')).toBe(0);

    const measured = setup({ telemetry: { meter: t.meter } });
    expect((await send(measured.app, pushOf())).status).toBe(200);
    expect(t.spans()).toHaveLength(1);
    expect(await t.count('wx_audit.requests')).toBe(1);
  });
});
