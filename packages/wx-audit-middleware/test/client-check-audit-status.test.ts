import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWxApiClient, WxApiError, WxAuditError, type WxApiClientOptions } from '../src/index.js';
import { startFakeWeChat, type FakeWeChat } from '../../wx-audit-fixtures/src/index.js';
import { UNKNOWN_WX_NAME_ERRCODE } from '../../wx-audit-fixtures/src/fake-wechat/api-routes.js';

const PATH = '/product/register/check_audit_status';
let wx: FakeWeChat;

beforeEach(async () => {
  wx = await startFakeWeChat();
});
afterEach(async () => {
  await wx.close();
});

const client = (options: Partial<WxApiClientOptions> = {}) =>
  createWxApiClient({ accessToken: wx.accessToken, baseUrl: wx.url, retryDelayMs: 1, timeoutMs: 5000, ...options });

async function failure(promise: Promise<unknown>): Promise<WxApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WxApiError);
  return error as WxApiError;
}

describe('checkAuditStatus', () => {
  it('posts { wx_name } with the token in the query and returns the camelCased data plus raw', async () => {
    wx.setAuditStatus('shop', {
      registerStatus: 0,
      merchantInfoStatus: 5,
      acctVerifyStatus: 3,
      basicInfoStatus: 4,
      paySignStatus: 2,
      auditRejectReasons: '基础信息驳回原因',
      legalValidationUrl: 'https://example.com/legal',
      payAuditDetail: { paramName: '参数名', rejectReason: '支付资质驳回原因' },
      registeredAppid: 'wxe11234123123',
      signUrl: 'https://example.com/sign',
    });
    const status = await client().checkAuditStatus({ wxName: 'shop' });
    expect(status).toStrictEqual({
      registerStatus: 0,
      merchantInfoStatus: 5,
      acctVerifyStatus: 3,
      basicInfoStatus: 4,
      paySignStatus: 2,
      auditRejectReasons: '基础信息驳回原因',
      legalValidationUrl: 'https://example.com/legal',
      payAuditDetail: { paramName: '参数名', rejectReason: '支付资质驳回原因' },
      registeredAppid: 'wxe11234123123',
      signUrl: 'https://example.com/sign',
      raw: {
        register_status: 0,
        merchant_info_status: 5,
        acct_verify_status: 3,
        basic_info_status: 4,
        pay_sign_status: 2,
        audit_reject_reasons: '基础信息驳回原因',
        legal_validation_url: 'https://example.com/legal',
        pay_audit_detail: { param_name: '参数名', reject_reason: '支付资质驳回原因' },
        registered_appid: 'wxe11234123123',
        sign_url: 'https://example.com/sign',
      },
    });
    expect(wx.api.calls).toMatchObject([{ method: 'POST', path: PATH, query: { access_token: wx.accessToken }, body: { wx_name: 'shop' } }]);
  });

  it('leaves absent optional fields absent, and keeps a proxy path prefix of baseUrl', async () => {
    wx.setAuditStatus('shop', { registerStatus: 1 });
    const status = await client().checkAuditStatus({ wxName: 'shop' });
    expect(status).toStrictEqual({ registerStatus: 1, merchantInfoStatus: 0, acctVerifyStatus: 0, basicInfoStatus: 0, paySignStatus: 0, raw: status.raw });
    const prefixed = createWxApiClient({ accessToken: wx.accessToken, baseUrl: `${wx.url}/proxy/`, retries: 0 });
    await expect(prefixed.checkAuditStatus({ wxName: 'shop' })).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 404 });
  });

  it('post() calls any JSON API with the same handling and resolves with the whole reply', async () => {
    wx.setAuditStatus('shop', { registerStatus: 2 });
    expect(await client().post(PATH, { wx_name: 'shop' })).toMatchObject({ errcode: 0, errmsg: 'ok', data: { register_status: 2 } });
    await expect(client().post(PATH, { wx_name: 'nobody' })).rejects.toMatchObject({ code: 'WX_API_ERROR', errcode: UNKNOWN_WX_NAME_ERRCODE });
  });

  it('refuses a bad wxName before sending anything', async () => {
    await expect(client().checkAuditStatus({ wxName: '' })).rejects.toThrow(TypeError);
    expect(wx.api.calls).toHaveLength(0);
  });
});

