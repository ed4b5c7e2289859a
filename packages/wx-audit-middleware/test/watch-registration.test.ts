import { createHook } from 'node:async_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createWxApiClient,
  createWxAudit,
  isRegistrationApproved,
  isRegistrationFinal,
  WxApiError,
  WxAuditError,
  type AuditStatusEvent,
  type WatchErrorEvent,
  type WxAudit,
  type WxApiClient,
} from '../src/index.js';
import { createFixtures, startFakeWeChat, type FakeWeChat } from '../../wx-audit-fixtures/src/index.js';

let wx: FakeWeChat;
let audit: WxAudit;
let api: WxApiClient;
const PATH = '/product/register/check_audit_status';

beforeEach(async () => {
  wx = await startFakeWeChat();
  audit = createWxAudit({ token: 'push-token' });
  api = createWxApiClient({ accessToken: wx.accessToken, baseUrl: wx.url, retries: 0 });
});
afterEach(async () => {
  await audit.close();
  await wx.close();
});

/** Waits (no deadline of its own: the test timeout bounds it) until `predicate` holds. */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 2));
}

function record(a: WxAudit) {
  const statuses: AuditStatusEvent[] = [];
  const errors: WatchErrorEvent[] = [];
  a.on('auditStatus', (e) => void statuses.push(e));
  a.on('watchError', (e) => void errors.push(e));
  return { statuses, errors };
}

const items = (m: number, a: number, b: number, p: number) => ({ registerStatus: 0, merchantInfoStatus: m, acctVerifyStatus: a, basicInfoStatus: b, paySignStatus: p });
const calls = (wxName: string) => wx.api.calls.filter((c) => c.path === PATH && (c.body as { wx_name?: string }).wx_name === wxName).length;

