// Several audits watching the same wxName through one shared store (here a memory store shared in one
// process; test/redis-watch.test.ts does it with Redis and processes): one polls, each change is emitted once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createWxApiClient,
  createWxAudit,
  type AuditStatusEvent,
  type IdempotencyStore,
  type WatchErrorEvent,
  type WxApiClient,
  type WxAudit,
} from '../src/index.js';
import { startFakeWeChat, type FakeWeChat } from '../../wx-audit-fixtures/src/index.js';

type Status = { registerStatus: number; merchantInfoStatus?: number; acctVerifyStatus?: number; basicInfoStatus?: number; paySignStatus?: number; auditRejectReasons?: string };

let wx: FakeWeChat;
let api: WxApiClient;
const audits: WxAudit[] = [];

beforeEach(async () => {
  wx = await startFakeWeChat();
  api = createWxApiClient({ accessToken: wx.accessToken, baseUrl: wx.url, retries: 0 });
});
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
  await wx.close();
});

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 2));
}

const items = (m: number, a: number, b: number, p: number, extra: Partial<Status> = {}): Status => ({ registerStatus: 0, merchantInfoStatus: m, acctVerifyStatus: a, basicInfoStatus: b, paySignStatus: p, ...extra });
/** Each status held for `times` polls, as WeChat holds a status across many polls. */
const held = (times: number, statuses: Status[]) => statuses.flatMap((s) => Array<Status>(times).fill(s));

const REJECTED = items(5, 5, 4, 3, { auditRejectReasons: '营业执照模糊' });
/** Five changes; the rejection comes back after a resubmission (a new change with an id of its own). */
const CHANGES: Status[] = [{ registerStatus: 1 }, items(3, 3, 3, 3), REJECTED, items(5, 5, 3, 3), REJECTED, items(5, 5, 5, 5)];
const CHANGE_IDS = [
  'st:shop|1|1|0|0|0|0||||',
  'st:shop|2|0|3|3|3|3||||',
  'st:shop|3|0|5|5|4|3|营业执照模糊|||',
  'st:shop|4|0|5|5|3|3||||',
  'st:shop|5|0|5|5|4|3|营业执照模糊|||',
  'st:shop|6|0|5|5|5|5||||',
];

/** An audit on `store`, its events, and an api that counts the polls this audit made. */
function instance(store: IdempotencyStore, options: { logger?: { warn: (m: string) => void; error: (m: string) => void } } = {}) {
  const audit = createWxAudit({ token: 'push-token', store, ...options });
  audits.push(audit);
  const statuses: AuditStatusEvent[] = [];
  const errors: WatchErrorEvent[] = [];
  audit.on('auditStatus', (e) => void statuses.push(e));
  audit.on('watchError', (e) => void errors.push(e));
  let hang = false;
  const counted = {
    polls: 0,
    /** From now on this audit's polls never answer, as if its process had frozen. */
    freeze: () => void (hang = true),
    checkAuditStatus: ((params, options) => {
      if (hang) return new Promise(() => undefined);
      counted.polls++;
      return api.checkAuditStatus(params, options);
    }) as WxApiClient['checkAuditStatus'],
  };
  return { audit, statuses, errors, api: counted };
}

/** A store whose every call fails once `cut` is set: an instance that lost the store (or died). */
function cuttable(store: IdempotencyStore) {
  const state = { cut: false };
  const wrapped = Object.fromEntries(
    Object.entries(store).map(([name, method]) => [
      name,
      typeof method === 'function' ? (...args: unknown[]) => (state.cut ? Promise.reject(new Error('store unreachable')) : (method as (...a: unknown[]) => unknown).apply(store, args)) : method,
    ]),
  ) as unknown as IdempotencyStore;
  return { store: wrapped, state };
}

