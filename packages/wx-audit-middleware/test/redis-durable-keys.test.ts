// Security review #19, finding 4: ids must never meet the store's and the queue's own keys. A push whose
// id is `queued:<another id>` used to find that push's queue marker as its claim and spin for a day; a
// claim written first made the other push look already queued (acknowledged, never run). Unexpected
// stored values are errors, and a claim held by someone else is waited for a bounded time only.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createDurableDispatcher, type DurableDispatcher } from '../src/durable/durable-queue.js';
import { ID_PREFIX, joinIdParts, messageDigest } from '../src/events/ids.js';
import { createRedisStore, createWxAudit, isWxAuditError, type DispatchedEvent, type DurableOptions, type HandlerErrorEvent, type RejectedEvent, type WxAudit } from '../src/index.js';
import type { IdempotencyStore } from '../src/stores/store.js';
import { APP_ID, AES_KEY, TOKEN, signedPush, type SignedPush } from './redis-helpers/push.js';
import { claimKey, dropPrefix, entryFields, REDIS_URL, redisAvailable, sleep, testClient, uniquePrefix, until } from './redis-helpers/redis.js';

const hex = (id: string) => createHash('sha256').update(id).digest('hex');
const message = (id: string): DispatchedEvent[] => [{ type: 'message', id, raw: {}, toUserName: 'gh_1', fromUserName: 'oUser', createTime: 1714037000, msgType: 'text' } as DispatchedEvent];
const post = (audit: WxAudit, push: SignedPush) =>
  request(express().use('/wechat/audit', audit.middleware())).post(`/wechat/audit${push.search}`).set('content-type', push.contentType).send(push.body);
const eventMessage = (fromUserName: string, createTime: number) => ({ ToUserName: 'gh_885ece6ed5eb', FromUserName: fromUserName, CreateTime: createTime, MsgType: 'event', Event: 'subscribe' });
const eventPush = (fromUserName: string, createTime = Math.floor(Date.now() / 1000)) => signedPush(eventMessage(fromUserName, createTime), { mode: 'safe' });
/** The id the middleware gives eventPush(from, createTime): an event without documented keys is told apart by a digest of it (XML: every value text). */
const eventPushId = (fromUserName: string, createTime: number) => {
  const raw = Object.fromEntries(Object.entries(eventMessage(fromUserName, createTime)).map(([k, v]) => [k, String(v)]));
  return joinIdParts(ID_PREFIX.event, ['gh_885ece6ed5eb', '', fromUserName, createTime, 'subscribe', messageDigest(raw)]);
};