describe('watchRegistration', () => {
  it('emits every status transition once, from agreement to approval, then stops by itself', async () => {
    const script = [
      { registerStatus: 2 },
      { registerStatus: 2 },
      { registerStatus: 1 },
      items(1, 1, 2, 1),
      items(3, 2, 3, 1),
      items(3, 2, 3, 1),
      { ...items(5, 3, 4, 1), auditRejectReasons: '营业执照模糊' },
      { ...items(5, 3, 4, 1), auditRejectReasons: '营业执照模糊' },
      items(5, 3, 3, 1),
      { ...items(5, 5, 5, 2), signUrl: 'https://pay.example/sign?t=1' },
      { ...items(5, 5, 5, 2), signUrl: 'https://pay.example/sign?t=2' },
      { ...items(5, 5, 5, 4), payAuditDetail: { paramName: 'bank_account', rejectReason: '账户不符' } },
      items(5, 5, 5, 3),
      items(5, 5, 5, 5),
    ];
    wx.setAuditStatus('shop', script);
    const { statuses, errors } = record(audit);
    const watch = audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2 });
    const result = await watch.done;

    const distinct = [0, 2, 3, 4, 6, 8, 9, 11, 12, 13].map((i) => script[i]!);
    expect(statuses.map(({ raw: _raw, id: _id, ...typed }) => typed)).toEqual(
      distinct.map((s) => ({ type: 'auditStatus', wxName: 'shop', merchantInfoStatus: 0, acctVerifyStatus: 0, basicInfoStatus: 0, paySignStatus: 0, ...s })),
    );
    // The id: wxName, the change's number, then the fields that define a change (links left out).
    expect(statuses.map((s) => s.id)).toEqual([
      'st:shop|1|2|0|0|0|0||||',
      'st:shop|2|1|0|0|0|0||||',
      'st:shop|3|0|1|1|2|1||||',
      'st:shop|4|0|3|2|3|1||||',
      'st:shop|5|0|5|3|4|1|营业执照模糊|||',
      'st:shop|6|0|5|3|3|1||||',
      'st:shop|7|0|5|5|5|2||||',
      'st:shop|8|0|5|5|5|4||bank_account|账户不符|',
      'st:shop|9|0|5|5|5|3||||',
      'st:shop|10|0|5|5|5|5||||',
    ]);
    expect(statuses[0]!.raw).toEqual({ register_status: 2, merchant_info_status: 0, acct_verify_status: 0, basic_info_status: 0, pay_sign_status: 0 });
    expect(errors).toEqual([]);
    expect(result).toMatchObject({ reason: 'final', status: items(5, 5, 5, 5) });
    expect(watch.active).toBe(false);
    expect(calls('shop')).toBe(script.length);
  });

  // Issue #17, item 6: a user's first registration-watch test, written from the fixtures guide. Two
  // identical statuses from one fixture set must not count as a change (the shop's appid, links and
  // reasons were drawn anew on every call, so the watch saw [3, 3, 5] as three statuses).
  it('statuses built by one fixture set differ only where asked: [3, 3, 5] is two events', async () => {
    const fx = createFixtures({ seed: 17 });
    wx.setAuditStatus('shop', [fx.edge.auditStatusAll(3), fx.edge.auditStatusAll(3), fx.edge.auditStatusAll(5)]);
    const { statuses, errors } = record(audit);
    const result = await audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2 }).done;
    expect(errors).toEqual([]);
    expect(statuses.map((s) => s.merchantInfoStatus)).toEqual([3, 5]);
    expect(statuses[1]!.registeredAppid).toBe(statuses[0]!.registeredAppid);
    expect(result).toMatchObject({ reason: 'final', status: items(5, 5, 5, 5) });
    expect(calls('shop')).toBe(3);
  });

  it('a frozen item is final too; a rejection is not', async () => {
    expect(isRegistrationFinal(items(5, 5, 6, 5))).toBe(true);
    expect(isRegistrationApproved(items(5, 5, 6, 5))).toBe(false);
    expect(isRegistrationFinal(items(5, 4, 5, 5))).toBe(false);
    expect(isRegistrationFinal({ ...items(5, 5, 5, 5), registerStatus: 1 })).toBe(false);

    wx.setAuditStatus('shop', [items(3, 3, 3, 3), items(5, 4, 5, 3), items(5, 6, 5, 3)]);
    const { statuses } = record(audit);
    const result = await audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2 }).done;
    expect(result).toMatchObject({ reason: 'final', status: items(5, 6, 5, 3) });
    expect(statuses.map((s) => s.acctVerifyStatus)).toEqual([3, 4, 6]);
  });

  it('`until` replaces the final-state rule, e.g. to stop at the first rejection', async () => {
    wx.setAuditStatus('shop', [items(3, 3, 3, 3), items(4, 3, 3, 3), items(5, 5, 5, 5)]);
    const watch = audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2, until: (s) => s.merchantInfoStatus === 4 || isRegistrationFinal(s) });
    expect(await watch.done).toMatchObject({ reason: 'final', status: { merchantInfoStatus: 4 } });
    expect(calls('shop')).toBe(2);
  });

  it('reports failed polls as watchError, backs off (doubling, capped) and carries on', async () => {
    wx.setAuditStatus('shop', [items(3, 3, 3, 3), items(5, 5, 5, 5)]);
    wx.api.injectFault({ path: PATH, errcode: 45011, times: 4 });
    const { statuses, errors } = record(audit);
    const result = await audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2, maxBackoffMs: 10 }).done;
    expect(errors.map((e) => [e.consecutiveFailures, e.nextPollInMs])).toEqual([
      [1, 4],
      [2, 8],
      [3, 10],
      [4, 10],
    ]);
    expect(errors.every((e) => e.type === 'watchError' && e.wxName === 'shop' && e.event === undefined)).toBe(true);
    expect(errors[0]!.error).toBeInstanceOf(WxApiError);
    expect(errors[0]!.error).toMatchObject({ errcode: 45011 });
    expect(statuses.map((s) => s.merchantInfoStatus)).toEqual([3, 5]);
    expect(result.reason).toBe('final');
  });

  it('the failure count starts again after a successful poll', async () => {
    wx.setAuditStatus('shop', [items(3, 3, 3, 3), items(5, 5, 5, 5)]);
    // Anything with checkAuditStatus can be watched: here polls 1 and 3 go out with a forged token.
    const forged = createWxApiClient({ accessToken: 'forged', baseUrl: wx.url });
    let n = 0;
    const flaky: Pick<WxApiClient, 'checkAuditStatus'> = { checkAuditStatus: (params, options) => (++n % 2 === 1 ? forged : api).checkAuditStatus(params, options) };
    const { statuses, errors } = record(audit);
    const result = await audit.watchRegistration({ api: flaky, wxName: 'shop', intervalMs: 2 }).done;
    expect(result.reason).toBe('final');
    expect(errors.map((e) => [e.consecutiveFailures, (e.error as WxApiError).errcode])).toEqual([
      [1, 40001],
      [1, 40001],
    ]);
    expect(statuses.map((s) => s.merchantInfoStatus)).toEqual([3, 5]);
  });

  it('a failing auditStatus listener is a watchError with its event, and neither crashes nor stops the watch', async () => {
    wx.setAuditStatus('shop', [items(3, 3, 3, 3), items(5, 5, 5, 5)]);
    const { statuses, errors } = record(audit);
    audit.on('auditStatus', () => {
      throw new Error('sync listener bug');
    });
    audit.on('auditStatus', async () => {
      throw new Error('async listener bug');
    });
    audit.on('watchError', () => {
      throw new Error('even the error listener fails');
    });
    const result = await audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2 }).done;
    await until(() => errors.length === 4);
    expect(result.reason).toBe('final');
    expect(statuses).toHaveLength(2);
    expect(errors.map((e) => [(e.error as Error).message, e.event?.merchantInfoStatus, e.consecutiveFailures])).toEqual([
      ['sync listener bug', 3, 0],
      ['async listener bug', 3, 0],
      ['sync listener bug', 5, 0],
      ['async listener bug', 5, 0],
    ]);
  });

  it('refuses bad options with CONFIG_INVALID', () => {
    expect(() => audit.watchRegistration({ api, wxName: '' })).toThrow(WxAuditError);
    expect(() => audit.watchRegistration({ api, wxName: 'shop', intervalMs: 0 })).toThrow(/intervalMs/);
  });
});

