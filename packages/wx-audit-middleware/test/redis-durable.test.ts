// Durable mode against the real Redis: acknowledge on XADD, run listeners from the stream with retries,
// backoff and dead letters; a killed consumer's entry is taken over. Figures print as `[figures]` lines.
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWxAudit, type DurableOptions, type RejectedEvent, type WxAudit } from '../src/index.js';
import { startInstance, type Instance } from './redis-helpers/instances.js';
import { APP_ID, AES_KEY, TOKEN, deliver, textPush, textPushId, type SignedPush } from './redis-helpers/push.js';
import { claimKey, dropPrefix, freePort, REDIS_URL, redisAvailable, sleep, testClient, uniquePrefix, until } from './redis-helpers/redis.js';

const post = (audit: WxAudit, push: SignedPush) =>
  request(express().use('/wechat/audit', audit.middleware())).post(`/wechat/audit${push.search}`).set('content-type', push.contentType).send(push.body);

describe.skipIf(!redisAvailable)('durable mode against a real Redis', () => {
  const client = redisAvailable ? testClient() : undefined;
  const prefixes: string[] = [];
  const audits: WxAudit[] = [];
  const instances: Instance[] = [];
  const durableAudit = (name: string, extra: Partial<DurableOptions> = {}) => {
    const keyPrefix = uniquePrefix(name);
    prefixes.push(keyPrefix);
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, ackTimeoutMs: 300, durable: { url: REDIS_URL, keyPrefix, blockMs: 200, backoff: { baseMs: 20, maxMs: 100 }, ...extra } });
    audits.push(audit);
    return { audit, keyPrefix };
  };
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await Promise.all(audits.map((a) => a.close()));
    for (const p of prefixes) await dropPrefix(client!, p);
    client?.disconnect();
  });

  it('acknowledges as soon as the push is in the stream, runs a slow listener afterwards, and enqueues a re-delivery once', async () => {
    const { audit, keyPrefix } = durableAudit('slow');
    let finished = 0;
    audit.on('message', async () => {
      await sleep(1500); // far past ackTimeoutMs (300) and WeChat's 5 s would not matter either
      finished += 1;
    });
    const push = textPush('4440001', { mode: 'safe' });
    const started = performance.now();
    const res = await post(audit, push);
    const ackMs = Math.round(performance.now() - started);
    expect([res.status, res.text]).toEqual([200, 'success']);
    expect(finished).toBe(0);
    const again = await post(audit, push);
    expect([again.status, again.text]).toEqual([200, 'success']);
    await until(() => finished === 1, 'the slow listener');
    await until(async () => (await client!.xlen(`${keyPrefix}{events}`)) === 0, 'the entry to be acknowledged');
    await sleep(300);
    expect(finished).toBe(1);
    console.log(`[figures] durable: acknowledged in ${ackMs} ms while the listener took 1500 ms`);
  });

  it('retries a failing listener with backoff until it succeeds', async () => {
    const { audit, keyPrefix } = durableAudit('retry');
    const runs: number[] = [];
    const errors: unknown[] = [];
    audit.on('message', () => {
      runs.push(performance.now());
      if (runs.length < 3) throw new Error(`failure ${runs.length}`);
    });
    audit.on('handlerError', (e) => errors.push(e.error));
    expect((await post(audit, textPush('4440002'))).status).toBe(200);
    await until(async () => runs.length === 3 && (await client!.xlen(`${keyPrefix}{events}`)) === 0, 'three runs');
    expect(errors).toHaveLength(2);
    expect(await client!.exists(`${keyPrefix}{events}:dead`)).toBe(0);
    expect(await client!.get(claimKey(keyPrefix, textPushId('4440002')))).toBe('d');
    const gaps = runs.slice(1).map((t, i) => Math.round(t - runs[i]!));
    console.log(`[figures] durable retries: gaps between runs ${gaps.join(', ')} ms (backoff 20 ms doubling)`);
  });

  it('moves an entry to the dead-letter stream after maxAttempts failures', async () => {
    const { audit, keyPrefix } = durableAudit('dead', { maxAttempts: 3 });
    let runs = 0;
    audit.on('message', () => {
      runs += 1;
      throw new Error('always fails');
    });
    expect((await post(audit, textPush('4440003'))).status).toBe(200);
    await until(async () => (await client!.xlen(`${keyPrefix}{events}:dead`)) === 1, 'a dead letter');
    const [[, fields]] = (await client!.xrange(`${keyPrefix}{events}:dead`, '-', '+')) as [[string, string[]]];
    const dead = Object.fromEntries(fields.map((v, i, a) => (i % 2 === 0 ? [v, a[i + 1]] : [])).filter((e) => e.length));
    expect(dead).toMatchObject({ id: 'msg:gh_885ece6ed5eb||4440003', attempts: '3', error: 'Error: always fails' });
    expect(JSON.parse(dead.events as string)[0]).toMatchObject({ type: 'message', id: 'msg:gh_885ece6ed5eb||4440003', msgType: 'text' });
    expect(runs).toBe(3);
    expect(await client!.xlen(`${keyPrefix}{events}`)).toBe(0);
    expect(await client!.get(claimKey(keyPrefix, textPushId('4440003')))).toBeNull(); // not done: never recorded as handled
  });

  it('answers 503 STORE_UNAVAILABLE and emits rejected when the stream cannot be written', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, durable: { url, commandTimeoutMs: 300 } });
    audits.push(audit);
    const rejected: RejectedEvent[] = [];
    audit.on('rejected', (e) => rejected.push(e));
    const res = await post(audit, textPush('4440004'));
    expect(res.status).toBe(503);
    expect(rejected.map((r) => r.code)).toEqual(['STORE_UNAVAILABLE']);
  });

  describe('with consumers in separate processes', () => {
    let prefix = '';
    beforeAll(() => {
      prefix = uniquePrefix('durable-kill');
      prefixes.push(prefix);
    });

    it('an entry whose consumer was killed mid-run is taken over by another instance and runs to completion once', async () => {
      const doomed = await startInstance({ WX_REDIS_URL: REDIS_URL, WX_PREFIX: prefix, WX_DURABLE: '1', WX_HANDLER: 'hang' });
      instances.push(doomed);
      const push = textPush('4440005', { mode: 'safe' });
      const answer = await deliver(doomed.url, push);
      expect([answer.status, answer.body]).toEqual([200, 'success']);
      await doomed.waitStarted('4440005');
      await doomed.kill();
      const killedAt = performance.now();
      const survivor = await startInstance({ WX_REDIS_URL: REDIS_URL, WX_PREFIX: prefix, WX_DURABLE: '1' });
      instances.push(survivor);
      // Done is recorded, then the entry acknowledged and deleted: wait for both, not only the first.
      await until(async () => (await client!.get(claimKey(prefix, textPushId('4440005')))) === 'd' && (await client!.xlen(`${prefix}{events}`)) === 0, 'the takeover', 15_000);
      const tookMs = Math.round(performance.now() - killedAt);
      expect(survivor.started).toEqual(['4440005']);
      console.log(`[figures] durable SIGKILL: taken over and completed ${tookMs} ms after the kill (claimIdleMs 1000, lease 1500)`);
    });
  });
});
