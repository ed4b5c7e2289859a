// A user's first test: mount the handler on a real Express app, post a fixture push, get the typed event.
import express from 'express';
import request from 'supertest';
import { expect, it } from 'vitest';
import { createWxAudit, type AuditResultEvent, type SceneAuditEvent, type WeappAuditFailEvent } from '@x/wx-audit-middleware';
import { buildPushRequest, createFixtures } from '@x/wx-audit-fixtures';

const wechat = { token: 'downstreamToken', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx5823bf96d3bd56c7' };

it('a safe-mode scene audit push is acknowledged and emitted as a typed sceneAudit event', async () => {
  const audit = createWxAudit(wechat);
  const events: SceneAuditEvent[] = [];
  audit.on('sceneAudit', (event) => {
    events.push(event);
  });
  const app = express();
  app.use('/wechat/audit', audit.middleware());

  const fx = createFixtures({ seed: 7 });
  const msg = fx.sceneAudit({ groupId: 42 });
  const req = buildPushRequest(msg, { ...wechat, mode: 'safe', format: 'xml' });
  const res = await request(app).post(`/wechat/audit${req.search}`).set(req.headers).send(req.body);

  expect(res.status).toBe(200);
  expect(res.text).toBe('success');
  expect(events).toHaveLength(1);
  expect(events[0]!.groupId).toBe(42);
  await audit.close();
});

it('a push signed with another token is refused with a stable code', async () => {
  const audit = createWxAudit(wechat);
  const codes: string[] = [];
  audit.on('rejected', (r) => codes.push(r.code));
  const app = express();
  app.use('/wechat/audit', audit.middleware());
  const req = buildPushRequest(createFixtures({ seed: 8 }).sceneAudit(), { ...wechat, token: 'someOtherToken' });
  const res = await request(app).post(`/wechat/audit${req.search}`).set(req.headers).send(req.body);
  expect(res.status).toBe(401);
  expect(codes).toEqual(['SIGNATURE_INVALID']);
  await audit.close();
});

it('a code audit result on a platform authorizer URL: weappAuditFail, then auditResult', async () => {
  const audit = createWxAudit(wechat);
  const fails: WeappAuditFailEvent[] = [];
  const results: AuditResultEvent[] = [];
  audit.on('weappAuditFail', (event) => void fails.push(event));
  audit.on('auditResult', (event) => void results.push(event));
  const app = express();
  app.use('/wechat', audit.middleware());
  const req = buildPushRequest(createFixtures({ seed: 9 }).weappAuditFail({ screenShot: 'a|b' }), wechat);
  const res = await request(app).post(`/wechat/wx0123456789abcdef${req.search}`).set(req.headers).send(req.body);
  expect(res.text).toBe('success');
  expect(fails[0]).toMatchObject({ authorizerAppId: 'wx0123456789abcdef', screenShotList: ['a', 'b'] });
  expect(results[0]).toMatchObject({ kind: 'weappAuditFail', outcome: 'rejected', id: fails[0]!.id });
  await audit.close();
});
