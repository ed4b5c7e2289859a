import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWxApiClient, WxApiError, type AccessTokenRequest } from '../src/index.js';
import { startFakeWeChat, type FakeWeChat } from '../../wx-audit-fixtures/src/index.js';

let wx: FakeWeChat;

beforeEach(async () => {
  wx = await startFakeWeChat();
  wx.setAuditStatus('shop', { registerStatus: 0, merchantInfoStatus: 3 });
});
afterEach(async () => {
  await wx.close();
});

/** What an application writes: a cached token, fetched again from /cgi-bin/token when told to refresh. */
function tokenCache(initial: string) {
  const asked: AccessTokenRequest[] = [];
  let cached = initial;
  const provider = async (request: AccessTokenRequest) => {
    asked.push(request);
    if (request.forceRefresh) {
      const reply = await fetch(`${wx.url}/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s`);
      cached = ((await reply.json()) as { access_token: string }).access_token;
    }
    return cached;
  };
  return { provider, asked, current: () => cached };
}

const tokensUsed = () => wx.api.calls.map((c) => c.query.access_token);

describe('access token refresh', () => {
  it.each([
    ['42001 (expired)', (w: FakeWeChat) => w.api.expireToken()],
    ['40001 (invalid)', (w: FakeWeChat) => w.api.revokeToken()],
  ])('%s: the function is asked once more with forceRefresh and the call retried once', async (_, spoil) => {
    const stale = wx.accessToken;
    spoil(wx);
    const cache = tokenCache(stale);
    const status = await createWxApiClient({ accessToken: cache.provider, baseUrl: wx.url }).checkAuditStatus({ wxName: 'shop' });
    expect(status.merchantInfoStatus).toBe(3);
    expect(cache.asked).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(tokensUsed()).toEqual([stale, undefined, cache.current()]);
    expect(cache.current()).not.toBe(stale);
  });

  it('a second refusal after the refresh surfaces as WxApiError; the function is not asked a third time', async () => {
    wx.api.expireToken();
    const asked: AccessTokenRequest[] = [];
    const api = createWxApiClient({ baseUrl: wx.url, accessToken: (request) => (asked.push(request), wx.accessToken) });
    const error = await api.checkAuditStatus({ wxName: 'shop' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxApiError);
    expect(error).toMatchObject({ errcode: 42001 });
    expect(asked).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(wx.api.calls).toHaveLength(2);
  });

  it('a refreshed token that is refused differently (40001 after 42001) also surfaces, after one refresh', async () => {
    wx.api.injectFault({ errcode: 42001 });
    wx.api.injectFault({ errcode: 40001 });
    let n = 0;
    const api = createWxApiClient({ baseUrl: wx.url, accessToken: () => `token-${n++}` });
    await expect(api.checkAuditStatus({ wxName: 'shop' })).rejects.toMatchObject({ errcode: 40001 });
    expect(n).toBe(2);
  });

  it('every call starts from the cache again (forceRefresh false), so the refresh stays a one-off', async () => {
    wx.api.expireToken();
    const cache = tokenCache(wx.accessToken);
    const api = createWxApiClient({ accessToken: cache.provider, baseUrl: wx.url });
    await api.checkAuditStatus({ wxName: 'shop' });
    await api.checkAuditStatus({ wxName: 'shop' });
    expect(cache.asked).toEqual([{ forceRefresh: false }, { forceRefresh: true }, { forceRefresh: false }]);
  });

  it('a string token cannot be refreshed: 42001 surfaces at once', async () => {
    const token = wx.accessToken;
    wx.api.expireToken();
    await expect(createWxApiClient({ accessToken: token, baseUrl: wx.url }).checkAuditStatus({ wxName: 'shop' })).rejects.toMatchObject({ errcode: 42001 });
    expect(wx.api.calls).toHaveLength(1);
  });

  it('token refresh and -1 retries combine: a refusal, a system error, then success', async () => {
    const path = '/product/register/check_audit_status';
    wx.api.injectFault({ path, errcode: 42001 });
    wx.api.injectFault({ path, errcode: -1 });
    const cache = tokenCache(wx.accessToken);
    const status = await createWxApiClient({ accessToken: cache.provider, baseUrl: wx.url, retryDelayMs: 1 }).checkAuditStatus({ wxName: 'shop' });
    expect(status.registerStatus).toBe(0);
    expect(wx.api.calls.filter((c) => c.path === path).map((c) => c.errcode)).toEqual([42001, -1, 0]);
  });

  it('what the token function throws is what the call rejects with; a non-string token is a TypeError', async () => {
    const boom = new Error('token service down');
    await expect(createWxApiClient({ baseUrl: wx.url, accessToken: () => Promise.reject(boom) }).checkAuditStatus({ wxName: 'shop' })).rejects.toBe(boom);
    const empty = createWxApiClient({ baseUrl: wx.url, accessToken: () => '' });
    await expect(empty.checkAuditStatus({ wxName: 'shop' })).rejects.toThrow(TypeError);
    expect(wx.api.calls).toHaveLength(0);
  });

  it('a sync function works as well as an async one; the old token stays valid for 5 minutes after a refresh', async () => {
    const old = wx.accessToken;
    const fresh = wx.api.rotateAccessToken();
    const api = createWxApiClient({ baseUrl: wx.url, accessToken: () => old });
    expect((await api.checkAuditStatus({ wxName: 'shop' })).registerStatus).toBe(0);
    expect(tokensUsed()).toEqual([old]);
    expect(fresh).not.toBe(old);
  });
});