describe('stop()', () => {
  /**
   * Timers created by the client and watch code (src/client) that are still alive: armed and neither
   * fired nor cleared. Node's own process-wide count would also see undici's and the HTTP server's.
   */
  function clientTimers() {
    const live = new Set<number>();
    const hook = createHook({
      init(id, type) {
        if (type !== 'Timeout') return;
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 30;
        const stack = new Error().stack ?? '';
        Error.stackTraceLimit = limit;
        if (/[\\/]src[\\/]client[\\/]/.test(stack)) live.add(id);
      },
      destroy(id) {
        live.delete(id);
      },
    }).enable();
    return {
      /** Node reports destroyed timers on its next immediate turn, so let two turns pass first. */
      async count() {
        for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
        return live.size;
      },
      disable: () => void hook.disable(),
    };
  }

  it('between polls: clears the timer, resolves done as stopped, and polls no more', async () => {
    wx.setAuditStatus('shop', items(3, 3, 3, 3));
    wx.setAuditStatus('other', items(3, 3, 3, 3));
    const timers = clientTimers();
    const { statuses } = record(audit);
    const watch = audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2 });
    await until(() => statuses.length === 1 && calls('shop') >= 2);
    expect(await timers.count()).toBeGreaterThan(0); // the watch's timer, or the request's timeout
    watch.stop();
    watch.stop();
    expect(await timers.count()).toBe(0);
    const result = await watch.done;
    expect(result).toMatchObject({ reason: 'stopped', status: items(3, 3, 3, 3) });
    const polled = calls('shop');
    // Another watch polls several times: had the stopped one a timer left, it would have polled too.
    const other = audit.watchRegistration({ api, wxName: 'other', intervalMs: 2 });
    await until(() => calls('other') >= 5);
    other.stop();
    await other.done;
    expect(calls('shop')).toBe(polled);
    expect(await timers.count()).toBe(0);
    timers.disable();
  });

  it('during a poll: aborts the request (the fake sees the socket close) and leaves no timer', async () => {
    wx.api.injectFault({ path: PATH, hang: true, times: Infinity });
    const timers = clientTimers();
    const errors: WatchErrorEvent[] = [];
    audit.on('watchError', (e) => void errors.push(e));
    const watch = audit.watchRegistration({ api: createWxApiClient({ accessToken: wx.accessToken, baseUrl: wx.url, timeoutMs: 60_000 }), wxName: 'shop', intervalMs: 2 });
    await until(() => wx.api.hanging === 1);
    expect(await timers.count()).toBe(1); // the request's own timeout
    watch.stop();
    expect(await timers.count()).toBe(0);
    expect(await watch.done).toEqual({ reason: 'stopped', status: undefined });
    await until(() => wx.api.hanging === 0);
    expect(errors).toEqual([]);
    timers.disable();
  });

  it('audit.close() stops every watch', async () => {
    wx.setAuditStatus('a', items(3, 3, 3, 3));
    wx.setAuditStatus('b', items(3, 3, 3, 3));
    const watches = [audit.watchRegistration({ api, wxName: 'a', intervalMs: 2 }), audit.watchRegistration({ api, wxName: 'b', intervalMs: 2 })];
    await audit.close();
    expect(await Promise.all(watches.map((w) => w.done.then((r) => r.reason)))).toEqual(['stopped', 'stopped']);
  });
});

