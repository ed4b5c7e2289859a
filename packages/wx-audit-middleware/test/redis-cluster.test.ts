// The Redis store and durable mode on a real Redis Cluster (3 masters, 3 replicas) that this file starts
// from the redis-server binary and tears down after. Instances are child processes running the BUILT
// package, configured with `cluster: { nodes }`. Figures print as `[figures]` lines, never asserted.
import express from 'express';
import { Cluster } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, createWxAudit, type WxAudit } from '../src/index.js';
import { startCluster, clusterBinaries, type TestCluster } from './redis-helpers/cluster.js';
import { startInstance, type Instance } from './redis-helpers/instances.js';
import { APP_ID, AES_KEY, TOKEN, deliver, textPush, textPushId, type SignedPush } from './redis-helpers/push.js';
import { claimKey, entryFields, sleep, until } from './redis-helpers/redis.js';
import { summarize, wechatTraffic } from './redis-helpers/traffic.js';

const post = (audit: WxAudit, push: SignedPush) =>
  request(express().use('/wechat/audit', audit.middleware())).post(`/wechat/audit${push.search}`).set('content-type', push.contentType).send(push.body);

describe('cluster options', () => {
  it('refuses url and cluster together, and a node that is not redis://host:port', () => {
    expect(() => createRedisStore({ url: 'redis://127.0.0.1:6379', cluster: { nodes: ['redis://127.0.0.1:7001'] } })).toThrow(/not both/);
    expect(() => createRedisStore({ cluster: { nodes: ['127.0.0.1:7001'] } })).toThrow(/cluster\.nodes/);
    expect(() => createRedisStore({ cluster: { nodes: [] } })).toThrow(/cluster\.nodes/);
    expect(() => createWxAudit({ token: TOKEN, durable: { url: 'redis://127.0.0.1:6379', cluster: { nodes: ['redis://127.0.0.1:7001'] } } })).toThrow(/not both/);
  });

  it('refuses, on a cluster, a stream without a hash tag or a dead-letter stream with another one (CROSSSLOT on every push otherwise)', () => {
    const cluster = { nodes: ['redis://127.0.0.1:7001'] };
    expect(() => createWxAudit({ token: TOKEN, durable: { cluster, stream: 'orders:events' } })).toThrow(/\{hash tag\}/);
    expect(() => createWxAudit({ token: TOKEN, durable: { cluster, stream: '{orders}:events', deadLetter: '{dead}:events' } })).toThrow(/\{hash tag\}/);
    // No cluster: any name goes.
    expect(() => createWxAudit({ token: TOKEN, durable: { url: 'redis://127.0.0.1:1', stream: 'orders:events', commandTimeoutMs: 50 } }).close({ timeoutMs: 0 })).not.toThrow();
  });
});

