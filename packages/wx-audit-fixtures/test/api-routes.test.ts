import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { API_PATHS, createFakeWeChatApi, UNKNOWN_WX_NAME_ERRCODE, type FakeWeChatApi, type FakeWeChatApiOptions } from '../src/fake-wechat/api-routes.js';

// The API side mounted on a bare node:http server, exactly as the fake server mounts it.
const servers: Server[] = [];
const apis: FakeWeChatApi[] = [];

async function mount(options?: FakeWeChatApiOptions) {
  const api = createFakeWeChatApi(options);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void api.handle(req, res, Buffer.concat(chunks)).then((handled) => {
        if (!handled) res.writeHead(404).end('not an API path');
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  apis.push(api);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (path: string, init: { method?: string; query?: Record<string, string>; body?: unknown } = {}) => {
    const search = new URLSearchParams(init.query).toString();
    const response = await fetch(`${base}${path}${search ? `?${search}` : ''}`, {
      method: init.method ?? 'POST',
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    return { status: response.status, json: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
  };
  /** `null`: no access_token at all. */
  const check = (wxName: unknown, token: string | null = api.accessToken) =>
    call(API_PATHS.checkAuditStatus, { query: token === null ? {} : { access_token: token }, body: { wx_name: wxName } });
  return { api, base, call, check };
}

afterEach(async () => {
  for (const api of apis.splice(0)) api.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('check_audit_status', () => {
  it('answers the status set for a shop in WeChat snake_case, absent fields left out', async () => {
    const { api, check } = await mount();
    api.setAuditStatus('shop', {
      registerStatus: 0,
      merchantInfoStatus: 5,
      acctVerifyStatus: 3,
      basicInfoStatus: 4,
      paySignStatus: 2,
      auditRejectReasons: '基础信息驳回原因',
      payAuditDetail: { paramName: '参数名', rejectReason: '支付资质驳回原因' },
      signUrl: 'https://pay.weixin.qq.com/sign',
    });
    const reply = await check('shop');
    expect(reply).toEqual({
      status: 200,
      json: {
        errcode: 0,
        errmsg: 'ok',
        data: {
          register_status: 0,
          merchant_info_status: 5,
          acct_verify_status: 3,
          basic_info_status: 4,
          pay_sign_status: 2,
          audit_reject_reasons: '基础信息驳回原因',
          pay_audit_detail: { param_name: '参数名', reject_reason: '支付资质驳回原因' },
          sign_url: 'https://pay.weixin.qq.com/sign',
        },
      },
    });
  });

  it('plays a scripted sequence one call at a time, then repeats the last status', async () => {
    const { api, check } = await mount();
    api.setAuditStatus('shop', [{ registerStatus: 2 }, { registerStatus: 1 }, { registerStatus: 0, merchantInfoStatus: 5 }]);
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(((await check('shop')).json?.data as { register_status: number }).register_status);
    expect(seen).toEqual([2, 1, 0, 0, 0]);
  });

  it('setting a status again restarts the script; an unknown or deleted shop gets a WeChat-style error', async () => {
    const { api, check } = await mount();
    expect((await check('nobody')).json).toEqual({ errcode: UNKNOWN_WX_NAME_ERRCODE, errmsg: 'wx_name not found or not registered' });
    api.setAuditStatus('shop', [{ registerStatus: 2 }, { registerStatus: 1 }]);
    await check('shop');
    api.setAuditStatus('shop', [{ registerStatus: 2 }, { registerStatus: 1 }]);
    expect((await check('shop')).json?.data).toEqual({ register_status: 2, merchant_info_status: 0, acct_verify_status: 0, basic_info_status: 0, pay_sign_status: 0 });
    api.deleteAuditStatus('shop');
    expect((await check('shop')).json?.errcode).toBe(UNKNOWN_WX_NAME_ERRCODE);
  });

  it('refuses statuses the middleware schema would refuse', async () => {
    const { api } = await mount();
    // Named as the caller wrote them (camelCase), though checked in WeChat's names.
    expect(() => api.setAuditStatus('shop', { registerStatus: 1.5 })).toThrow(/\(registerStatus: .*\)\.$/);
    expect(() => api.setAuditStatus('shop', [])).toThrow(TypeError);
  });

  it('applies the token rules: 41001 missing, -2 too long, 40001 unknown, 42001 expired', async () => {
    const { api, check } = await mount({ maxTokenLength: 100, accessToken: 'short-token' });
    api.setAuditStatus('shop', { registerStatus: 0 });
    expect((await check('shop', null)).json).toEqual({ errcode: 41001, errmsg: 'access_token missing' });
    expect((await check('shop', 'x'.repeat(101))).json?.errcode).toBe(-2);
    expect((await check('shop', 'not-a-token')).json?.errcode).toBe(40001);
    const token = api.accessToken;
    api.expireToken();
    expect((await check('shop', token)).json).toEqual({ errcode: 42001, errmsg: 'access_token expired' });
    api.revokeToken(token);
    expect((await check('shop', token)).json?.errcode).toBe(40001);
  });

  it('refuses bad requests the way WeChat does', async () => {
    const { api, call } = await mount();
    const query = { access_token: api.accessToken };
    expect((await call(API_PATHS.checkAuditStatus, { method: 'GET', query })).json?.errcode).toBe(43002);
    expect((await call(API_PATHS.checkAuditStatus, { query })).json?.errcode).toBe(44002);
    expect((await call(API_PATHS.checkAuditStatus, { query, body: '{not json' })).json?.errcode).toBe(47001);
    expect((await call(API_PATHS.checkAuditStatus, { query, body: { wx_name: 7 } })).json?.errcode).toBe(47001);
  });

  it('leaves other paths to the server', async () => {
    const { call } = await mount();
    expect((await call('/wechat/audit')).status).toBe(404);
  });
});

describe('token endpoints', () => {
  it('GET /cgi-bin/token issues a token valid on the API; the previous one stays valid 5 minutes', async () => {
    let now = 1_700_000_000_000;
    const { api, call, check } = await mount({ now: () => now });
    api.setAuditStatus('shop', { registerStatus: 0 });
    const issue = async () => (await call(API_PATHS.token, { method: 'GET', query: { grant_type: 'client_credential', appid: 'wx1', secret: 's' } })).json!;
    const first = await issue();
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    expect((await check('shop', first.access_token as string)).json?.errcode).toBe(0);

    const second = await issue();
    expect(second.access_token).not.toBe(first.access_token);
    now += 299_000;
    expect((await check('shop', first.access_token as string)).json?.errcode).toBe(0);
    now += 1_000;
    expect((await check('shop', first.access_token as string)).json?.errcode).toBe(42001);
    expect((await check('shop', second.access_token as string)).json?.errcode).toBe(0);
    now += 7200_000;
    expect((await check('shop', second.access_token as string)).json?.errcode).toBe(42001);
  });

  it('GET /cgi-bin/token refuses a bad grant_type, missing credentials, and (when apps are given) unknown ones', async () => {
    const { call } = await mount({ apps: { wx1: 'right' } });
    const token = async (query: Record<string, string>, method = 'GET') => (await call(API_PATHS.token, { method, query })).json?.errcode;
    expect(await token({ grant_type: 'password', appid: 'wx1', secret: 'right' })).toBe(40002);
    expect(await token({ grant_type: 'client_credential', secret: 'right' })).toBe(41002);
    expect(await token({ grant_type: 'client_credential', appid: 'wx1' })).toBe(41004);
    expect(await token({ grant_type: 'client_credential', appid: 'wx2', secret: 'right' })).toBe(40013);
    expect(await token({ grant_type: 'client_credential', appid: 'wx1', secret: 'wrong' })).toBe(40125);
    expect(await token({ grant_type: 'client_credential', appid: 'wx1', secret: 'right' }, 'POST')).toBe(43001);
    expect(await token({ grant_type: 'client_credential', appid: 'wx1', secret: 'right' })).toBeUndefined();
  });

  it('component and authorizer tokens chain like the third-party platform flow', async () => {
    const { api, call, check } = await mount();
    api.setAuditStatus('shop', { registerStatus: 0 });
    const component = (await call(API_PATHS.componentToken, { body: { component_appid: 'wxc', component_appsecret: 's', component_verify_ticket: 'ticket@@@' } })).json!;
    expect(component).toEqual({ component_access_token: expect.any(String), expires_in: 7200 });
    expect((await check('shop', component.component_access_token as string)).json?.errcode).toBe(0);

    const body = { component_appid: 'wxc', authorizer_appid: 'wxa', authorizer_refresh_token: 'refresh@@@' };
    const authorizer = (await call(API_PATHS.authorizerToken, { query: { component_access_token: component.component_access_token as string }, body })).json!;
    expect(authorizer).toEqual({ authorizer_access_token: expect.any(String), expires_in: 7200, authorizer_refresh_token: 'refresh@@@' });
    expect((await check('shop', authorizer.authorizer_access_token as string)).json?.errcode).toBe(0);

    expect((await call(API_PATHS.authorizerToken, { body })).json?.errcode).toBe(41001);
    expect((await call(API_PATHS.authorizerToken, { query: { component_access_token: 'nope' }, body })).json?.errcode).toBe(40001);
    expect((await call(API_PATHS.componentToken, { body: { component_appid: 'wxc', component_appsecret: 's' } })).json?.errcode).toBe(61006);
    expect((await call(API_PATHS.componentToken, { body: { component_appsecret: 's', component_verify_ticket: 't' } })).json?.errcode).toBe(41002);
  });

  it('rotateAccessToken() moves accessToken on and keeps the old one for the grace period', async () => {
    let now = 0;
    const { api, check } = await mount({ now: () => now, accessToken: 'initial-token' });
    api.setAuditStatus('shop', { registerStatus: 0 });
    expect(api.accessToken).toBe('initial-token');
    const next = api.rotateAccessToken();
    expect(api.accessToken).toBe(next);
    expect((await check('shop', 'initial-token')).json?.errcode).toBe(0);
    now = 300_000;
    expect((await check('shop', 'initial-token')).json?.errcode).toBe(42001);
    expect((await check('shop', next)).json?.errcode).toBe(0);
  });
});

describe('fault injection and the call log', () => {
  it('answers injected errcodes for the given number of calls, in order, before any token check', async () => {
    const { api, check } = await mount();
    api.setAuditStatus('shop', { registerStatus: 0 });
    api.injectFault({ errcode: 45011, times: 2 });
    api.injectFault({ path: API_PATHS.checkAuditStatus, errcode: 48001 });
    api.injectFault({ path: API_PATHS.token, errcode: -1 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await check('shop', 'not-a-token')).json?.errcode);
    expect(codes).toEqual([45011, 45011, 48001, 40001]);
    expect(api.calls.map((c) => c.errcode)).toEqual(codes);
    expect(api.calls[0]).toMatchObject({ method: 'POST', path: API_PATHS.checkAuditStatus, body: { wx_name: 'shop' }, query: { access_token: 'not-a-token' } });
  });

  it('hangs, resets and answers raw HTTP statuses on demand', async () => {
    const { api, base, check } = await mount();
    api.setAuditStatus('shop', { registerStatus: 0 });
    api.injectFault({ httpStatus: 502, body: '<html>bad gateway</html>' });
    expect((await check('shop')).status).toBe(502);

    api.injectFault({ reset: true });
    await expect(check('shop')).rejects.toThrow(TypeError);

    api.injectFault({ hang: true });
    const controller = new AbortController();
    const hung = fetch(`${base}${API_PATHS.checkAuditStatus}?access_token=${api.accessToken}`, { method: 'POST', body: '{"wx_name":"shop"}', signal: controller.signal });
    while (api.hanging === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    await expect(hung).rejects.toThrow();
    while (api.hanging > 0) await new Promise((r) => setImmediate(r));
    expect((await check('shop')).json?.errcode).toBe(0);
  });

  it('close() ends calls still held by a hang fault', async () => {
    const { api, check } = await mount();
    api.injectFault({ hang: true, times: Infinity });
    const hung = check('shop');
    while (api.hanging === 0) await new Promise((r) => setImmediate(r));
    api.close();
    await expect(hung).rejects.toThrow(TypeError);
    expect(api.hanging).toBe(0);
    api.clearFaults();
  });
});
