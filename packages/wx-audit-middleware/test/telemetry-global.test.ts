// The default telemetry: @opentelemetry/api's global providers. Nothing registered (or no
// @opentelemetry/api at all) means no telemetry and nothing wrapped; an SDK registered before
// createWxAudit is used without any option. This file registers globals, so it has them to itself.
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWxAudit, WxAuditError, type SceneAuditEvent, type WxAudit, type WxAuditOptions } from '../src/index.js';
import { createTelemetry } from '../src/telemetry/create-telemetry.js';
import { loadOtelApi } from '../src/telemetry/load-otel-api.js';
import { buildPushRequest, createFixtures } from '../../wx-audit-fixtures/src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { AES_KEY, APP_ID, MOUNT, NOW_S, TOKEN, makeAudit } from './helpers/push.js';
import { createTestTelemetry } from './helpers/telemetry.js';

type App = Parameters<typeof request>[0];

const fx = createFixtures({ seed: 1818, now: NOW_S * 1000 });
function sendPush(app: App) {
  const push = buildPushRequest(fx.sceneAudit(), { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, timestamp: NOW_S });
  return request(app).post(MOUNT + push.search).set(push.headers).send(push.body);
}

const audits: WxAudit[] = [];
const track = (overrides: Partial<WxAuditOptions> = {}) => {
  const audit = makeAudit(overrides);
  audits.push(audit);
  return audit;
};
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

describe('no provider registered', () => {
  it('@opentelemetry/api is there, its providers are no-ops: no telemetry, nothing wrapped', () => {
    expect(loadOtelApi()).toBeDefined();
    expect(createTelemetry(undefined)).toBeUndefined();
    expect(createTelemetry({})).toBeUndefined();
    expect(createTelemetry(false)).toBeUndefined();
  });

  it.each(flavors)('%s: pushes are served and dispatched as without telemetry', async (flavor) => {
    const audit = track();
    const seen: SceneAuditEvent[] = [];
    audit.on('sceneAudit', (e) => void seen.push(e));
    audit.on('sceneAudit', () => {
      throw new Error('fails, and is reported as ever');
    });
    const failures: unknown[] = [];
    audit.on('handlerError', (e) => void failures.push(e));
    const app = makeApp(flavor, audit);
    expect((await sendPush(app)).status).toBe(500);
    audit.removeAllListeners('sceneAudit');
    audit.on('sceneAudit', (e) => void seen.push(e));
    const res = await sendPush(app);
    expect(res.text).toBe('success');
    expect(seen).toHaveLength(2);
    expect(failures).toHaveLength(1);
  });

  it('without @opentelemetry/api installed: no telemetry; given a tracer and a meter, it is never loaded', async () => {
    expect(createTelemetry(undefined, () => undefined)).toBeUndefined();
    expect(createTelemetry({}, () => undefined)).toBeUndefined();
    const t = createTestTelemetry();
    const given = createTelemetry({ tracer: t.tracer, meter: t.meter }, () => {
      throw new Error('must not be loaded');
    });
    expect(given).toBeDefined();
    await t.shutdown();
  });
});

describe('an SDK registered globally before createWxAudit', () => {
  const t = createTestTelemetry();
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(t.tracerProvider);
    metrics.setGlobalMeterProvider(t.meterProvider);
  });
  afterAll(async () => {
    trace.disable();
    metrics.disable();
    context.disable();
    await t.shutdown();
  });

  it.each(flavors)('%s: used without any option; a span a listener starts is a child of the request span', async (flavor) => {
    const audit = track();
    audit.on('sceneAudit', async () => {
      await trace.getTracer('app').startActiveSpan('save audit', async (span) => {
        await new Promise((resolve) => setImmediate(resolve));
        span.end();
      });
    });
    const before = t.spans().length;
    expect((await sendPush(makeApp(flavor, audit))).text).toBe('success');

    const receive = t.spans().slice(before);
    expect(receive).toHaveLength(1);
    expect(receive[0]!.attributes['wx_audit.outcome']).toBe('acknowledged');
    const [save] = t.spans('save audit').slice(-1);
    expect(save!.parentSpanContext?.spanId).toBe(receive[0]!.spanContext().spanId);
    expect(save!.spanContext().traceId).toBe(receive[0]!.spanContext().traceId);
    expect(await t.count('wx_audit.requests', { 'wx_audit.kind': 'push' })).toBeGreaterThanOrEqual(1);
  });

  it('telemetry: false records nothing, even then', async () => {
    const audit = track({ telemetry: false });
    const spans = t.spans().length;
    const requests = await t.count('wx_audit.requests');
    expect((await sendPush(makeApp('express5', audit))).text).toBe('success');
    expect(t.spans()).toHaveLength(spans);
    expect(await t.count('wx_audit.requests')).toBe(requests);
  });
});

describe('the telemetry option is checked', () => {
  it.each([
    ['a tracer without startActiveSpan', { tracer: {} }, 'telemetry.tracer'],
    ['a meter without createHistogram', { meter: { createCounter: () => undefined } }, 'telemetry.meter'],
    ['true', true, 'telemetry'],
  ])('%s: CONFIG_INVALID naming it', (_name, telemetry, named) => {
    let error: unknown;
    try {
      createWxAudit({ token: TOKEN, logger: false, telemetry } as unknown as WxAuditOptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WxAuditError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toContain(named);
  });

  it('a misspelt key is named with its correction', () => {
    expect(() => createWxAudit({ token: TOKEN, logger: false, telemetry: { tracers: {} } } as unknown as WxAuditOptions)).toThrow(/telemetry\.tracers: unknown option; did you mean telemetry\.tracer\?/);
  });
});
