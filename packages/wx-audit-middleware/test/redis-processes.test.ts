// Real processes (the BUILT package in child processes) against the real Redis: crash recovery,
// concurrent duplicates, and volume. Figures are printed as `[figures]` lines, never asserted.
import { afterAll, describe, expect, it } from 'vitest';
import { startInstance, type Instance } from './redis-helpers/instances.js';
import { deliver, deliverLikeWeChat, textPush } from './redis-helpers/push.js';
import { dropPrefix, REDIS_URL, redisAvailable, testClient, uniquePrefix } from './redis-helpers/redis.js';

describe.skipIf(!redisAvailable)('instances sharing a Redis store, in separate processes', () => {
  const prefixes: string[] = [];
  const instances: Instance[] = [];
  const start = async (prefix: string, env: Record<string, string> = {}) => {
    const instance = await startInstance({ WX_REDIS_URL: REDIS_URL, WX_PREFIX: prefix, ...env });
    instances.push(instance);
    return instance;
  };
  const newPrefix = (name: string) => {
    const p = uniquePrefix(name);
    prefixes.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    if (!redisAvailable) return;
    const client = testClient();
    for (const p of prefixes) await dropPrefix(client, p);
    client.disconnect();
  });

  it('an instance killed with SIGKILL mid-handler: WeChat\'s retry is handled by a second instance once the lease lapses', async () => {
    const prefix = newPrefix('sigkill');
    const env = { WX_ACK_TIMEOUT_MS: '1000', WX_LEASE_MS: '2000' };
    const [doomed, survivor] = await Promise.all([start(prefix, { ...env, WX_HANDLER: 'hang' }), start(prefix, env)]);
    const push = textPush('5550001', { mode: 'safe' });
    const first = deliver(doomed.url, push);
    await doomed.waitStarted('5550001');
    await doomed.kill();
    const killedAt = performance.now();
    expect((await first).status).toBe(0); // the connection died with the process: WeChat sees a timeout
    const retries = await deliverLikeWeChat([survivor.url], push, 1000);
    const recoveredMs = Math.round(performance.now() - killedAt);
    expect(retries.at(-1)).toMatchObject({ status: 200, body: 'success' });
    expect(survivor.started).toEqual(['5550001']);
    console.log(`[figures] SIGKILL: retries answered ${retries.map((r) => r.status).join(' → ')}; acknowledged ${recoveredMs} ms after the kill (lease 2000 ms)`);
  });

  it('20 concurrent copies of one push across two instances: one dispatch, every copy answered success', async () => {
    const prefix = newPrefix('copies');
    const pair = await Promise.all([start(prefix, { WX_DELAY_MS: '150' }), start(prefix, { WX_DELAY_MS: '150' })]);
    const push = textPush('5550002', { mode: 'safe' });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => deliver(pair[i % 2]!.url, push)));
    const reports = await Promise.all(pair.map((i) => i.report()));
    const runs = reports.reduce((sum, r) => sum + (r.counts['5550002'] ?? 0), 0);
    expect(runs).toBe(1);
    expect(answers.map((a) => `${a.status} ${a.body}`)).toEqual(Array(20).fill('200 success'));
    console.log(`[figures] 20 concurrent copies: dispatched ${runs}×, ${answers.filter((a) => a.status === 200).length}/20 answered success, slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`);
  });

  it('10,000 distinct pushes spread across two instances: each dispatched exactly once, none lost', async () => {
    const prefix = newPrefix('volume');
    const pair = await Promise.all([start(prefix), start(prefix)]);
    const total = 10_000;
    const concurrency = 64;
    const failedFirst: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const n = next++;
          const push = textPush(String(9_000_000 + n));
          const answer = await deliver(pair[n % 2]!.url, push);
          if (answer.status === 200 && answer.body === 'success') continue;
          failedFirst.push(n);
          // WeChat would retry: do so, on the other instance.
          const retries = await deliverLikeWeChat([pair[(n + 1) % 2]!.url], push, 100);
          expect(retries.at(-1)).toMatchObject({ status: 200, body: 'success' });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const reports = await Promise.all(pair.map((i) => i.report()));
    const perId = new Map<string, number>();
    for (const r of reports) for (const [id, n] of Object.entries(r.counts)) perId.set(id, (perId.get(id) ?? 0) + n);
    const twice = [...perId.values()].filter((n) => n !== 1).length;
    expect(perId.size).toBe(total);
    expect(twice).toBe(0);
    const split = reports.map((r) => Object.keys(r.counts).length).join(' + ');
    console.log(`[figures] 10,000 pushes: ${seconds.toFixed(1)} s, ${Math.round(total / seconds)} pushes/s with ${concurrency} in flight; dispatched ${split}; ids run ≠ 1 time: ${twice}; first attempts refused: ${failedFirst.length}`);
  }, 120_000);
});
