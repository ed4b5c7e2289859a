// One registration watch across instances: two processes (the BUILT package) watch the same wxName
// through one Redis store. One polls; SIGKILLed, the other takes over once its lease lapsed, and no
// change is emitted twice or lost. The takeover time is printed as a `[figures]` line, never asserted.
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeWeChat } from '../../wx-audit-fixtures/src/index.js';
import { startInstance, type Instance } from './redis-helpers/instances.js';
import { dropPrefix, REDIS_URL, redisAvailable, testClient, uniquePrefix } from './redis-helpers/redis.js';

type Status = { registerStatus: number; merchantInfoStatus?: number; acctVerifyStatus?: number; basicInfoStatus?: number; paySignStatus?: number };
const items = (m: number, a: number, b: number, p: number): Status => ({ registerStatus: 0, merchantInfoStatus: m, acctVerifyStatus: a, basicInfoStatus: b, paySignStatus: p });
const CHANGES: Status[] = [{ registerStatus: 1 }, items(3, 3, 3, 3), items(5, 3, 4, 3), items(5, 3, 3, 3), items(5, 5, 4, 3), items(5, 5, 3, 3), items(5, 5, 5, 5)];
const CHANGE_IDS = CHANGES.map((s, i) => `st:shop|${i + 1}|${s.registerStatus}|${s.merchantInfoStatus ?? 0}|${s.acctVerifyStatus ?? 0}|${s.basicInfoStatus ?? 0}|${s.paySignStatus ?? 0}||||`);
const LEASE_MS = 1000;

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setTimeout(r, 5));
}
const of = (instance: Instance, type: string) => instance.messages.filter((m) => m.type === type);

describe.skipIf(!redisAvailable)('one registration watch across instances sharing a Redis store', () => {
  const prefix = uniquePrefix('watch');
  const instances: Instance[] = [];
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    const client = testClient();
    await dropPrefix(client, prefix);
    client.disconnect();
  });

  it('the poller SIGKILLed: the other takes over within about a lease, each change emitted once, none lost', async () => {
    const wx = await startFakeWeChat();
    // Each status is held for three polls (as WeChat holds one across many): a status the dying poller
    // fetched but never recorded is still there for the next poller.
    wx.setAuditStatus('shop', [...CHANGES.slice(0, -1).flatMap((s) => [s, s, s]), CHANGES.at(-1)!]);
    const env = { WX_REDIS_URL: REDIS_URL, WX_PREFIX: prefix, WX_WATCH: 'shop', WX_WATCH_URL: wx.url, WX_WATCH_TOKEN: wx.accessToken, WX_WATCH_INTERVAL_MS: '100', WX_WATCH_LEASE_MS: String(LEASE_MS) };
    instances.push(...(await Promise.all([startInstance(env), startInstance(env)])));
    await until(() => instances.some((i) => of(i, 'status').length >= 2));
    const doomed = instances.find((i) => of(i, 'status').length >= 2)!;
    const survivor = instances.find((i) => i !== doomed)!;
    // Killed as it starts its next poll: the second change is recorded and completed by then.
    const polls = of(doomed, 'poll').length;
    await until(() => of(doomed, 'poll').length > polls);
    await doomed.kill();
    const killedAt = performance.now();
    expect(of(survivor, 'poll')).toEqual([]); // one poller between them until then

    await until(() => of(survivor, 'watchDone').length === 1);
    const emitted = [...of(doomed, 'status'), ...of(survivor, 'status')].map((m) => m.id);
    expect(emitted).toEqual(CHANGE_IDS);
    expect(of(survivor, 'watchDone')[0]).toMatchObject({ reason: 'final' });
    expect(of(survivor, 'watchError')).toEqual([]);
    const takeoverMs = Math.round(of(survivor, 'poll')[0]!.at - killedAt);
    console.log(
      `[figures] shared watch, SIGKILL of the poller: the other polled ${takeoverMs} ms after the kill (lease ${LEASE_MS} ms, interval 100 ms); ` +
        `changes emitted ${emitted.length}/${CHANGE_IDS.length}, each once (${of(doomed, 'status').length} before the kill, ${of(survivor, 'status').length} after); ` +
        `polls ${of(doomed, 'poll').length} by the killed poller, ${of(survivor, 'poll').length} by the other`,
    );
    await wx.close();
  });
});
