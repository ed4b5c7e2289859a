// The demo the README runs (`pnpm demo`): an Express app with the wx-audit middleware (in-memory
// defaults), the fake WeChat server pushing a scene audit and a code audit result in safe mode, the events
// printed. Exits by itself.
import express from 'express';
import { AUDIT_ITEM_STATUS_TEXT, createWxApiClient, createWxAudit, isRegistrationApproved, REGISTER_STATUS_TEXT } from '@x/wx-audit-middleware';
import { createFixtures, startFakeWeChat } from '@x/wx-audit-fixtures';

// Made-up credentials: in production they come from the WeChat console (开发 → 开发设置 → 消息推送).
const credentials = { token: 'demoToken', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx5823bf96d3bd56c7' };

const audit = createWxAudit(credentials);
audit.on('sceneAudit', (event) => {
  console.log(`sceneAudit: ${event.name} (group ${event.groupId}): ${event.reason}`);
  for (const item of event.sceneGroupExtList) console.log(`  - ${item.name}: ext_id ${item.extId}, status ${item.status}`);
});
// One feed for every audit result of the catalogue (33 typed pushes), whatever the push.
audit.on('auditResult', (event) => console.log(`auditResult: ${event.kind} ${event.outcome}${event.subjectId ? ` (subject ${event.subjectId})` : ''}${event.reason ? `: ${event.reason.slice(0, 60)}` : ''}`));
audit.on('weappAuditFail', (event) => {
  console.log(`weappAuditFail: authorizer ${event.authorizerAppId}, ${event.screenShotList.length} screenshot(s): ${event.reason.slice(0, 60)}`);
});
audit.on('message', (event) => console.log(`message: ${event.msgType}/${event.event ?? '-'} from ${event.fromUserName} (id ${event.id})`));
audit.on('rejected', (event) => console.log(`rejected: ${event.status} ${event.code}: ${event.message}`));
audit.on('auditStatus', (event) => {
  const items = { merchantInfo: event.merchantInfoStatus, acctVerify: event.acctVerifyStatus, basicInfo: event.basicInfoStatus, paySign: event.paySignStatus };
  const described = Object.entries(items).map(([name, status]) => `${name} ${AUDIT_ITEM_STATUS_TEXT[status]?.en ?? status}`);
  console.log(`auditStatus: ${event.wxName} ${REGISTER_STATUS_TEXT[event.registerStatus]?.en ?? event.registerStatus}: ${described.join(', ')}`);
});
audit.on('watchError', (event) => console.log(`watchError: ${event.wxName}: ${event.error instanceof Error ? event.error.message : String(event.error)}`));

const app = express();
app.use('/wechat/audit', audit.middleware());
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const target = `http://127.0.0.1:${server.address().port}/wechat/audit`;
console.log(`app listening: ${target}`);

const wx = await startFakeWeChat({ port: 0 });
console.log(`fake WeChat: ${wx.url}`);

// Steps run in order; later demos add theirs here (e.g. a registration watch against wx.url).
const steps = [
  async function pushSceneAudit() {
    const msg = createFixtures({ seed: 42 }).sceneAudit();
    console.log(`fake WeChat pushes a scene audit (safe mode, XML) to ${target}`);
    const report = await wx.push(target, msg, { ...credentials, mode: 'safe', format: 'xml' });
    for (const attempt of report.attempts) console.log(`  reply: ${attempt.status} ${attempt.body} (${attempt.ms} ms)`);
    console.log(report.acknowledged ? 'acknowledged' : 'NOT acknowledged');
    return report.acknowledged;
  },
  async function pushCodeAuditResult() {
    // A third-party platform's message URL: <mount>/<authorizer appid>, one per Mini Program it manages.
    const authorizer = 'wx0123456789abcdef';
    const msg = createFixtures({ seed: 42 }).weappAuditFail();
    console.log(`fake WeChat pushes a code audit result (weapp_audit_fail) to ${target}/${authorizer}`);
    const report = await wx.push(`${target}/${authorizer}`, msg, { ...credentials, mode: 'safe' });
    console.log(report.acknowledged ? 'acknowledged' : 'NOT acknowledged');
    return report.acknowledged;
  },
  async function watchRegistration() {
    // WeChat's answers to check_audit_status, one per poll: in review, partly approved, approved.
    const registered = { registerStatus: 0, merchantInfoStatus: 5, acctVerifyStatus: 5, basicInfoStatus: 5, paySignStatus: 5 };
    wx.setAuditStatus('demo_shop', [
      { ...registered, merchantInfoStatus: 3, acctVerifyStatus: 3, basicInfoStatus: 3, paySignStatus: 3 },
      { ...registered, basicInfoStatus: 3, paySignStatus: 3 },
      registered,
    ]);
    console.log(`watching the registration of demo_shop through the fake WeChat API (${wx.url})`);
    const api = createWxApiClient({ accessToken: wx.accessToken, baseUrl: wx.url });
    const { reason, status } = await audit.watchRegistration({ api, wxName: 'demo_shop', intervalMs: 50 }).done;
    const approved = reason === 'final' && isRegistrationApproved(status);
    console.log(approved ? 'registration approved' : `registration NOT approved (${reason})`);
    return approved;
  },
];

let ok = true;
try {
  for (const step of steps) ok = (await step()) && ok;
} finally {
  await wx.close();
  await new Promise((resolve) => server.close(resolve));
  await audit.close();
}
process.exitCode = ok ? 0 : 1;