describe('WeChat error replies (PROTOCOL.md) become WxApiError', () => {
  it.each([
    [-2, 'token too long'],
    [40001, 'invalid credential, access_token is invalid or not latest'],
    [41001, 'access_token missing'],
    [42001, 'access_token expired'],
    [45009, 'reach max api daily quota limit'],
    [45011, 'api minute-quota reach limit  mustslower  retry next minute'],
    [48001, 'api unauthorized'],
  ])('errcode %i surfaces at once with its errmsg', async (errcode, errmsg) => {
    wx.setAuditStatus('shop', { registerStatus: 0 });
    wx.api.injectFault({ errcode });
    const error = await failure(client().checkAuditStatus({ wxName: 'shop' }));
    expect(error).toMatchObject({ name: 'WxApiError', code: 'WX_API_ERROR', errcode, errmsg, status: 200 });
    expect(error.message).toContain(String(errcode));
    expect(wx.api.calls).toHaveLength(1);
  });

  it('the fake produces the token errors for real: too long (-2), unknown (40001), expired (42001)', async () => {
    wx.setAuditStatus('shop', { registerStatus: 0 });
    expect((await failure(client({ accessToken: 'x'.repeat(600) }).checkAuditStatus({ wxName: 'shop' }))).errcode).toBe(-2);
    expect((await failure(client({ accessToken: 'forged' }).checkAuditStatus({ wxName: 'shop' }))).errcode).toBe(40001);
    const token = wx.accessToken;
    wx.api.expireToken();
    expect((await failure(client({ accessToken: token }).checkAuditStatus({ wxName: 'shop' }))).errcode).toBe(42001);
  });

  it('an unknown wx_name gets the fake WeChat-style error', async () => {
    const error = await failure(client().checkAuditStatus({ wxName: 'nobody' }));
    expect(error).toMatchObject({ code: 'WX_API_ERROR', errcode: UNKNOWN_WX_NAME_ERRCODE });
  });

  it('-1 is retried with backoff and the call succeeds when WeChat recovers', async () => {
    wx.setAuditStatus('shop', { registerStatus: 2 });
    wx.api.injectFault({ errcode: -1, times: 2 });
    expect((await client({ retries: 2 }).checkAuditStatus({ wxName: 'shop' })).registerStatus).toBe(2);
    expect(wx.api.calls.map((c) => c.errcode)).toEqual([-1, -1, 0]);
  });

  it('-1 surfaces once the retries are used up', async () => {
    wx.setAuditStatus('shop', { registerStatus: 2 });
    wx.api.injectFault({ errcode: -1, times: Infinity });
    const error = await failure(client({ retries: 3 }).checkAuditStatus({ wxName: 'shop' }));
    expect(error).toMatchObject({ code: 'WX_API_ERROR', errcode: -1, errmsg: 'system error' });
    expect(wx.api.calls).toHaveLength(4);
  });

  it('HTTP 5xx is retried, other HTTP statuses are not; a reply that is not the documented JSON is INVALID_REPLY', async () => {
    wx.setAuditStatus('shop', { registerStatus: 0 });
    wx.api.injectFault({ httpStatus: 502, body: '<html>bad gateway</html>', times: 2 });
    expect(await failure(client({ retries: 1 }).checkAuditStatus({ wxName: 'shop' }))).toMatchObject({ code: 'HTTP_ERROR', status: 502 });
    expect(wx.api.calls).toHaveLength(2);

    wx.api.injectFault({ httpStatus: 403, body: 'forbidden' });
    expect(await failure(client().checkAuditStatus({ wxName: 'shop' }))).toMatchObject({ code: 'HTTP_ERROR', status: 403 });
    expect(wx.api.calls).toHaveLength(3);

    wx.api.injectFault({ httpStatus: 200, body: 'not json' });
    expect(await failure(client().checkAuditStatus({ wxName: 'shop' }))).toMatchObject({ code: 'INVALID_REPLY' });
    wx.api.injectFault({ httpStatus: 200, body: '{"errcode":0,"errmsg":"ok","data":{"register_status":"zero"}}' });
    const invalid = await failure(client().checkAuditStatus({ wxName: 'shop' }));
    expect(invalid).toMatchObject({ code: 'INVALID_REPLY' });
    expect(invalid.errmsg).toContain('register_status');
  });
});

