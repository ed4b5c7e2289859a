// API.md's own snippets, run nearly verbatim across both packages: the names and shapes outside tests
// are written against. If one of these fails, a public name or shape drifted.
import { once } from 'node:events';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createWxApiClient,
  createWxAudit,
  WxApiError,
  WxAuditError,
  type IdempotencyStore,
  type SceneAuditEvent,
} from '@x/wx-audit-middleware';
import {
  buildInfoUpdateRequest,
  buildPushRequest,
  buildVerifyRequest,
  createFixtures,
  generateTestKeys,
  startFakeWeChat,
} from '@x/wx-audit-fixtures';

const token = 'push token';
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const appId = 'wx5823bf96d3bd56c7';

describe('API.md: @x/wx-audit-middleware and @x/wx-audit-fixtures', () => {
  const keys = generateTestKeys();
  const audit = createWxAudit({ token, encodingAESKey, appId, payKeys: { [keys.serialNo]: keys.publicKey } });
  const app = express();
  app.use('/wechat/audit', audit.middleware());
  const closers: Array<() => Promise<void>> = [() => audit.close()];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('a scene audit built by the fixtures arrives as a typed event that toMatchObject the fixture', async () => {
    const fx = createFixtures({ seed: 42 });
    const msg = fx.sceneAudit({ groupId: 7 });
    const req = buildPushRequest(msg, { token, encodingAESKey, appId, mode: 'safe', format: 'xml' });
    expect(req.method).toBe('POST');
    expect(req.search.startsWith('?signature=')).toBe(true);
    expect(typeof req.body).toBe('string');
    expect(req.headers['content-type']).toBeDefined();
    const seen = once(audit, 'sceneAudit') as Promise<[SceneAuditEvent]>;
    const res = await request(app).post('/wechat/audit' + req.search).set(req.headers).send(req.body);
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    const [event] = await seen;
    expect(event).toMatchObject(msg);
    expect(event).toMatchObject({ type: 'sceneAudit', groupId: 7 });
    expect(typeof event.id).toBe('string');
    expect(Array.isArray(event.sceneGroupExtList)).toBe(true);
    expect(event.raw).toHaveProperty('SceneGroupAudit');
  });

  it('same seed and now, same payloads; overrides merge deeply', () => {
    const now = Date.now();
    expect(createFixtures({ seed: 42, now }).sceneAudit()).toEqual(createFixtures({ seed: 42, now }).sceneAudit());
    expect(createFixtures({ seed: 1 }).infoUpdateAudit({ auditResult: 'REJECT' }).auditResult).toBe('REJECT');
    expect(createFixtures({ seed: 1 }).auditStatus({ registerStatus: 0 })).not.toHaveProperty('raw');
  });

  it('buildVerifyRequest: the GET URL verification is echoed', async () => {
    const v = buildVerifyRequest({ token, echostr: 'hello' });
    expect(v).toMatchObject({ method: 'GET', body: '', echostr: 'hello' });
    const res = await request(app).get('/wechat/audit' + v.search).set(v.headers);
    expect(res.status).toBe(200);
    expect(res.text).toBe('hello');
  });

  it('buildInfoUpdateRequest + payKeys: an infoUpdateAudit event and a JSON ret_msg', async () => {
    const fx = createFixtures({ seed: 3 });
    const msg = fx.infoUpdateAudit();
    const path = '/wechat/audit';
    const req = buildInfoUpdateRequest(msg, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: msg.mchid, path });
    const seen = once(audit, 'infoUpdateAudit');
    const res = await request(app).post(path + req.search).set(req.headers).send(req.body);
    expect(res.status).toBe(200);
    expect(res.body).toHaveProperty('ret_msg');
    const [event] = await seen;
    expect(event).toMatchObject({ type: 'infoUpdateAudit', outRequestNo: msg.outRequestNo, auditResult: msg.auditResult });
  });

  it('a refused request: 401, a rejected event with a stable code, nothing dispatched', async () => {
    const rejected = once(audit, 'rejected');
    const res = await request(app).post('/wechat/audit?signature=0&timestamp=1&nonce=1&openid=x').set('content-type', 'text/xml').send('<xml/>');
    expect(res.status).toBe(401);
    const [event] = await rejected;
    expect(event).toMatchObject({ code: expect.any(String), status: 401, message: expect.any(String) });
  });

  it('startFakeWeChat: push with retries, check_audit_status through createWxApiClient, watchRegistration', async () => {
    const wx = await startFakeWeChat({ port: 0 });
    closers.push(() => wx.close());
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    closers.push(() => new Promise((r) => server.close(() => r())));
    const { port } = server.address() as { port: number };
    const fx = createFixtures({ seed: 5 });

    const report = await wx.push(`http://127.0.0.1:${port}/wechat/audit`, fx.sceneAudit(), { token, encodingAESKey, appId, mode: 'safe', format: 'xml' });
    expect(report.acknowledged).toBe(true);
    expect(report.attempts[0]).toMatchObject({ status: 200, body: 'success', ms: expect.any(Number) });

    wx.setAuditStatus('shop', fx.auditStatus({ registerStatus: 0 }));
    const api = createWxApiClient({ accessToken: wx.accessToken, baseUrl: wx.url });
    const status = await api.checkAuditStatus({ wxName: 'shop' });
    expect(status).toMatchObject({ registerStatus: 0, raw: expect.any(Object) });
    for (const key of ['merchantInfoStatus', 'acctVerifyStatus', 'basicInfoStatus', 'paySignStatus']) expect(status).toHaveProperty(key);

    const bad = createWxApiClient({ accessToken: 'not-a-token', baseUrl: wx.url });
    const error = await bad.checkAuditStatus({ wxName: 'shop' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxApiError);
    expect(error).toMatchObject({ errcode: 40001, errmsg: expect.any(String), code: expect.any(String) });

    const changed = once(audit, 'auditStatus');
    const watch = audit.watchRegistration({ api, wxName: 'shop', intervalMs: 60_000 });
    const [event] = await changed;
    expect(event).toMatchObject({ wxName: 'shop', registerStatus: 0 });
    watch.stop();
  });

  it('stores and errors are exported as API.md names them', async () => {
    const store: IdempotencyStore = createMemoryStore({ max: 10, ttlSeconds: 60 });
    await store.close();
    expect(new WxAuditError('SIGNATURE_INVALID', 'x')).toMatchObject({ code: 'SIGNATURE_INVALID', status: 401 });
  });

  describe('Additions, second round: freshness bound to what is signed, and ids', () => {
    it('maxMessageAgeSeconds (default 3600): an older decrypted push is 401 MESSAGE_TOO_OLD; false turns it off', async () => {
      const nowS = 1_796_100_000;
      const old = createFixtures({ seed: 8, now: (nowS - 7200) * 1000 }).sceneAudit();
      const strict = createWxAudit({ token, encodingAESKey, appId, now: () => nowS * 1000 });
      const lax = createWxAudit({ token, encodingAESKey, appId, now: () => nowS * 1000, maxMessageAgeSeconds: false });
      closers.push(() => strict.close(), () => lax.close());
      const req = buildPushRequest(old, { token, encodingAESKey, appId, timestamp: nowS });
      const post = (a: typeof strict) => request(express().use('/w', a.middleware())).post('/w' + req.search).set(req.headers).send(req.body);
      const refused = await post(strict);
      expect([refused.status, refused.body.code]).toEqual([401, 'MESSAGE_TOO_OLD']);
      expect((await post(lax)).text).toBe('success');
      expect(() => createWxAudit({ token, store: createMemoryStore({ ttlSeconds: 600 }) })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    });

    it('createFixtures({ seed, now }): times within the five minutes before now; same seed and now, same payloads', () => {
      const now = 1_796_100_000_000;
      const a = createFixtures({ seed: 1, now }).sceneAudit();
      expect(a).toEqual(createFixtures({ seed: 1, now }).sceneAudit());
      expect(a.createTime).toBeGreaterThanOrEqual(now / 1000 - 300);
      expect(a.createTime).toBeLessThanOrEqual(now / 1000);
    });

    it('requireEncryption defaults to true with a key (a plaintext push is 401 ENCRYPTION_REQUIRED), false without one', async () => {
      const msg = createFixtures({ seed: 2 }).sceneAudit();
      const plain = buildPushRequest(msg, { token, mode: 'plain' });
      const res = await request(app).post('/wechat/audit' + plain.search).set(plain.headers).send(plain.body);
      expect([res.status, res.body.code]).toEqual([401, 'ENCRYPTION_REQUIRED']);
      const keyless = createWxAudit({ token });
      closers.push(() => keyless.close());
      const ok = await request(express().use('/w', keyless.middleware())).post('/w' + plain.search).set(plain.headers).send(plain.body);
      expect(ok.text).toBe('success');
    });

    it('ids of different kinds never meet: messages, events and info-update notifications have prefixes of their own', async () => {
      const fx = createFixtures({ seed: 4 });
      const seen = once(audit, 'sceneAudit') as Promise<[SceneAuditEvent]>;
      const req = buildPushRequest(fx.sceneAudit(), { token, encodingAESKey, appId });
      await request(app).post('/wechat/audit' + req.search).set(req.headers).send(req.body);
      const [event] = await seen;
      expect(event.id.startsWith('evt:')).toBe(true);
      expect(event.id).toContain(event.toUserName);
    });
  });
});
