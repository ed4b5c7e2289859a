import { createHash } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, createWxAudit, type RejectedEvent, type WxAudit } from '../src/index.js';
import { expectSharedStateContract, expectStoreContract } from './helpers/store-contract.js';
import { APP_ID, AES_KEY, TOKEN, textPush, textPushId, type SignedPush } from './redis-helpers/push.js';
import { claimKey, dropPrefix, freePort, REDIS_URL, redisAvailable, testClient, uniquePrefix } from './redis-helpers/redis.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const appFor = (audit: WxAudit) => express().use('/wechat/audit', audit.middleware());
const post = (app: express.Express, push: SignedPush) => request(app).post(`/wechat/audit${push.search}`).set('content-type', push.contentType).send(push.body);

describe.skipIf(!redisAvailable)('createRedisStore against a real Redis', () => {
  const client = redisAvailable ? testClient() : undefined;
  const prefixes: string[] = [];
  const prefix = (name: string) => {
    const p = uniquePrefix(name);
    prefixes.push(p);
    return p;
  };
  afterAll(async () => {
    for (const p of prefixes) await dropPrefix(client!, p);
    client?.disconnect();
  });

  it('claims once, lets only the owner renew, release and complete, and keeps done markers for ttlSeconds', async () => {
    const keyPrefix = prefix('semantics');
    const store = createRedisStore({ url: REDIS_URL, keyPrefix, ttlSeconds: 120 });
    await expectStoreContract(store, 'm1');
    const ttl = await client!.ttl(claimKey(keyPrefix, 'm1'));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    await store.close();
  });

  it('keeps leases and shared values in namespaces of their own (lease:, value:), with their times to live', async () => {
    const keyPrefix = prefix('shared-state');
    const store = createRedisStore({ url: REDIS_URL, keyPrefix });
    await expectSharedStateContract(store, 'auditStatus:shop', 100, async () => void (await sleep(150)));
    const keys = (await client!.keys(`${keyPrefix}*`)).map((k) => k.slice(keyPrefix.length).replace(/[0-9a-f]{64}$/, '<sha256>')).sort();
    expect(keys).toEqual(['claim:<sha256>', 'lease:<sha256>', 'value:<sha256>']);
    expect(await client!.pttl(`${keyPrefix}lease:${sha256('auditStatus:shop')}`)).toBeGreaterThan(50_000);
    // A value something else wrote under keyPrefix is an error, never taken for ours.
    await client!.set(`${keyPrefix}value:${sha256('other')}`, 'not ours');
    await expect(store.getValue!('other')).rejects.toMatchObject({ code: 'STORE_VALUE_UNEXPECTED' });
    await expect(store.swapValue!('other', undefined, 'x', 1000)).rejects.toMatchObject({ code: 'STORE_VALUE_UNEXPECTED' });
    await store.close();
  });

  it('lets a lapsed lease be claimed by another owner, and the late owner can no longer renew it', async () => {
    const store = createRedisStore({ url: REDIS_URL, keyPrefix: prefix('lease') });
    expect(await store.claim('m2', 'dead', 100)).toBe('claimed');
    await sleep(250);
    expect(await store.state('m2')).toBe('none');
    expect(await store.claim('m2', 'alive', 5000)).toBe('claimed');
    expect(await store.renew('m2', 'dead', 5000)).toBe(false);
    await store.release('m2', 'dead');
    expect(await store.state('m2')).toBe('in-flight');
    await store.close();
  });

  it('uses a given ioredis client without closing it', async () => {
    const own = testClient();
    const store = createRedisStore({ client: own, keyPrefix: prefix('client') });
    expect(await store.claim('m3', 'a', 1000)).toBe('claimed');
    await store.close();
    expect(await own.ping()).toBe('PONG');
    own.disconnect();
  });

  it('a listener that throws then succeeds: 500 first, success on the retry, done afterwards without a third run', async () => {
    const store = createRedisStore({ url: REDIS_URL, keyPrefix: prefix('throws') });
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, store });
    let runs = 0;
    const errors: unknown[] = [];
    audit.on('message', () => {
      runs += 1;
      if (runs === 1) throw new Error('database briefly down');
    });
    audit.on('handlerError', (e) => errors.push(e.error));
    const app = appFor(audit);
    const push = textPush('7001', { mode: 'safe' });
    const first = await post(app, push);
    expect(first.status).toBe(500);
    expect(await store.state(textPushId('7001'))).toBe('none');
    const retry = await post(app, push);
    expect([retry.status, retry.text]).toEqual([200, 'success']);
    const again = await post(app, push);
    expect([again.status, again.text]).toEqual([200, 'success']);
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
    expect(await store.state(textPushId('7001'))).toBe('done');
    await audit.close();
    await store.close();
  });

  it('a listener that hangs past ackTimeoutMs: 503, stays in flight on every instance, then the retry is acknowledged once it settles', async () => {
    const keyPrefix = prefix('hangs');
    const stores = [createRedisStore({ url: REDIS_URL, keyPrefix }), createRedisStore({ url: REDIS_URL, keyPrefix })];
    const audits = stores.map((store) => createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, store, ackTimeoutMs: 300, logger: false }));
    let runs = 0;
    const failures: unknown[] = [];
    const slow: unknown[] = [];
    for (const audit of audits) {
      audit.on('message', async () => {
        runs += 1;
        await sleep(900);
      });
      audit.on('handlerError', (e) => failures.push(e.error));
      audit.on('handlerSlow', (e) => slow.push(e.event.type));
    }
    const [a, b] = audits.map(appFor) as [express.Express, express.Express];
    const push = textPush('7002');
    const first = await post(a, push);
    expect(first.status).toBe(503);
    expect(JSON.parse(first.text).code).toBe('HANDLER_TIMEOUT');
    // WeChat's retry lands on the other instance while the listener still runs: it waits, then 503s.
    const early = await post(b, push);
    expect(early.status).toBe(503);
    expect(JSON.parse(early.text).code).toBe('DUPLICATE_IN_FLIGHT');
    await audits[0]!.close(); // waits for the listener
    const late = await post(b, push);
    expect([late.status, late.text]).toEqual([200, 'success']);
    expect(runs).toBe(1);
    // It overran, then succeeded: reported apart (handlerSlow), not as a failure.
    expect(slow).toEqual(['message']);
    expect(failures).toEqual([]);
    await audits[1]!.close();
    for (const s of stores) await s.close();
  });
});

