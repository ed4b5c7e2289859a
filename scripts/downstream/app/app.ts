// What a TypeScript user writes, checked under `strict` as ESM (nodenext) and as CommonJS (node10 and nodenext).
import express from 'express';
import { createWxAudit, WxAuditError, type SceneAuditEvent } from '@x/wx-audit-middleware';
import { pushSignature } from '@x/wx-audit-middleware/wire';
import { buildPushRequest, createFixtures } from '@x/wx-audit-fixtures';

const audit = createWxAudit({ token: 'token', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx5823bf96d3bd56c7' });
audit.on('sceneAudit', (event: SceneAuditEvent) => {
  const groupId: number = event.groupId;
  void groupId;
});
audit.on('rejected', (r) => console.warn(r.code, r.message));
audit.on('handlerError', (e) => console.error(e.event.type, e.error));

const app = express();
app.use('/wechat/audit', audit.middleware());

const fx = createFixtures({ seed: 1 });
const req = buildPushRequest(fx.sceneAudit(), { token: 'token', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx5823bf96d3bd56c7' });
const signature: string = pushSignature('token', '1410685589', 'nonce');
export const used = [app, req.search, signature, WxAuditError];
