// Every catalogue event: its fixture, built by buildPushRequest as WeChat sends it, posted to a real
// Express 4 and 5 app running the middleware, comes out as the typed event (toMatchObject the fixture),
// then `auditResult` when the event reports one, then `message`, all under one id.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type CatalogueDefinition, type WxAudit } from '@x/wx-audit-middleware';
import { buildPushRequest, createFixtures, PUSH_MODES, startFakeWeChat, type AnyCatalogueFixture, type PushFormat, type PushMode } from '../src/index.js';
import { AES_KEY, APP_ID, makeAudit, MOUNT, NOW_MS, NOW_S, TOKEN } from './helpers/credentials.js';

type Seen = { type: string; id: string; kind?: string; outcome?: string; subjectId?: string; reason?: string; authorizerAppId?: string };
type Draw = (overrides?: object) => AnyCatalogueFixture;

type Version = 'express 4' | 'express 5';
const EXPRESS: Version[] = ['express 4', 'express 5'];

/** A real Express app of either major version with the middleware at MOUNT. */
function appWith(version: Version, audit: WxAudit) {
  if (version === 'express 4') {
    const app = express4();
    app.use(MOUNT, audit.middleware());
    return app;
  }
  const app = express5();
  app.use(MOUNT, audit.middleware());
  return app;
}
const credentials = { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, timestamp: NOW_S };

/** Listens to the event's own type, `auditResult` and `message`, in the order they are emitted. */
function listen(audit: WxAudit, name: string): Seen[] {
  const seen: Seen[] = [];
  const on = audit.on.bind(audit) as (type: string, listener: (event: Seen) => void) => WxAudit;
  for (const type of [name, 'auditResult', 'message']) on(type, (event) => void seen.push(event));
  return seen;
}

async function send(app: Parameters<typeof request>[0], msg: AnyCatalogueFixture, options: { mode?: PushMode; format?: PushFormat; path?: string } = {}) {
  const req = buildPushRequest(msg, { ...credentials, mode: options.mode, format: options.format });
  return request(app)
    .post(`${MOUNT}${options.path ?? ''}${req.search}`)
    .set(req.headers)
    .send(req.body);
}

/** What the middleware's own mapping says for the fixture (its tests pin the mappings; here, the wiring). */
function verdictOf(definition: CatalogueDefinition, msg: AnyCatalogueFixture): Record<string, unknown> | undefined {
  const auditResult = definition.auditResult as ((fields: unknown) => Record<string, unknown>) | undefined;
  return auditResult?.(msg);
}

async function roundTrip(version: Version, msg: AnyCatalogueFixture, options: { mode?: PushMode; format?: PushFormat; path?: string } = {}) {
  const audit = makeAudit();
  const app = appWith(version, audit);
  const rejected: unknown[] = [];
  audit.on('rejected', (r) => void rejected.push(r));
  const seen = listen(audit, msg.type);
  const res = await send(app, msg, options);
  await audit.close();
  expect(rejected).toEqual([]);
  expect([res.status, res.text]).toEqual([200, 'success']);
  return seen;
}

const definitionOf = (name: string) => CATALOGUE.find((d) => d.name === name)!;

describe.each(EXPRESS)('every catalogue event over %s', (version) => {
  const fx = createFixtures({ seed: 2026, now: NOW_MS }) as unknown as Record<string, Draw>;

  it.each(CATALOGUE.map((d) => d.name))('%s: typed event, auditResult when it reports one, message; one id', async (name) => {
    const msg = fx[name]!();
    const definition = definitionOf(name);
    const seen = await roundTrip(version, msg);
    const verdict = verdictOf(definition, msg);
    expect(seen.map((e) => e.type)).toEqual(verdict ? [name, 'auditResult', 'message'] : [name, 'message']);
    expect(seen[0]).toMatchObject(msg);
    expect(new Set(seen.map((e) => e.id)).size).toBe(1);
    if (verdict) expect(seen[1]).toEqual({ type: 'auditResult', id: seen[0]!.id, raw: expect.any(Object), kind: name, ...verdict });
  });
});

describe('every event in every format its channel uses, in every mode it allows', () => {
  const fx = createFixtures({ seed: 7, now: NOW_MS }) as unknown as Record<string, Draw>;
  const cases = CATALOGUE.flatMap((d) =>
    d.formats.flatMap((format) => (d.channels.includes('wechat-shop') ? (['safe'] as const) : PUSH_MODES).map((mode) => ({ name: d.name, format, mode }))),
  );

  it.each(cases)('$name, $format, $mode', async ({ name, format, mode }) => {
    const msg = fx[name]!();
    const seen = await roundTrip('express 5', msg, { format, mode });
    expect(seen[0]).toMatchObject(msg);
  });
});