describe('watches of one wxName sharing a store', () => {
  it('one of them polls, each change is emitted once between them, a status that comes back is a new change', async () => {
    const script = [...held(3, CHANGES.slice(0, -1)), CHANGES.at(-1)!];
    wx.setAuditStatus('shop', script);
    const store = createMemoryStore();
    const [a, b] = [instance(store), instance(store)];
    const watches = [a, b].map((i) => i.audit.watchRegistration({ api: i.api, wxName: 'shop', intervalMs: 5, leaseMs: 500 }));
    const results = await Promise.all(watches.map((w) => w.done));

    const emitted = [...a.statuses, ...b.statuses];
    expect(emitted.map((e) => e.id).sort()).toEqual([...CHANGE_IDS].sort());
    // The poller polled every scripted answer; the other waited for the lease, which it got when the
    // poller stopped at the final status, and then polled once to see that final status for itself.
    expect([a.api.polls, b.api.polls].sort((x, y) => x - y)).toEqual([1, script.length]);
    const poller = a.api.polls > 1 ? a : b;
    expect(poller.statuses.map((e) => e.id)).toEqual(CHANGE_IDS);
    expect(results.map((r) => r.reason)).toEqual(['final', 'final']);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('a poller that dies: another takes over once its lease lapsed, and no change is emitted twice or lost', async () => {
    wx.setAuditStatus('shop', held(2, CHANGES));
    const shared = createMemoryStore();
    const doomedStore = cuttable(shared);
    const doomed = instance(doomedStore.store);
    const survivor = instance(shared);
    doomed.audit.watchRegistration({ api: doomed.api, wxName: 'shop', intervalMs: 5, leaseMs: 300 });
    await until(() => doomed.api.polls > 0);
    const survivorWatch = survivor.audit.watchRegistration({ api: survivor.api, wxName: 'shop', intervalMs: 5, leaseMs: 300 });
    await until(() => doomed.statuses.length === 2);
    // It dies: it never answers again and cannot reach the store (its lease is not renewed).
    doomed.api.freeze();
    doomedStore.state.cut = true;
    const emittedBeforeDeath = doomed.statuses.length;
    expect(survivor.api.polls).toBe(0);

    expect((await survivorWatch.done).reason).toBe('final');
    expect(doomed.statuses).toHaveLength(emittedBeforeDeath);
    expect([...doomed.statuses, ...survivor.statuses].map((e) => e.id)).toEqual(CHANGE_IDS);
    expect(survivor.statuses.map((e) => e.id)).toEqual(CHANGE_IDS.slice(2));
    expect(survivor.errors).toEqual([]);
  });

  it('a change recorded by a poller that died before emitting it is emitted by the next poller', async () => {
    wx.setAuditStatus('shop', held(2, CHANGES));
    const shared = createMemoryStore();
    // The doomed instance records the second change, then dies before its claim reaches the store.
    const doomedStore = cuttable(shared);
    const claim = doomedStore.store.claim.bind(doomedStore.store);
    let claims = 0;
    doomedStore.store.claim = (...args) => (++claims === 2 ? ((doomedStore.state.cut = true), new Promise(() => undefined)) : claim(...args));
    const doomed = instance(doomedStore.store);
    doomed.audit.watchRegistration({ api: doomed.api, wxName: 'shop', intervalMs: 5, leaseMs: 300 });
    await until(() => doomedStore.state.cut);
    const survivor = instance(shared);
    expect((await survivor.audit.watchRegistration({ api: survivor.api, wxName: 'shop', intervalMs: 5, leaseMs: 300 }).done).reason).toBe('final');

    expect(doomed.statuses.map((e) => e.id)).toEqual(CHANGE_IDS.slice(0, 1));
    expect(survivor.statuses.map((e) => e.id)).toEqual(CHANGE_IDS.slice(1));
  });

  it('two pollers racing (one believes it still holds the lease): each change once, in order', async () => {
    wx.setAuditStatus('shop', held(4, CHANGES));
    const shared = createMemoryStore();
    const stale = { ...shared, acquireLease: async () => true, renewLease: async () => true } as IdempotencyStore;
    const [a, b] = [instance(shared), instance(stale)];
    await Promise.all([a, b].map((i) => i.audit.watchRegistration({ api: i.api, wxName: 'shop', intervalMs: 3, leaseMs: 500 }).done));
    expect(a.api.polls).toBeGreaterThan(1);
    expect(b.api.polls).toBeGreaterThan(1);
    const emitted = [...a.statuses, ...b.statuses].map((e) => e.id);
    expect(emitted.sort()).toEqual([...CHANGE_IDS].sort());
  });

  it('a watch started later (a restart, a new instance) does not emit the last change again, only what follows', async () => {
    wx.setAuditStatus('shop', items(3, 3, 3, 3));
    const store = createMemoryStore();
    const first = instance(store);
    const watch = first.audit.watchRegistration({ api: first.api, wxName: 'shop', intervalMs: 5, leaseMs: 300 });
    await until(() => first.statuses.length === 1 && first.api.polls >= 3);
    watch.stop();
    await watch.done;

    const later = instance(store);
    const again = later.audit.watchRegistration({ api: later.api, wxName: 'shop', intervalMs: 5, leaseMs: 300 });
    await until(() => later.api.polls >= 3);
    expect(later.statuses).toEqual([]);
    wx.setAuditStatus('shop', items(5, 5, 5, 5));
    await again.done;
    expect(later.statuses.map((e) => e.id)).toEqual(['st:shop|2|0|5|5|5|5||||']);
  });

  it('a store without leases: each instance watches on its own, and the logger says so once', async () => {
    wx.setAuditStatus('shop', items(5, 5, 5, 5));
    const base = createMemoryStore();
    const { acquireLease: _a, renewLease: _r, releaseLease: _l, getValue: _g, swapValue: _s, ...plain } = base;
    const lines: string[] = [];
    const logger = { warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) };
    const [a, b] = [instance(plain, { logger }), instance(plain, { logger })];
    await Promise.all([a, b, a].map((i) => i.audit.watchRegistration({ api: i.api, wxName: 'shop', intervalMs: 5 }).done));
    expect([a.statuses.length, b.statuses.length]).toEqual([2, 1]);
    expect(lines).toHaveLength(2); // once per audit, not once per watch
    expect(lines[0]).toMatch(/acquireLease.*each instance watching a registration polls WeChat/);
  });

  it('ids join their parts unambiguously: a | in a wxName cannot run into the next part', async () => {
    wx.setAuditStatus('a|1', items(5, 5, 5, 5));
    const { audit, statuses } = instance(createMemoryStore());
    await audit.watchRegistration({ api, wxName: 'a|1', intervalMs: 5 }).done;
    expect(statuses.map((e) => e.id)).toEqual(['st:a%7C1|1|0|5|5|5|5||||']);
  });
});
