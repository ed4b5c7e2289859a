// The soak: two instances (child processes: Express + the built middleware + a Redis store, or durable
// mode) behind a round-robin sender that behaves like WeChat, a redis-server of its own, an instance
// SIGKILLed and started again, Redis restarted, then the figures (figures.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInstance, type Instance } from '../../packages/wx-audit-middleware/test/redis-helpers/instances.js';
import { sleep, startPrivateRedis } from '../../packages/wx-audit-middleware/test/redis-helpers/redis-server.js';
import { computeFigures, type FaultTimes, type SoakFigures } from './figures.js';
import { sampleMemory } from './memory-sampler.js';
import { createSender } from './sender.js';
import type { SoakOptions } from './soak-options.js';
import { createSoakPushes } from './soak-pushes.js';
import { createRecordReader, createSendTally, missing } from './tally.js';

/** Sending stops this long before the bound (at most a quarter of it): the drain and the shutdown fit in it. */
const RESERVE_MS = 60_000;
/** The drain ends when every acknowledged push has run, or nothing new ran for this long. */
const DRAIN_QUIET_MS = 15_000;

/** Bytes of Redis's append-only files (Redis 7 keeps them in `<dir>/appendonlydir`); 0 without AOF. */
function aofBytes(dir: string): number {
  const aof = join(dir, 'appendonlydir');
  if (!existsSync(aof)) return 0;
  return readdirSync(aof).reduce((sum, name) => sum + statSync(join(aof, name)).size, 0);
}

export async function runSoak(options: SoakOptions, log: (line: string) => void = console.log): Promise<SoakFigures> {
  const t0 = performance.now();
  const startedAtMs = Date.now();
  const since = () => Math.round((performance.now() - t0) / 100) / 10;
  const boundMs = options.maxMinutes * 60_000;
  const sendUntil = t0 + boundMs - Math.min(RESERVE_MS, boundMs / 4);
  const dir = mkdtempSync(join(tmpdir(), 'wx-audit-soak-'));
  const recordFiles = [0, 1].map((slot) => join(dir, `runs-${slot}.tsv`));
  const logFiles = [0, 1].map((slot) => join(dir, `instance-${slot}.log`));
  const redis = await startPrivateRedis({ dir, appendonly: options.redisPersistence === 'aof' });
  const instances: Array<Instance | undefined> = [];
  const env = (slot: number): Record<string, string> => ({
    WX_REDIS_URL: redis.url,
    WX_PREFIX: 'wx-audit-soak:',
    WX_RECORD: recordFiles[slot]!,
    ...(options.durable ? { WX_DURABLE: '1' } : {}),
  });
  let closeSender: () => void = () => undefined;
  try {
    for (const slot of [0, 1]) instances[slot] = await startInstance(env(slot), { output: logFiles[slot] });
    const urls = instances.map((i) => i!.url);
    const ports = urls.map((url) => new URL(url).port);
    log(`soak: redis ${redis.url} (${options.redisPersistence}), instances ${urls.join(' ')}${options.durable ? ' (durable mode)' : ''}; ${options.pushes} pushes, ${options.concurrency} in flight`);

    const pushes = createSoakPushes({ seed: options.seed, duplicateRatio: options.duplicateRatio });
    const tally = createSendTally(options.pushes, t0);
    const records = createRecordReader(recordFiles);
    const { deliver, close } = createSender({ urls, maxSockets: options.concurrency, retryDelayMs: options.retryDelayMs });
    closeSender = close;
    const memory = sampleMemory(
      () => [
        ...instances.map((instance, slot) => ({ name: `instance-${slot}`, pid: () => instance?.child.pid, memory: () => instance?.memory() ?? Promise.resolve(undefined) })),
        { name: 'sender', pid: () => process.pid, memory: () => Promise.resolve(process.memoryUsage()) },
      ],
      options.sampleMs,
      t0,
    );

    let next = 0;
    let sending = true;
    const workers = Array.from({ length: options.concurrency }, async () => {
      while (next < options.pushes && performance.now() < sendUntil) {
        const push = pushes.next(next++);
        const attempts = await deliver(push.request);
        tally.add(push.key, push.duplicate, attempts);
      }
    });
    const progress = setInterval(() => log(`soak: ${since()} s: ${tally.counts.sent} sent, ${tally.counts.acknowledged} acknowledged, ${tally.counts.failedAttempts} failed attempts, ${tally.counts.unacknowledged} given up`), 30_000);

    const faults: FaultTimes = {};
    const reached = async (share: number) => {
      while (sending && tally.counts.sent < share * options.pushes) await sleep(50);
      return sending;
    };
    const chaos = (async () => {
      if (options.kill && (await reached(options.killAt))) {
        await instances[1]!.kill();
        faults.instanceKilledAt = since();
        log(`soak: ${faults.instanceKilledAt} s: instance-1 SIGKILLed`);
        instances[1] = undefined;
        await sleep(options.restartAfterMs);
        instances[1] = await startInstance({ ...env(1), WX_PORT: ports[1]! }, { output: logFiles[1] });
        faults.instanceBackAt = since();
        log(`soak: ${faults.instanceBackAt} s: instance-1 started again on the same port`);
      }
      if (options.redisRestart && (await reached(options.redisRestartAt))) {
        faults.redisStoppedAt = since();
        faults.aofMiBAtRestart = Math.round(aofBytes(dir) / 2 ** 20);
        // A clean shutdown (SIGTERM): with AOF, Redis writes out the last second before it exits.
        await redis.stop('SIGTERM');
        faults.redisExitedAt = since();
        await sleep(options.redisDownMs);
        faults.redisStartedAt = since();
        await redis.start();
        faults.redisBackAt = since();
        log(`soak: ${faults.redisStoppedAt} s: Redis told to stop; exited at ${faults.redisExitedAt} s, started at ${faults.redisStartedAt} s, answering at ${faults.redisBackAt} s`);
      }
    })();

    await Promise.all(workers);
    const sendingSeconds = since();
    sending = false;
    await chaos;
    clearInterval(progress);
    if (tally.counts.sent < options.pushes) log(`soak: the bound (${options.maxMinutes} min) was reached after ${tally.counts.sent} of ${options.pushes} pushes`);

    // Durable mode runs listeners after the answer: wait for them (and for takeovers of the killed instance's entries).
    let quietSince = performance.now();
    let seen = -1;
    for (;;) {
      records.poll();
      if (missing(tally, records).length === 0) break;
      if (records.total !== seen) [seen, quietSince] = [records.total, performance.now()];
      if (performance.now() - quietSince > DRAIN_QUIET_MS || performance.now() > t0 + boundMs - 10_000) break;
      await sleep(500);
    }
    const memorySeries = await memory.stop();
    await Promise.all(instances.map((i) => i?.stop()));
    records.poll();
    const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    return computeFigures({
      options,
      startedAtMs,
      seconds: { total: since(), sending: sendingSeconds },
      tally,
      records,
      faults,
      memory: memorySeries,
      logLines: Object.fromEntries(logFiles.map((file, slot) => [`instance-${slot}`, lines(file)])),
    });
  } finally {
    closeSender();
    await Promise.all(instances.map((i) => i?.stop()));
    await redis.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