describe.skipIf(!clusterBinaries)('the Redis store and durable mode on a Redis Cluster', () => {
  let cluster: TestCluster | undefined;
  const instances: Instance[] = [];
  const audits: WxAudit[] = [];
  let n = 0;
  const prefix = () => `wx-audit-cluster:${n++}:`;
  const start = (keyPrefix: string, env: Record<string, string> = {}) => startInstance({ WX_CLUSTER_NODES: cluster!.urls.join(','), WX_PREFIX: keyPrefix, ...env });
  const pair = async (keyPrefix: string, env: Record<string, string> = {}) => {
    const two = await Promise.all([start(keyPrefix, env), start(keyPrefix, env)]);
    instances.push(...two);
    return two;
  };
  /** An ioredis Cluster client of the test's own (reads, and the "client of yours" in durable mode). */
  const clusterClient = () => {
    const client = new Cluster(cluster!.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })));
    client.on('error', () => undefined);
    return client;
  };
  const runsById = async (two: Instance[]) => {
    const perId = new Map<string, number>();
    for (const r of await Promise.all(two.map((i) => i.report()))) for (const [id, c] of Object.entries(r.counts)) perId.set(id, (perId.get(id) ?? 0) + c);
    return perId;
  };

  beforeAll(async () => {
    const started = performance.now();
    cluster = await startCluster();
    console.log(`[figures] Redis Cluster (3 masters, 3 replicas) created and healthy in ${Math.round(performance.now() - started)} ms`);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await Promise.all(audits.map((a) => a.close()));
    await cluster?.stop();
  }, 30_000);

  it('20 concurrent copies of one push across two instances: one dispatch, every copy answered success', async () => {
    const keyPrefix = prefix();
    const two = await pair(keyPrefix, { WX_DELAY_MS: '150' });
    const push = textPush('3330001', { mode: 'safe' });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => deliver(two[i % 2]!.url, push)));
    const runs = (await runsById(two)).get('3330001');
    expect(runs).toBe(1);
    expect(answers.map((a) => `${a.status} ${a.body}`)).toEqual(Array(20).fill('200 success'));
    // Recorded in the cluster (not in some other Redis): the done marker is there.
    const client = clusterClient();
    expect(await client.get(claimKey(`${keyPrefix}idem:`, textPushId('3330001')))).toBe('d');
    client.disconnect();
    console.log(`[figures] cluster, 20 concurrent copies: dispatched ${runs}×, 20/20 answered success, slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`);
  });

  it('10,000 distinct pushes across two instances: each dispatched exactly once, none lost', async () => {
    const two = await pair(prefix());
    const total = 10_000;
    const concurrency = 64;
    let refusedFirst = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const i = next++;
          const push = textPush(String(8_000_000 + i));
          const answer = await deliver(two[i % 2]!.url, push);
          if (answer.status === 200 && answer.body === 'success') continue;
          refusedFirst += 1;
          // WeChat would retry: once more, on the other instance.
          const again = await deliver(two[(i + 1) % 2]!.url, push);
          expect([again.status, again.body]).toEqual([200, 'success']);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const perId = await runsById(two);
    const notOnce = [...perId.values()].filter((c) => c !== 1).length;
    expect(perId.size).toBe(total);
    expect(notOnce).toBe(0);
    console.log(`[figures] cluster, 10,000 pushes: ${seconds.toFixed(1)} s, ${Math.round(total / seconds)} pushes/s with ${concurrency} in flight; ids run ≠ 1 time: ${notOnce}; first attempts refused: ${refusedFirst}`);
  }, 120_000);

  it('durable mode through an ioredis Cluster client of yours: enqueue once, run once, dead-letter a failing push, list and replay it', async () => {
    const client = clusterClient();
    const keyPrefix = prefix();
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, logger: false, durable: { client, keyPrefix, blockMs: 200, maxAttempts: 2, backoff: { baseMs: 20, maxMs: 50 } } });
    audits.push(audit);
    const runs = new Map<string, number>();
    let failing = true;
    audit.on('message', (event) => {
      const msgId = String(event.msgId);
      runs.set(msgId, (runs.get(msgId) ?? 0) + 1);
      if (msgId === '3330003' && failing) throw new Error('this listener fails until it is fixed');
    });
    audit.on('handlerError', () => undefined);
    const good = textPush('3330002', { mode: 'safe' });
    for (const push of [good, good, textPush('3330003', { mode: 'safe' })]) expect((await post(audit, push)).text).toBe('success');
    const dead = `${keyPrefix}{events}:dead`;
    await until(async () => (await client.xlen(dead)) === 1, 'the failing push to be dead-lettered');
    await until(async () => (await client.xlen(`${keyPrefix}{events}`)) === 0, 'the stream to be emptied');
    const entries = await client.xrange(dead, '-', '+');
    expect(entries).toHaveLength(1);
    expect(entryFields(entries[0]![1])).toMatchObject({ attempts: '2' });
    expect(Object.fromEntries(runs)).toEqual({ '3330002': 1, '3330003': 2 });

    // The dead letters on the cluster: listed, replayed once the listener is fixed, the key gone with the last one.
    const letters = await audit.deadLetters().list();
    expect(letters.map((l) => [l.entryId, l.attempts])).toEqual([[entries[0]![0], 2]]);
    failing = false;
    expect((await audit.deadLetters().replay(letters[0]!.entryId)).replayed).toEqual([letters[0]!.entryId]);
    await until(async () => runs.get('3330003') === 3, 'the replayed push to run');
    expect(await client.exists(dead)).toBe(0);
    expect(await audit.deadLetters().list()).toEqual([]);
    // Replaying the same entry again finds nothing, and runs nothing.
    expect((await audit.deadLetters().replay(letters[0]!.entryId)).replayed).toEqual([]);
    await sleep(300);
    expect(runs.get('3330003')).toBe(3);
    await audit.close();
    expect(client.status).toBe('ready'); // a client of yours is left open
    client.disconnect();
  });

  /** WeChat-like traffic on `two`; after 1 s the master serving `slot` is SIGKILLed; 1.5 s after the failover, the log. */
  const failover = async (two: Instance[], slot: number, firstId: number) => {
    const traffic = wechatTraffic(two.map((i) => i.url), firstId);
    await sleep(1000);
    const killedAt = traffic.now();
    const port = await cluster!.killMasterOf(slot);
    await cluster!.waitHealthy(slot);
    const healthyAt = traffic.now();
    await sleep(1500);
    const log = await traffic.stop();
    return { port, killedAt, healthyAt, log, ...summarize(log, healthyAt) };
  };
  /** `rejected` events of both instances, by code. */
  const rejectedCodes = async (two: Instance[]) => {
    const codes: Record<string, number> = {};
    for (const r of await Promise.all(two.map((i) => i.report()))) for (const [code, c] of Object.entries(r.rejected)) codes[code] = (codes[code] ?? 0) + c;
    return Object.entries(codes).map(([code, c]) => `${code} ${c}`).join(', ') || 'none';
  };
  /** The slot of durable mode's keys (`{events}`), and one served by another master. */
  const slots = async () => {
    const events = Number(await cluster!.cli(cluster!.nodes[0]!.port, 'CLUSTER', 'KEYSLOT', '{events}'));
    return { events, elsewhere: (events + 8192) % 16_384 };
  };

  it('durable mode: the master holding the stream SIGKILLed under traffic: every acknowledged push runs after the failover', async () => {
    const two = await pair(prefix(), { WX_DURABLE: '1' });
    const { events } = await slots();
    const { port, killedAt, healthyAt, log, ...s } = await failover(two, events, 6_000_000);
    const acked = s.acknowledged.map((e) => e.id);
    let runs = new Map<string, number>();
    await until(async () => {
      runs = await runsById(two);
      return acked.every((id) => runs.has(id));
    }, 'every acknowledged push to run', 20_000).catch(() => undefined);
    const ackedNotRun = acked.filter((id) => !runs.has(id));
    const twice = [...runs.values()].filter((c) => c > 1).length;
    const codes = await rejectedCodes(two);

    expect(ackedNotRun).toEqual([]);
    expect(s.unacknowledged).toEqual([]);
    // At least once, as documented: an entry whose done marker or acknowledgement was lost with the master
    // (asynchronous replication) runs again after the failover, once; never more.
    expect(Math.max(0, ...runs.values())).toBeLessThanOrEqual(2);
    console.log(
      `[figures] cluster failover, durable mode: master :${port} (holding {events}) SIGKILLed at ${Math.round(killedAt)} ms, cluster ok again ${Math.round(healthyAt - killedAt)} ms later; ` +
        `${log.length} pushes, ${acked.length} acknowledged, ${s.unacknowledged.length} not acknowledged, ${ackedNotRun.length} acknowledged and never run, ${twice} run twice; ` +
        `${s.refused} attempts answered 503 (slowest ${s.slowestRefusalMs} ms), ${s.refusedAfter} of them more than 500 ms after the cluster was ok; rejected: ${codes}`,
    );
  }, 60_000);

  it('the store: a master SIGKILLed under traffic: after the failover no acknowledged push is lost; 503s only meanwhile', async () => {
    const two = await pair(prefix(), { WX_DELAY_MS: '20' });
    // Another master than the one the durable test killed: that one's replica has no replica of its own.
    const { elsewhere } = await slots();
    const { port, killedAt, healthyAt, log, ...s } = await failover(two, elsewhere, 5_000_000);
    const runs = await runsById(two);
    const ackedNotRun = s.acknowledged.filter((e) => !runs.has(e.id));
    const codes = await rejectedCodes(two);
    // Every acknowledged push again, after the failover: a done marker the promoted replica lacks runs it twice.
    const again = await Promise.all(s.acknowledged.map((e) => deliver(two[0]!.url, textPush(e.id))));
    const rerun = [...(await runsById(two)).values()].filter((c) => c > 1).length;

    expect(ackedNotRun).toEqual([]);
    expect(s.unacknowledged).toEqual([]);
    expect(again.every((a) => a.status === 200 && a.body === 'success')).toBe(true);
    console.log(
      `[figures] cluster failover, store: master :${port} SIGKILLed at ${Math.round(killedAt)} ms, cluster ok again ${Math.round(healthyAt - killedAt)} ms later; ` +
        `${log.length} pushes, ${s.acknowledged.length} acknowledged, ${s.unacknowledged.length} not acknowledged, ${ackedNotRun.length} acknowledged without a run; ` +
        `${s.refused} attempts answered 503 (slowest ${s.slowestRefusalMs} ms), ${s.refusedAfter} of them more than 500 ms after the cluster was ok; rejected: ${codes}; ` +
        `re-delivered after the failover: ${again.length}, run again (done marker lost with the master): ${rerun}`,
    );
  }, 60_000);
});
