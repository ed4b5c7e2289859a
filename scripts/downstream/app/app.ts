// What a TypeScript user writes, checked under `strict` as ESM (nodenext) and as CommonJS (node10 and nodenext).
import express from 'express';
import { createWxAudit, defineEvent, WXA_PRIVACY_APPLY_STATUS, WxAuditError, type SceneAuditEvent, type StandardSchemaV1, type WeappAuditFailEvent } from '@x/wx-audit-middleware';
import { pushSignature } from '@x/wx-audit-middleware/wire';
import { buildPushRequest, createFixtures } from '@x/wx-audit-fixtures';

const audit = createWxAudit({ token: 'token', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx5823bf96d3bd56c7' });
audit.on('sceneAudit', (event: SceneAuditEvent) => {
  const groupId: number = event.groupId;
  void groupId;
});
audit.on('weappAuditFail', (event: WeappAuditFailEvent) => {
  const screenshots: string[] = event.screenShotList;
  void screenshots;
});
audit.on('wxaPrivacyApply', (event) => {
  const approved: boolean = event.status === WXA_PRIVACY_APPLY_STATUS.APPROVED;
  void approved;
});
audit.on('auditResult', (result) => {
  const outcome: 'approved' | 'rejected' | 'pending' | 'cancelled' | 'other' = result.outcome;
  void [outcome, result.kind, result.subjectId];
});
audit.on('rejected', (r) => console.warn(r.code, r.message));
audit.on('handlerError', (e) => console.error(e.event.type, e.error));

const app = express();
app.use('/wechat/audit', audit.middleware());

// A push the middleware does not type, typed with any Standard Schema (here one written by hand).
const illegalRecord: StandardSchemaV1<unknown, { recordId: string }> = {
  '~standard': { version: 1, vendor: 'app', validate: (value) => ({ value: { recordId: String((value as Record<string, unknown>).illegal_record_id) } }) },
};
const custom = createWxAudit({ token: 'token', events: [defineEvent({ name: 'wxaIllegalRecord', wire: { event: 'wxa_illegal_record' }, schema: illegalRecord })] });
custom.on('wxaIllegalRecord', (event) => {
  const recordId: string = event.recordId;
  void recordId;
});

const fx = createFixtures({ seed: 1 });
const fail = buildPushRequest(fx.weappAuditFail({ reason: '类目不符' }), { token: 'token', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx5823bf96d3bd56c7' });
const req = buildPushRequest(fx.sceneAudit(), { token: 'token', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx5823bf96d3bd56c7' });
const signature: string = pushSignature('token', '1410685589', 'nonce');
export const used = [app, req.search, fail.body, signature, WxAuditError];