describe('concurrent watches share nothing', () => {
  it('each follows its own shop, its own last status and its own failures', async () => {
    wx.setAuditStatus('a', [items(3, 3, 3, 3), items(3, 3, 3, 3), items(5, 5, 5, 5)]);
    wx.setAuditStatus('b', [items(1, 1, 1, 1), items(4, 4, 4, 4), items(6, 5, 5, 5)]);
    const { statuses, errors } = record(audit);
    const failing = createWxApiClient({ accessToken: 'forged', baseUrl: wx.url });
    const c = audit.watchRegistration({ api: failing, wxName: 'a', intervalMs: 2 });
    const [a, b] = await Promise.all([
      audit.watchRegistration({ api, wxName: 'a', intervalMs: 2 }).done,
      audit.watchRegistration({ api, wxName: 'b', intervalMs: 3 }).done,
    ]);
    await until(() => errors.length > 0);
    c.stop();
    expect(a).toMatchObject({ reason: 'final', status: items(5, 5, 5, 5) });
    expect(b).toMatchObject({ reason: 'final', status: items(6, 5, 5, 5) });
    expect(statuses.filter((s) => s.wxName === 'a').map((s) => s.merchantInfoStatus)).toEqual([3, 5]);
    expect(statuses.filter((s) => s.wxName === 'b').map((s) => s.merchantInfoStatus)).toEqual([1, 4, 6]);
    expect(errors.every((e) => e.wxName === 'a' && (e.error as WxApiError).errcode === 40001)).toBe(true);
  });

  it('two watches of the same shop each emit the first status they see', async () => {
    wx.setAuditStatus('shop', items(5, 5, 5, 5));
    const { statuses } = record(audit);
    await Promise.all([audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2 }).done, audit.watchRegistration({ api, wxName: 'shop', intervalMs: 2 }).done]);
    expect(statuses).toHaveLength(2);
  });
});
