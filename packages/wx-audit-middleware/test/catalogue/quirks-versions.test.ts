// One event, several shapes. Media checks arrive as v1 (no version,
// isrisky, status_code) or v2 (result, detail); fast registrations fail with negative codes and no appid.
import { afterAll, describe, expect, it } from 'vitest';
import { flavors } from '../helpers/apps.js';
import { accepted, freshCreateTime, receiverPool } from './receiver.js';
import { COMPONENT_APPID, example, MP_APPID, MP_GH, MP_SENDER } from './wire-examples.js';
import { withFields } from './wire-patch.js';

const pool = receiverPool();
afterAll(() => pool.close());

const TRACE = '6116d5b4-0aa8ef97-62f8c0c5';

/** A v1 media check as real ones are written: no version, no result, every value text. */
const v1 = (fields: Record<string, string | undefined>) => ({
  ToUserName: MP_GH,
  FromUserName: MP_SENDER,
  CreateTime: freshCreateTime(),
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: MP_APPID,
  trace_id: TRACE,
  ...fields,
});

describe.each(flavors)('%s: versions and variants', (flavor) => {
  const post = (...args: Parameters<ReturnType<typeof pool.get>['post']>) => pool.get(flavor, args[0]).post(...args);

  describe('wxa_media_check v1: version 1 when absent, isrisky, status_code', () => {
    it.each([
      ['isrisky 1', { isrisky: '1', extra_info_json: '', status_code: '0' }, 'rejected'],
      ['isrisky 0', { isrisky: '0', extra_info_json: '', status_code: '0' }, 'approved'],
      ['isrisky 0 without status_code', { isrisky: '0' }, 'approved'],
      ['status_code 4294966288 (-1008, URL not downloadable)', { isrisky: '0', status_code: '4294966288' }, 'other'],
      ['status_code -1008', { isrisky: '1', status_code: '-1008' }, 'other'],
      ['neither isrisky nor status_code', {}, 'other'],
    ] as const)('%s → %s', async (_label, fields, outcome) => {
      for (const format of ['xml', 'json'] as const) {
        const { typed, audit } = accepted(await post('M', v1(fields), { format }));
        expect(typed).toMatchObject({ type: 'wxaMediaCheck', appid: MP_APPID, traceId: TRACE, version: 1, detail: [] });
        expect(typed).not.toHaveProperty('result');
        if ('isrisky' in fields) expect(typed.isrisky).toBe(Number(fields.isrisky));
        if ('status_code' in fields) expect(typed.statusCode).toBe(Number(fields.status_code));
        expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, kind: 'wxaMediaCheck', outcome, subjectId: TRACE });
      }
    });

    it('status_code 4294966288 as a JSON number', async () => {
      const wire = { ...v1({}), isrisky: 0, status_code: 4294966288, detail: [] };
      const { typed, audit } = accepted(await post('M', wire, { format: 'json', mode: 'plain' }));
      expect([typed.statusCode, typed.version, audit!.outcome]).toEqual([4294966288, 1, 'other']);
    });
  });

  describe('wxa_media_check v2: result.suggest decides', () => {
    it.each([
      ['pass', 'approved'],
      ['risky', 'rejected'],
      ['review', 'other'],
    ] as const)('suggest %s → %s', async (suggest, outcome) => {
      const wire = withFields(example('wxaMediaCheck').wire, { CreateTime: freshCreateTime(), result: { suggest, label: 100 } });
      const { typed, audit } = accepted(await post('M', wire, { format: 'xml' }));
      expect(typed).toMatchObject({ version: 2, result: { suggest, label: 100 } });
      expect(typed).not.toHaveProperty('isrisky');
      expect(audit).toMatchObject({ outcome, subjectId: '60f96f1d-3845297a-1976a3ae' });
    });

    it('a v2 result wins over a stray isrisky', async () => {
      const wire = withFields(example('wxaMediaCheck').wire, { CreateTime: freshCreateTime(), isrisky: 1, result: { suggest: 'pass', label: 100 } });
      const { typed, audit } = accepted(await post('M', wire, { format: 'json' }));
      expect([typed.isrisky, audit!.outcome]).toEqual([1, 'approved']);
    });
  });

  describe('notify_third_fasteregister', () => {
    const push = (fields: Record<string, unknown>) => ({ AppId: COMPONENT_APPID, CreateTime: freshCreateTime(), InfoType: 'notify_third_fasteregister', ...fields });

    it('a failure with a negative status, no appid, no auth_code, no info: rejected, reason msg, no subjectId', async () => {
      const { typed, audit, message } = accepted(await post('T-auth', push({ status: -100001, msg: '法人姓名与微信号不一致' })));
      expect(typed).toEqual({
        type: 'notifyThirdFasteregister',
        id: typed.id,
        raw: typed.raw,
        appId: COMPONENT_APPID,
        createTime: typed.createTime,
        status: -100001,
        msg: '法人姓名与微信号不一致',
        info: {},
      });
      expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, kind: 'notifyThirdFasteregister', outcome: 'rejected', reason: '法人姓名与微信号不一致' });
      expect(message).toMatchObject({ toUserName: COMPONENT_APPID, msgType: 'notify_third_fasteregister' });
    });

    it('an error code with the appid and an empty <info/>: rejected, subjectId the appid', async () => {
      const { typed, audit } = accepted(await post('T-auth', push({ appid: 'wx2b4d6f8a0c1e3579', status: 89250, msg: '未找到该任务', info: {} })));
      expect(typed.info).toEqual({});
      expect(audit).toMatchObject({ outcome: 'rejected', subjectId: 'wx2b4d6f8a0c1e3579', reason: '未找到该任务' });
    });

    it('a real push: info with taskid, code_type 0 and empty names', async () => {
      const info = { name: '', code: '', code_type: 0, legal_persona_wechat: '', legal_persona_name: '', component_phone: '13800000000', taskid: '6f2f0a1e9c' };
      const { typed, audit } = accepted(await post('T-auth', push({ appid: 'wx6a8c0e2f4b1d3957', status: 0, auth_code: 'queryauthcode@@@x', msg: 'OK', info })));
      expect(typed.info).toEqual({ name: '', code: '', codeType: 0, legalPersonaWechat: '', legalPersonaName: '', componentPhone: '13800000000', taskid: '6f2f0a1e9c' });
      expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, kind: 'notifyThirdFasteregister', outcome: 'approved', subjectId: 'wx6a8c0e2f4b1d3957' });
    });

    it('the personal variant: info holds wxuser, idname, component_phone', async () => {
      const info = { wxuser: 'zhangsan_88', idname: '张三', component_phone: '13900000000' };
      const { typed } = accepted(await post('T-auth', push({ appid: 'wx3c5e7a9b1d2f4680', status: 0, auth_code: 'queryauthcode@@@y', msg: 'OK', info })));
      expect(typed.info).toEqual({ wxuser: 'zhangsan_88', idname: '张三', componentPhone: '13900000000' });
    });
  });
});