describe.skipIf(!redisAvailable)('durable mode and the Redis store: key namespaces apart from ids', () => {
  const client = redisAvailable ? testClient() : undefined;
  const prefixes: string[] = [];
  const closers: Array<() => Promise<void>> = [];
  const prefix = (name: string) => {
    const p = uniquePrefix(name);
    prefixes.push(p);
    return p;
  };
  /** A durable queue (with its worker) and the Redis store it claims in, as createWxAudit wires them. */
  const queue = (keyPrefix: string, options: Partial<DurableOptions> = {}) => {
    const emitter = new EventEmitter();
    const store = createRedisStore({ url: REDIS_URL, keyPrefix, ttlSeconds: 60 });
    const durable: DurableDispatcher = createDurableDispatcher({ emitter, store, options: { url: REDIS_URL, keyPrefix, blockMs: 100, ttlSeconds: 60, backoff: { baseMs: 20 }, ...options } });
    closers.push(async () => {
      await durable.close({ timeoutMs: 1000 });
      await store.close();
    });
    return { emitter, store, durable };
  };
  afterAll(async () => {
    for (const close of closers) await close();
    for (const p of prefixes) await dropPrefix(client!, p);
    client?.disconnect();
  });

  it('over HTTP: a push whose id is `queued:` + another push\'s id runs its listener like any other', async () => {
    const keyPrefix = prefix('queued-http');
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, maxMessageAgeSeconds: 60, durable: { url: REDIS_URL, keyPrefix, blockMs: 100, ttlSeconds: 60 } });
    closers.push(() => audit.close({ timeoutMs: 1000 }));
    const seen: string[] = [];
    audit.on('message', (event) => void seen.push(String(event.raw.FromUserName)));
    // Event pushes are keyed FromUserName + CreateTime + Event: the second id is `queued:` + the first.
    for (const from of ['oUser', 'queued:oUser']) expect((await post(audit, eventPush(from))).text).toBe('success');
    await until(() => seen.length === 2, 'both pushes to run', 5000);
    expect(seen.sort()).toEqual(['oUser', 'queued:oUser']);
  });

  it('at the queue level: crafted ids run once each, a claim never makes another push look queued, and no key holds an id', async () => {
    const keyPrefix = prefix('queued-ids');
    const { emitter, store, durable } = queue(keyPrefix);
    const ran: string[] = [];
    emitter.on('message', (event: DispatchedEvent) => void ran.push(event.id));
    expect(await durable.dispatch('zz1', message('zz1'))).toEqual({ ok: true, duplicate: false });
    expect(await durable.dispatch('queued:zz1', message('queued:zz1'))).toEqual({ ok: true, duplicate: false });
    // A claim (by a default-mode instance on the same prefix, say) under the name of zz2's marker.
    expect(await store.claim('queued:zz2', 'someone', 60_000)).toBe('claimed');
    expect(await durable.dispatch('zz2', message('zz2'))).toEqual({ ok: true, duplicate: false });
    await until(() => ran.length === 3, 'three runs', 5000);
    expect(ran.sort()).toEqual(['queued:zz1', 'zz1', 'zz2']);

    const keys = await client!.keys(`${keyPrefix}*`);
    const layout = /^(claim:[0-9a-f]{64}|\{events\}(:dead|:attempts|:queued:[0-9a-f]{64})?)$/;
    expect(keys.map((k) => k.slice(keyPrefix.length)).filter((k) => !layout.test(k))).toEqual([]);
    expect(keys.filter((k) => k.includes('zz'))).toEqual([]);
    expect(await client!.get(claimKey(keyPrefix, 'zz1'))).toBe('d');
  });

  it('the store: a value it did not write is an error (STORE_VALUE_UNEXPECTED), never "in flight"', async () => {
    const keyPrefix = prefix('store-unexpected');
    const store = createRedisStore({ url: REDIS_URL, keyPrefix });
    closers.push(() => store.close());
    await client!.set(claimKey(keyPrefix, 'm1'), 'garbage');
    const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (isWxAuditError(e) ? e.code : String(e)));
    expect(await code(store.claim('m1', 'a', 1000))).toBe('STORE_VALUE_UNEXPECTED');
    expect(await code(store.state('m1'))).toBe('STORE_VALUE_UNEXPECTED');
    expect(await code(store.complete('m1', 'a'))).toBe('STORE_VALUE_UNEXPECTED');
    expect(await client!.get(claimKey(keyPrefix, 'm1'))).toBe('garbage'); // left for the operator to see
    // A claim without a lease would be in flight for ever: not one the store wrote either.
    await client!.set(claimKey(keyPrefix, 'm2'), 'i:someone');
    expect(await code(store.claim('m2', 'a', 1000))).toBe('STORE_VALUE_UNEXPECTED');
  });

  it('the worker: an unexpected claim value dead-letters the entry and emits handlerError instead of spinning', async () => {
    const keyPrefix = prefix('worker-unexpected');
    const { emitter, durable } = queue(keyPrefix);
    let runs = 0;
    const errors: HandlerErrorEvent[] = [];
    emitter.on('message', () => void (runs += 1));
    emitter.on('handlerError', (e: HandlerErrorEvent) => void errors.push(e));
    // Written at the old layout's key as well, so that the code before the fix meets it too.
    for (const key of [claimKey(keyPrefix, 'zz3'), `${keyPrefix}zz3`]) await client!.set(key, 'garbage');
    expect(await durable.dispatch('zz3', message('zz3'))).toEqual({ ok: true, duplicate: false });
    await until(async () => (await client!.xlen(`${keyPrefix}{events}:dead`)) === 1, 'a dead letter', 5000);
    const [[, fields]] = (await client!.xrange(`${keyPrefix}{events}:dead`, '-', '+')) as [[string, string[]]];
    expect(entryFields(fields)).toMatchObject({ id: 'zz3' });
    expect(entryFields(fields).error).toMatch(/^STORE_VALUE_UNEXPECTED/);
    expect(errors.map((e) => (isWxAuditError(e.error) ? e.error.code : e.error))).toEqual(['STORE_VALUE_UNEXPECTED']);
    expect(runs).toBe(0);
    expect(await client!.xlen(`${keyPrefix}{events}`)).toBe(0);
  });

  it('over HTTP: a queue marker holding an unexpected value is a 500 and `rejected`, not a duplicate acknowledged (and lost)', async () => {
    const keyPrefix = prefix('marker-unexpected');
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, maxMessageAgeSeconds: 60, durable: { url: REDIS_URL, keyPrefix, blockMs: 100, ttlSeconds: 60 } });
    closers.push(() => audit.close({ timeoutMs: 1000 }));
    const rejected: RejectedEvent[] = [];
    audit.on('rejected', (e) => void rejected.push(e));
    const createTime = Math.floor(Date.now() / 1000);
    const id = eventPushId('oUser', createTime);
    for (const key of [`${keyPrefix}{events}:queued:${hex(id)}`, `${keyPrefix}queued:${id}`]) await client!.set(key, 'garbage');
    const res = await post(audit, eventPush('oUser', createTime));
    expect(res.status).toBe(500);
    expect(rejected.map((r) => r.code)).toEqual(['STORE_VALUE_UNEXPECTED']);
  });

  it('a claim another consumer keeps holding is waited for 2 × leaseMs, then retried after claimIdleMs, then dead-lettered (CLAIM_HELD)', async () => {
    const keyPrefix = prefix('claim-held');
    const { emitter, durable } = queue(keyPrefix, { leaseMs: 200, claimIdleMs: 300, maxAttempts: 2 });
    const holder: IdempotencyStore = createRedisStore({ url: REDIS_URL, keyPrefix });
    closers.push(() => holder.close());
    let runs = 0;
    emitter.on('message', () => void (runs += 1));
    expect(await holder.claim('zz4', 'a live consumer elsewhere', 60_000)).toBe('claimed');
    expect(await durable.dispatch('zz4', message('zz4'))).toEqual({ ok: true, duplicate: false });
    await until(async () => (await client!.xlen(`${keyPrefix}{events}:dead`)) === 1, 'a dead letter', 8000);
    const [[, fields]] = (await client!.xrange(`${keyPrefix}{events}:dead`, '-', '+')) as [[string, string[]]];
    expect(entryFields(fields)).toMatchObject({ id: 'zz4', attempts: '2' });
    expect(entryFields(fields).error).toMatch(/^CLAIM_HELD/);
    await sleep(100);
    expect(runs).toBe(0);
  });
});