describe('createRedisStore when Redis cannot be reached', () => {
  let url = '';
  beforeAll(async () => {
    url = `redis://127.0.0.1:${await freePort()}`;
  });

  it('answers 503 STORE_UNAVAILABLE, emits rejected, never runs a listener, and fails fast', async () => {
    const store = createRedisStore({ url, commandTimeoutMs: 500 });
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, store });
    const rejected: RejectedEvent[] = [];
    let runs = 0;
    audit.on('rejected', (e) => rejected.push(e));
    audit.on('message', () => void (runs += 1));
    const app = appFor(audit);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await post(app, textPush(`8${i}`));
      times.push(Math.round(performance.now() - started));
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text).code).toBe('STORE_UNAVAILABLE');
    }
    expect(rejected.map((r) => [r.code, r.status])).toEqual([
      ['STORE_UNAVAILABLE', 503],
      ['STORE_UNAVAILABLE', 503],
      ['STORE_UNAVAILABLE', 503],
    ]);
    expect(rejected[0]!.message).not.toMatch(/redisTestToken|127\.0\.0\.1/);
    expect(runs).toBe(0);
    console.log(`[figures] unreachable Redis: 503 answered in ${times.join(', ')} ms (first waits for the connection attempt)`);
    await audit.close();
    await store.close();
  });
});