describe('timeouts and network errors', () => {
  it('a route that never answers fails with TIMEOUT after timeoutMs, is not retried, and its socket is closed', async () => {
    wx.api.injectFault({ hang: true, times: Infinity });
    const error = await failure(client({ timeoutMs: 50, retries: 3 }).checkAuditStatus({ wxName: 'shop' }));
    expect(error).toMatchObject({ code: 'TIMEOUT', errcode: -1 });
    expect(error.message).toContain('50 ms');
    expect(wx.api.calls).toHaveLength(1);
    while (wx.api.hanging > 0) await new Promise((r) => setTimeout(r, 5));
  });

  it('a closed port is a NETWORK_ERROR after the retries', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const error = await failure(client({ baseUrl: `http://127.0.0.1:${port}`, retries: 1 }).checkAuditStatus({ wxName: 'shop' }));
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', errcode: -1, status: 0 });
    expect(error.errmsg).toMatch(/ECONNREFUSED/);
  });

  it('a dropped connection is retried like any network error', async () => {
    wx.setAuditStatus('shop', { registerStatus: 0 });
    wx.api.injectFault({ reset: true });
    expect((await client({ retries: 1 }).checkAuditStatus({ wxName: 'shop' })).registerStatus).toBe(0);
    expect(wx.api.calls).toHaveLength(2);
  });

  it("the caller's signal aborts the call with its reason, without retrying", async () => {
    wx.api.injectFault({ hang: true });
    const controller = new AbortController();
    const call = client({ retries: 3 }).checkAuditStatus({ wxName: 'shop' }, { signal: controller.signal });
    while (wx.api.hanging === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error('shutting down'));
    await expect(call).rejects.toThrow('shutting down');
    expect(wx.api.calls).toHaveLength(1);
  });
});

describe('the access token never shows in an error', () => {
  it('not in WeChat errors, timeouts, network errors nor a WeChat errmsg that echoes it', async () => {
    const token = 'SECRET-TOKEN-0123456789';
    const errors: WxApiError[] = [];
    errors.push(await failure(client({ accessToken: token }).checkAuditStatus({ wxName: 'shop' })));
    wx.api.injectFault({ errcode: 40001, errmsg: `invalid credential ${token}` });
    errors.push(await failure(client({ accessToken: token }).checkAuditStatus({ wxName: 'shop' })));
    wx.api.injectFault({ hang: true });
    errors.push(await failure(client({ accessToken: token, timeoutMs: 20 }).checkAuditStatus({ wxName: 'shop' })));
    errors.push(await failure(client({ accessToken: token, baseUrl: 'http://127.0.0.1:1', retries: 0 }).checkAuditStatus({ wxName: 'shop' })));
    expect(errors.map((e) => e.code)).toEqual(['WX_API_ERROR', 'WX_API_ERROR', 'TIMEOUT', 'NETWORK_ERROR']);
    expect(errors[1]!.errmsg).toBe('invalid credential ***');
    for (const error of errors) {
      expect(inspect(error, { depth: 10 })).not.toContain(token);
      expect(JSON.stringify(error)).not.toContain(token);
    }
  });

  it('bad options are a CONFIG_INVALID WxAuditError that names the option, not its value', () => {
    const token = 'SECRET-TOKEN-0123456789';
    let error: unknown;
    try {
      createWxApiClient({ accessToken: token, baseUrl: `ftp://${token}` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WxAuditError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toContain('baseUrl');
    expect((error as Error).message).not.toContain(token);
  });
});
