// Durable mode's workers report a store failing around listeners that ran, as the default dispatcher does.
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisStore, createWxAudit, type IdempotencyStore, type StoreErrorEvent, type WxAudit } from '../src/index.js';
import { APP_ID, AES_KEY, TOKEN, textPush, textPushId } from './redis-helpers/push.js';
import { dropPrefix, REDIS_URL, redisAvailable, testClient, uniquePrefix, until } from './redis-helpers/redis.js';

describe.skipIf(!redisAvailable)('durable mode: storeError from the workers (real Redis)', () => {
  const client = redisAvailable ? testClient() : undefined;
  const prefixes: string[] = [];
  const audits: WxAudit[] = [];
  afterAll(async () => {
    await Promise.all(audits.map((a) => a.close({ timeoutMs: 1000 })));
    for (const p of prefixes) await dropPrefix(client!, p);
    client?.disconnect();
  });

  it('complete() failing after the listener ran: storeError (complete), and the entry stays pending rather than lost', async () => {
    const keyPrefix = uniquePrefix('store-error');
    prefixes.push(keyPrefix);
    const redis = createRedisStore({ url: REDIS_URL, keyPrefix });
    let failures = 1;
    const store: IdempotencyStore = {
      ttlSeconds: redis.ttlSeconds,
      claim: (...a) => redis.claim(...a),
      renew: (...a) => redis.renew(...a),
      complete: async (...a) => (failures-- > 0 ? Promise.reject(new Error('READONLY replica')) : redis.complete(...a)),
      release: (...a) => redis.release(...a),
      state: (...a) => redis.state(...a),
      close: () => redis.close(),
    };
    const audit = createWxAudit({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      appId: APP_ID,
      requireEncryption: false,
      logger: false,
      store,
      durable: { url: REDIS_URL, keyPrefix, blockMs: 100, claimIdleMs: 300, backoff: { baseMs: 20, maxMs: 50 } },
    });
    audits.push(audit);
    const troubles: StoreErrorEvent[] = [];
    audit.on('storeError', (e) => void troubles.push(e));
    let runs = 0;
    audit.on('message', () => void runs++);
    const push = textPush('9990101');
    const res = await request(express().use('/wechat/audit', audit.middleware())).post(`/wechat/audit${push.search}`).set('content-type', push.contentType).send(push.body);
    expect(res.text).toBe('success');
    await until(() => troubles.length > 0, 'the storeError', 5000);
    expect(troubles[0]).toMatchObject({ type: 'storeError', operation: 'complete', id: textPushId('9990101'), error: { message: 'READONLY replica' } });
    // Not acknowledged: the entry stays pending in the stream (taken over after claimIdleMs, at least once).
    expect(((await client!.xpending(`${keyPrefix}{events}`, 'wx-audit')) as unknown[])[0]).toBe(1);
    await store.close();
  });
});
