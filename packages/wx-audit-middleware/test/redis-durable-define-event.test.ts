// Durable mode stores a push's events as JSON. A user's event (defineEvent) whose fields JSON cannot hold
// (a BigInt) was answered 503 STORE_UNAVAILABLE, "Redis could not be reached": the wrong diagnosis, on
// every retry. It is now a 500 INTERNAL_ERROR naming the event and the fix, reported as `rejected` and logged.
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWxAudit, defineEvent, type RejectedEvent } from '../src/index.js';
import { buildPush, NOW_S } from './helpers/push.js';
import { APP_ID, AES_KEY, TOKEN } from './redis-helpers/push.js';
import { dropPrefix, REDIS_URL, redisAvailable, testClient, uniquePrefix } from './redis-helpers/redis.js';

describe.skipIf(!redisAvailable)('durable mode and a user event JSON cannot hold (real Redis)', () => {
  const client = redisAvailable ? testClient() : undefined;
  const keyPrefix = uniquePrefix('define-event-json');
  afterAll(async () => {
    await dropPrefix(client!, keyPrefix);
    client?.disconnect();
  });

  it('is a 500 INTERNAL_ERROR naming the event, reported and logged once, and nothing is enqueued', async () => {
    const big = defineEvent({ name: 'bigAmount', wire: { event: 'big_amount' }, schema: z.object({ amount: z.string() }).transform((m) => ({ amount: BigInt(m.amount) })) });
    const lines: string[] = [];
    const audit = createWxAudit({
      token: TOKEN,
      encodingAESKey: AES_KEY,
      appId: APP_ID,
      now: () => NOW_S * 1000,
      logger: { warn: (line: string) => void lines.push(line), error: (line: string) => void lines.push(line) },
      durable: { url: REDIS_URL, keyPrefix, blockMs: 100 },
      events: [big],
    });
    const rejected: RejectedEvent[] = [];
    audit.on('rejected', (event) => void rejected.push(event));
    const push = buildPush({ message: { ToUserName: 'gh_1', FromUserName: 'o1', CreateTime: NOW_S - 5, MsgType: 'event', Event: 'big_amount', amount: '12345678901234567890' }, token: TOKEN, encodingAESKey: AES_KEY, receiveId: APP_ID });
    const res = await request(express().use('/wechat/audit', audit.middleware())).post(`/wechat/audit${push.search}`).set('content-type', push.contentType).send(push.body);
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL_ERROR');
    expect(res.body.message).toContain('bigAmount');
    expect(res.body.message).not.toContain('12345678901234567890');
    expect(rejected.map((r) => r.code)).toEqual(['INTERNAL_ERROR']);
    expect(lines).toHaveLength(1);
    expect(await client!.xlen(`${keyPrefix}{events}`)).toBe(0);
    await audit.close({ timeoutMs: 1000 });
  });
});