describe('edge cases', () => {
  const fx = createFixtures({ seed: 31, now: NOW_MS });
  const edges = Object.entries(fx.edge).filter(([name]) => !/^(sceneAudit|infoUpdateAudit|auditStatus)/.test(name)) as Array<[string, Draw]>;

  it('there is one for each documented shape', () => {
    expect(edges.map(([name]) => name).sort()).toEqual([
      'notifyThirdFasteregisterFailure',
      'orderPathAuditResultNotifyMissingStatus',
      'orderPathAuditResultNotifyNoItems',
      'orderPathAuditResultNotifySingleItem',
      'productSpuAuditEmoji',
      'weappAuditFailEmoji',
      'wxaAppealRecordEmoji',
      'wxaAppealRecordNoMaterial',
      'wxaAppealRecordSingleMaterial',
      'wxaMediaCheckNoDetail',
      'wxaMediaCheckSingleDetail',
      'wxaMediaCheckV1',
      'wxaMediaCheckV2',
    ]);
  });

  const cases = edges.flatMap(([edge, draw]) => definitionOf(draw().type).formats.map((format) => ({ edge, draw, format })));
  it.each(cases)('$edge in $format arrives as its fixture', async ({ draw, format }) => {
    const msg = draw();
    const seen = await roundTrip('express 5', msg, { format });
    expect(seen[0]).toMatchObject(msg);
  });

  it('single and absent list elements are arrays of one and none; v1 and v2 media checks; the failed registration', () => {
    expect(fx.edge.orderPathAuditResultNotifySingleItem().list).toHaveLength(1);
    expect(fx.edge.orderPathAuditResultNotifyNoItems().list).toEqual([]);
    const single = fx.edge.wxaAppealRecordSingleMaterial().material;
    expect([single.length, single[0]!.appealMaterial!.proofMaterialId.length]).toEqual([1, 1]);
    expect(fx.edge.wxaAppealRecordNoMaterial().material).toEqual([]);
    expect(fx.edge.wxaMediaCheckSingleDetail().detail).toHaveLength(1);
    expect(fx.edge.wxaMediaCheckNoDetail().detail).toEqual([]);
    const v1 = fx.edge.wxaMediaCheckV1();
    expect(v1).toMatchObject({ version: 1, detail: [] });
    expect(v1.isrisky).toBeTypeOf('number');
    expect(v1.result).toBeUndefined();
    const v2 = fx.edge.wxaMediaCheckV2();
    expect(v2).toMatchObject({ version: 2, result: { suggest: expect.any(String), label: expect.any(Number) } });
    expect(v2.isrisky).toBeUndefined();
    const failed = fx.edge.notifyThirdFasteregisterFailure();
    expect(failed.status).toBeLessThan(0);
    expect(failed.info).toEqual({});
    expect([failed.appid, failed.authCode]).toEqual([undefined, undefined]);
  });

  it('an item without a status blocks the batch approval', async () => {
    const seen = await roundTrip('express 5', fx.edge.orderPathAuditResultNotifyMissingStatus());
    expect(seen[1]).toMatchObject({ type: 'auditResult', outcome: 'other' });
    expect(seen[1]!.subjectId).toBeUndefined();
  });
});

