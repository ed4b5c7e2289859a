import { createSign } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerErrorEvent, WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { CERT, KEY_A, KEY_B, MCHID, infoUpdateWire, makePayAudit, sendNotification, watchPay } from './helpers/info-update.js';
import { NOW_S, gate, tick } from './helpers/push.js';

const audits: WxAudit[] = [];
const track = (audit: WxAudit) => (audits.push(audit), audit);
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

describe.each(flavors)('%s: info-update audit result notifications', (flavor) => {
  it('a valid notification is dispatched typed, with id and raw, and answered { ret_msg }', async () => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const res = await sendNotification(makeApp(flavor, audit));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ ret_msg: expect.any(String) });
    expect(seen.rejected).toEqual([]);
    expect(seen.events).toEqual([
      {
        type: 'infoUpdateAudit',
        id: `pay:${MCHID}|htozr8denqegbt6tk6u10iymo7yww5pn|PASS|2015-05-20T13:29:35+08:00`,
        raw: infoUpdateWire(),
        outRequestNo: 'htozr8denqegbt6tk6u10iymo7yww5pn',
        mchid: MCHID,
        auditResult: 'PASS',
        auditFinishTime: '2015-05-20T13:29:35+08:00',
        attachInfo: 'updateidcard',
        failCode: '1001',
        failMsg: 'IDCARD_ILLEGAL',
      },
    ]);
  });

  it('only the required fields: optional ones are absent, the id ends without a finish time', async () => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const body = JSON.stringify({ out_request_no: 'R1', mchid: MCHID, audit_result: 'REJECT', extra_field: 7 });
    const res = await sendNotification(makeApp(flavor, audit), { body });
    expect(res.status).toBe(200);
    expect(seen.events).toHaveLength(1);
    const event = seen.events[0]!;
    expect(event).toMatchObject({ id: `pay:${MCHID}|R1|REJECT|`, outRequestNo: 'R1', auditResult: 'REJECT', raw: { extra_field: 7 } });
    expect('auditFinishTime' in event || 'failCode' in event || 'failMsg' in event || 'attachInfo' in event).toBe(false);
  });

  it('the signature covers the full path as sent: mount point, sub-path and query', async () => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const app = makeApp(flavor, audit);
    for (const path of ['/wechat/audit?a=1&b=%E4%B8%AD', '/wechat/audit/pay/notify', '/wechat/audit/pay/notify?x=y']) {
      expect((await sendNotification(app, { path, body: JSON.stringify(infoUpdateWire({ out_request_no: path })) })).status).toBe(200);
    }
    expect(seen.events).toHaveLength(3);
    // Signed without the mount point, or without the query, or with another query: not what was sent.
    for (const [path, sendTo] of [
      ['/', '/wechat/audit'],
      ['/wechat/audit', '/wechat/audit?a=1'],
      ['/wechat/audit?a=1', '/wechat/audit?a=2'],
    ] as const) {
      expect((await sendNotification(app, { path, sendTo })).body).toMatchObject({ code: 'SIGNATURE_INVALID' });
    }
    expect(seen.rejected.map((r) => r.status)).toEqual([401, 401, 401]);
  });

  it('a signature made with node:crypto directly (not the wire code) is accepted', async () => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const body = '{"out_request_no":"indep-1","mchid":"1900016681","audit_result":"REJECT","fail_code":"1001","fail_msg":"证件不合法"}';
    const path = '/wechat/audit?from=independent';
    const nonce = 'NONCE0123456789';
    const signer = createSign('RSA-SHA256');
    signer.update(`POST\n${path}\n${NOW_S}\n${nonce}\n${body}\n`);
    const signature = signer.sign(KEY_A.privateKey, 'base64');
    const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${MCHID}",nonce_str="${nonce}",signature="${signature}",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}"`;
    const res = await request(makeApp(flavor, audit)).post(path).set('content-type', 'application/json').set('authorization', authorization).send(body);
    expect(res.status).toBe(200);
    expect(seen.events).toMatchObject([{ id: `pay:${MCHID}|indep-1|REJECT|`, failMsg: '证件不合法' }]);
  });

  it('key rotation: two serials side by side, PEM public key and X.509 certificate (string or Buffer)', async () => {
    const audit = track(
      makePayAudit({ payKeys: { [KEY_A.serialNo]: KEY_A.publicKey, [KEY_B.serialNo]: Buffer.from(KEY_B.publicKey), [CERT.serialNo]: CERT.certificate } }),
    );
    const seen = watchPay(audit);
    const app = makeApp(flavor, audit);
    for (const key of [KEY_A, KEY_B, CERT]) {
      const res = await sendNotification(app, { key, body: JSON.stringify(infoUpdateWire({ out_request_no: key.serialNo })) });
      expect(res.status).toBe(200);
    }
    expect(seen.events.map((e) => e.outRequestNo)).toEqual([KEY_A.serialNo, KEY_B.serialNo, CERT.serialNo]);
    // A serial's signature checked against another serial's key fails.
    const crossed = await sendNotification(app, { key: { privateKey: KEY_B.privateKey, serialNo: KEY_A.serialNo } });
    expect(crossed.body).toMatchObject({ code: 'SIGNATURE_INVALID' });

    const certBuffer = track(makePayAudit({ payKeys: { [CERT.serialNo]: Buffer.from(CERT.certificate) } }));
    expect((await sendNotification(makeApp(flavor, certBuffer), { key: CERT })).status).toBe(200);
    // After rotation the retired serial is unknown.
    const rotated = track(makePayAudit({ payKeys: { [KEY_B.serialNo]: KEY_B.publicKey } }));
    expect((await sendNotification(makeApp(flavor, rotated), { key: KEY_A })).body).toMatchObject({ code: 'PAY_KEY_UNKNOWN' });
  });

  it('a re-delivery of a handled notification is answered without calling listeners again', async () => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const app = makeApp(flavor, audit);
    const first = await sendNotification(app, { nonce: 'first' });
    // A retry is signed afresh (new nonce, later timestamp) but carries the same result.
    const again = await sendNotification(app, { nonce: 'second', timestamp: NOW_S + 15 });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(seen.events).toHaveLength(1);
  });

  it('concurrent copies are dispatched once and both acknowledged once the listener settled', async () => {
    const audit = track(makePayAudit());
    const release = gate();
    let calls = 0;
    audit.on('infoUpdateAudit', async () => {
      calls++;
      await release.promise;
    });
    const app = makeApp(flavor, audit);
    const a = sendNotification(app, { nonce: 'copy-a' }).then((r) => r);
    const b = sendNotification(app, { nonce: 'copy-b' }).then((r) => r);
    while (calls === 0) await tick();
    release.open();
    const answers = await Promise.all([a, b]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(calls).toBe(1);
  });

  it('a failing listener gets a 5xx (handlerError, not recorded as done); the retry dispatches again and succeeds', async () => {
    const audit = track(makePayAudit());
    const errors: HandlerErrorEvent[] = [];
    audit.on('handlerError', (e) => void errors.push(e));
    let calls = 0;
    audit.on('infoUpdateAudit', () => {
      calls++;
      if (calls === 1) throw new Error('database down');
    });
    const app = makeApp(flavor, audit);
    const failed = await sendNotification(app);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.headers['content-type']).toMatch(/^application\/json/);
    expect(failed.body).toMatchObject({ code: 'HANDLER_FAILED' });
    expect(errors).toMatchObject([{ event: { type: 'infoUpdateAudit' }, error: { message: 'database down' } }]);
    const retried = await sendNotification(app, { nonce: 'retry', timestamp: NOW_S + 15 });
    expect(retried.status).toBe(200);
    expect(retried.body).toHaveProperty('ret_msg');
    expect(calls).toBe(2);
  });

  it('notifications and pushes share one mount: an audit with payKeys only takes any POST as a notification', async () => {
    const audit = track(makePayAudit({ token: undefined }));
    const seen = watchPay(audit);
    const app = makeApp(flavor, audit);
    expect((await sendNotification(app)).status).toBe(200);
    const unsigned = await request(app).post('/wechat/audit').set('content-type', 'application/json').send(JSON.stringify(infoUpdateWire()));
    expect(unsigned.status).toBe(401);
    expect(unsigned.body).toMatchObject({ code: 'AUTHORIZATION_INVALID' });
    expect(seen.events).toHaveLength(1);
  });
});
