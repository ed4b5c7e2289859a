// Issue #17, item 2: mount mistakes. At the app's root the handler took over every later route (GET
// /health answered 400); mounted at /wechat it accepted /wechat/audit as authorizer "audit"; mounted with
// app.post it broke URL verification and answered a misleading "Nothing is served at this path".
import express5 from 'express';
import express4 from 'express4';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { RejectedEvent, SceneAuditEvent, WxAudit } from '../src/index.js';
import { flavors, type ExpressFlavor } from './helpers/apps.js';
import { captureLogger } from './helpers/capture-logger.js';
import { buildPush, makeAudit, sceneAuditWire, send, verifySearch } from './helpers/push.js';

const audits: WxAudit[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

const expressOf = (flavor: ExpressFlavor) => (flavor === 'express4' ? express4 : express5) as unknown as typeof express5;

/** An audit with a capturing logger and its events, and an empty app of the flavour to mount it in. */
function setup(flavor: ExpressFlavor) {
  const logger = captureLogger();
  const audit = makeAudit({ logger });
  audits.push(audit);
  const rejected: RejectedEvent[] = [];
  const scenes: SceneAuditEvent[] = [];
  audit.on('rejected', (e) => void rejected.push(e));
  audit.on('sceneAudit', (e) => void scenes.push(e));
  return { audit, app: expressOf(flavor)(), logger, rejected, scenes };
}

const push = () => buildPush({ message: sceneAuditWire() });

describe.each(flavors)('%s: mounted at the app root', (flavor) => {
  function rootApp() {
    const s = setup(flavor);
    s.app.use(s.audit.middleware());
    s.app.get('/health', (_req, res) => void res.send('ok'));
    s.app.post('/orders', (_req, res) => void res.status(201).send('created'));
    return s;
  }

  it("the app's own routes after it still answer (GET /health, POST /orders)", async () => {
    const { app, rejected, logger } = rootApp();
    expect((await request(app).get('/health')).text).toBe('ok');
    const created = await request(app).post('/orders').send({ n: 1 });
    expect({ status: created.status, text: created.text }).toEqual({ status: 201, text: 'created' });
    expect(rejected).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it("a request without WeChat's signature query goes on to the app's 404", async () => {
    const { app, rejected } = rootApp();
    const res = await request(app).post('/nowhere?timestamp=1&nonce=2').send('x');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('wx-audit');
    expect(rejected).toEqual([]);
  });

  it('signed requests at / are handled: URL verification and pushes', async () => {
    const { app, scenes } = rootApp();
    expect((await request(app).get(`/${verifySearch('echo-1')}`)).text).toBe('echo-1');
    expect((await send(app, push(), '/')).text).toBe('success');
    expect(scenes).toHaveLength(1);
  });

  it('a signed request that fails its check is refused loudly, not passed on', async () => {
    const { app, rejected } = rootApp();
    const res = await send(app, buildPush({ message: sceneAuditWire(), token: 'wrong' }), '/');
    expect(res.status).toBe(401);
    expect(rejected.map((r) => r.code)).toEqual(['SIGNATURE_INVALID']);
  });

  it('a signed push to another path → 404 that says where to mount it', async () => {
    const { app, rejected } = rootApp();
    const res = await send(app, push(), '/wechat/audit');
    expect(res.status).toBe(404);
    expect(rejected[0]!.code).toBe('NOT_FOUND');
    expect(rejected[0]!.message).toContain('wx-audit is mounted at "/"');
    expect(rejected[0]!.message).toContain('app.use("/wechat/audit", audit.middleware())');
  });
});

describe.each(flavors)('%s: mounted at a path', (flavor) => {
  function wechatApp() {
    const s = setup(flavor);
    s.app.use('/wechat', s.audit.middleware());
    return s;
  }

  it('a push to <mount>/audit (WeChat posts below the mount point) → 404 naming the mount path, nothing dispatched', async () => {
    const { app, rejected, scenes, logger } = wechatApp();
    const res = await send(app, push(), '/wechat/audit');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    const { message } = res.body as { message: string };
    expect(message).toContain('wx-audit is mounted at "/wechat"');
    expect(message).toContain('"/wechat/<authorizer appid>"');
    expect(message).toContain('"/wechat/audit" is neither');
    expect(message).toContain('app.use("/wechat/audit", audit.middleware())');
    expect(rejected.map((r) => r.code)).toEqual(['NOT_FOUND']);
    expect(scenes).toEqual([]);
    expect(logger.lines).toEqual([{ level: 'warn', line: expect.stringContaining('404 NOT_FOUND') }]);
  });

  it('a push to <mount>/<appid> is a third-party authorizer', async () => {
    const { app, scenes } = wechatApp();
    expect((await send(app, push(), '/wechat/wx0123456789abcdef')).text).toBe('success');
    expect(scenes[0]!.authorizerAppId).toBe('wx0123456789abcdef');
  });

  it.each(['/wechat/WX0123456789ABCDEF', '/wechat/wx0123456789abcde', '/wechat/wx0123456789abcdefa', '/wechat/wx0123456789abcdeg'])(
    'not an appid (%s) → 404',
    async (path) => {
      const { app, rejected, scenes } = wechatApp();
      expect((await send(app, push(), path)).status).toBe(404);
      expect(rejected.map((r) => r.code)).toEqual(['NOT_FOUND']);
      expect(scenes).toEqual([]);
    },
  );

  it('everything under the mount path is answered, refusals included (an unsigned GET is 400, not passed on)', async () => {
    const { app, rejected } = wechatApp();
    expect((await request(app).get('/wechat')).status).toBe(400);
    expect(rejected.map((r) => r.code)).toEqual(['QUERY_INVALID']);
  });
});

describe.each(flavors)('%s: mounted as a route (app.post / app.get)', (flavor) => {
  it('app.post(path, handler) → 500 MOUNT_INVALID that says to use app.use; logged once, not per request', async () => {
    const { audit, app, rejected, scenes, logger } = setup(flavor);
    app.post('/wechat/audit', audit.middleware());
    const first = await send(app, push(), '/wechat/audit');
    const second = await send(app, push(), '/wechat/audit');
    for (const res of [first, second]) {
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ code: 'MOUNT_INVALID', message: expect.stringContaining('app.use(path, audit.middleware())') });
    }
    expect(rejected.map((r) => r.code)).toEqual(['MOUNT_INVALID', 'MOUNT_INVALID']);
    expect(scenes).toEqual([]);
    expect(logger.lines).toEqual([{ level: 'error', line: expect.stringContaining('500 MOUNT_INVALID') }]);
  });

  it('app.get(path, handler): the URL verification is refused with MOUNT_INVALID, not answered', async () => {
    const { audit, app } = setup(flavor);
    app.get('/wechat/audit', audit.middleware());
    const res = await request(app).get(`/wechat/audit${verifySearch('echo-2')}`);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'MOUNT_INVALID' });
  });

  it("another route's leftover req.route does not count: app.use after a route that called next() works", async () => {
    const { audit, app, scenes } = setup(flavor);
    app.post('/wechat/audit', (_req, _res, next) => next());
    app.use('/wechat/audit', audit.middleware());
    expect((await send(app, push(), '/wechat/audit')).text).toBe('success');
    expect(scenes).toHaveLength(1);
  });
});