describe('buildPushRequest by channel', () => {
  const fx = createFixtures({ seed: 5, now: NOW_MS });

  it('WeChat Shop events default to JSON in safe mode, and refuse XML or any other mode', () => {
    const msg = fx.productSpuAudit();
    const req = buildPushRequest(msg, credentials);
    expect([req.format, req.mode, req.headers['content-type']]).toEqual(['json', 'safe', 'application/json']);
    expect(Object.keys(JSON.parse(req.body) as object)).toEqual(['ToUserName', 'Encrypt']);
    expect(JSON.parse(req.plaintext)).toMatchObject({ MsgType: 'event', Event: 'product_spu_audit', ProductSpuAudit: { product_id: msg.productId } });
    expect(() => buildPushRequest(msg, { ...credentials, format: 'xml' })).toThrow(/productSpuAudit is a WeChat Shop push, which WeChat sends as JSON in safe mode only.*got format "xml"/);
    for (const mode of ['plain', 'compatible'] as const) expect(() => buildPushRequest(fx.channelsEcBrand(), { ...credentials, mode })).toThrow(new RegExp(`got mode "${mode}"`));
    expect(() => buildPushRequest(fx.productCategoryAudit(), { token: TOKEN })).toThrow(/mode "safe" needs encodingAESKey/);
  });

  it('other events default to XML; an InfoType push carries AppId, not ToUserName, and no openid', () => {
    const ticket = fx.componentVerifyTicket({ appId: APP_ID });
    const req = buildPushRequest(ticket, credentials);
    expect([req.format, req.mode]).toEqual(['xml', 'safe']);
    expect(req.body).toMatch(new RegExp(`^<xml><AppId><!\\[CDATA\\[${APP_ID}\\]\\]></AppId>\\n<Encrypt>`));
    expect(new URLSearchParams(req.search).has('openid')).toBe(false);
    expect(req.plaintext).toMatch(/^<xml><AppId>.*\n<CreateTime>\d+<\/CreateTime>\n<InfoType><!\[CDATA\[component_verify_ticket\]\]><\/InfoType>\n<ComponentVerifyTicket>/s);
    const fail = buildPushRequest(fx.weappAuditFail(), credentials);
    expect(fail.format).toBe('xml');
    expect(fail.plaintext).toMatch(/<MsgType><!\[CDATA\[event\]\]><\/MsgType>\n<Event><!\[CDATA\[weapp_audit_fail\]\]><\/Event>\n<Reason>/);
  });

  it('fields in the layout order, inside the wrapper; derived fields never on the wire', () => {
    const msg = fx.productSpuAudit({ status: 2, auditInfo: '{"busi_audit_info":{}}', productType: 1 });
    const wire = JSON.parse(buildPushRequest(msg, credentials).plaintext) as Record<string, unknown>;
    expect(Object.keys(wire)).toEqual(['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Event', 'ProductSpuAudit']);
    expect(Object.keys(wire.ProductSpuAudit as object)).toEqual(['product_id', 'status', ...(msg.reason === undefined ? [] : ['reason']), 'audit_info', 'product_type']);
    expect(msg.auditInfoParsed).toEqual({ busi_audit_info: {} });
    const fail = buildPushRequest(fx.weappAuditFail({ screenShot: 'a|b' }), { ...credentials, format: 'json' });
    expect(JSON.parse(fail.plaintext)).not.toHaveProperty('screenShotList');
  });

  it('a third-party message push to <mount>/<authorizer appid> carries authorizerAppId on every event', async () => {
    const audit = makeAudit();
    const app = appWith('express 5', audit);
    const seen = listen(audit, 'wxaNicknameAudit');
    const res = await send(app, fx.wxaNicknameAudit({ ret: 3 }), { path: '/wx0123456789abcdef' });
    await audit.close();
    expect(res.status).toBe(200);
    expect(seen.map((e) => [e.type, e.authorizerAppId])).toEqual([
      ['wxaNicknameAudit', 'wx0123456789abcdef'],
      ['auditResult', 'wx0123456789abcdef'],
      ['message', 'wx0123456789abcdef'],
    ]);
  });

  it('refuses what is not a catalogue fixture, naming what to use', () => {
    // @ts-expect-error not a catalogue fixture
    expect(() => buildPushRequest(fx.infoUpdateAudit(), credentials)).toThrow(/Expected a catalogue fixture .*got type "infoUpdateAudit" \(info-update notifications are built with buildInfoUpdateRequest\)/);
    // @ts-expect-error not a fixture at all
    expect(() => buildPushRequest({ type: 'weappAuditFails' }, credentials)).toThrow(/got type "weappAuditFails"/);
  });
});

describe('wx.push', () => {
  it('delivers any catalogue push as WeChat does: a shop push in JSON retried after a failure, a push to an authorizer URL', async () => {
    const fx = createFixtures({ seed: 8, now: NOW_MS });
    const audit = makeAudit();
    const seen = listen(audit, 'productSpuAudit');
    const passes: Seen[] = [];
    const on = audit.on.bind(audit) as (type: string, listener: (event: Seen) => void) => WxAudit;
    on('namingVerifySuccess', (event) => void passes.push(event));
    let failures = 1;
    on('productSpuAudit', () => {
      if (failures-- > 0) throw new Error('database down');
    });
    const server = appWith('express 5', audit).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}`;
    const wx = await startFakeWeChat({ timeScale: 0.01 });
    const shop = await wx.push(base, fx.productSpuAudit(), credentials);
    expect(shop.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(seen.filter((e) => e.type === 'productSpuAudit')).toHaveLength(2);
    const verified = await wx.push(`${base}/wx0123456789abcdef`, fx.namingVerifySuccess(), { ...credentials, mode: 'safe' });
    expect(verified.acknowledged).toBe(true);
    expect(passes.map((e) => e.authorizerAppId)).toEqual(['wx0123456789abcdef']);
    await wx.close();
    await new Promise((resolve) => server.close(resolve));
    await audit.close();
  });
});
