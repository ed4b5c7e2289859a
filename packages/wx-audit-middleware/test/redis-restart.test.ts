// Redis stopped and restarted under traffic. A private redis-server on its own port (no persistence) is
// used, never the shared one. Figures are printed as `[figures]` lines, never asserted.
import { afterAll, describe, expect, it } from 'vitest';
import { startInstance, type Instance } from './redis-helpers/instances.js';
import { deliver, textPush, type Delivery } from './redis-helpers/push.js';
import { redisAvailable, startPrivateRedis, uniquePrefix, type PrivateRedis } from './redis-helpers/redis.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!redisAvailable)('Redis stopped and restarted under traffic', () => {
  let redis: PrivateRedis | undefined;
  const instances: Instance[] = [];
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await redis?.stop();
  });

  it('refuses with 503 while Redis is away, acknowledges nothing it could not record, and recovers after the restart', async () => {
    redis = await startPrivateRedis();
    const prefix = uniquePrefix('restart');
    const pair = await Promise.all([0, 1].map(() => startInstance({ WX_REDIS_URL: redis!.url, WX_PREFIX: prefix, WX_DELAY_MS: '20' })));
    instances.push(...pair);

    const log: Array<{ id: string; attempts: Delivery[]; at: number }> = [];
    let stopAt = 0;
    let restartedAt = 0;
    let firstSuccessAfterRestart = 0;
    let sending = true;
    let n = 0;
    const t0 = performance.now();
    // 8 senders, each delivering distinct pushes like WeChat: first attempt, then up to 3 retries, 1 s apart.
    const senders = Array.from({ length: 8 }, async () => {
      while (sending) {
        const i = n++;
        const id = String(7_000_000 + i);
        const push = textPush(id);
        const attempts: Delivery[] = [];
        for (let a = 0; a < 4; a++) {
          const answer = await deliver(pair[(i + a) % 2]!.url, push);
          attempts.push(answer);
          const ok = answer.status === 200 && answer.body === 'success';
          if (ok && restartedAt > 0 && firstSuccessAfterRestart === 0) firstSuccessAfterRestart = performance.now();
          if (ok) break;
          await sleep(1000);
        }
        log.push({ id, attempts, at: performance.now() - t0 });
        await sleep(10);
      }
    });
    await sleep(1000);
    await redis.stop();
    stopAt = performance.now();
    await sleep(1000);
    await redis.start();
    restartedAt = performance.now();
    // Recovery time: a fresh push every 50 ms until one is acknowledged.
    let probe = 0;
    while ((await deliver(pair[probe % 2]!.url, textPush(String(6_000_000 + probe++)))).status !== 200) await sleep(50);
    const recoveredMs = Math.round(performance.now() - restartedAt);
    await sleep(1500);
    sending = false;
    await Promise.all(senders);

    const reports = await Promise.all(pair.map((i) => i.report()));
    const runs = new Map<string, number>();
    for (const r of reports) for (const [id, c] of Object.entries(r.counts)) runs.set(id, (runs.get(id) ?? 0) + c);
    const acknowledged = log.filter((e) => e.attempts.at(-1)?.status === 200);
    const lost = log.filter((e) => e.attempts.at(-1)?.status !== 200);
    const ackedWithoutRun = acknowledged.filter((e) => !runs.has(e.id));
    const refused = log.flatMap((e) => e.attempts).filter((a) => a.status === 503);
    const storeRejected = reports.reduce((sum, r) => sum + (r.rejected.STORE_UNAVAILABLE ?? 0), 0);
    const duplicates = [...runs.values()].filter((c) => c > 1).length;

    expect(lost).toEqual([]); // every push acknowledged within WeChat's retries
    expect(ackedWithoutRun).toEqual([]); // nothing acknowledged that was not handled
    expect(refused.length).toBeGreaterThan(0); // the outage was seen
    expect(storeRejected).toBeGreaterThan(0);
    const slowest503 = Math.round(Math.max(...refused.map((a) => a.ms)));
    console.log(
      `[figures] Redis restart: ${log.length} pushes, ${acknowledged.length} acknowledged, ${lost.length} lost; ` +
        `${refused.length} attempts answered 503 during the ${Math.round(restartedAt - stopAt)} ms outage (slowest 503: ${slowest503} ms; rejected STORE_UNAVAILABLE: ${storeRejected}); ` +
        `a fresh push acknowledged ${recoveredMs} ms after redis-server was back (${probe} probes); first retried push acknowledged after ${Math.round(firstSuccessAfterRestart - restartedAt)} ms (senders retry 1 s apart); ` +
        `ids dispatched twice (listener ran, then the done marker could not be written): ${duplicates}`,
    );
  }, 60_000);
});
