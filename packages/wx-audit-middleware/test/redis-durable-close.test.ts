// Security review #19, finding 5: durable close() drained before it stopped consuming, so it ran every
// backoff retry after close() was called and, under steady traffic, never returned. Now it stops
// reading first, waits for the listeners already running (within `timeoutMs`), and leaves the rest
// pending in the stream for another instance or the next start. Figures print as `[figures]` lines.
import { afterAll, describe, expect, it } from 'vitest';
import { createWxAudit } from '../src/index.js';
import { APP_ID, AES_KEY, TOKEN } from './redis-helpers/push.js';
import { dropPrefix, REDIS_URL, redisAvailable, sleep, testClient, uniquePrefix, until } from './redis-helpers/redis.js';

/** Resolves 'closed' when close() returns, or 'still closing' once `ms` have passed (a hang, not a speed). */
const closeWithin = (closing: Promise<void>, ms: number) => Promise.race([closing.then(() => 'closed' as const), sleep(ms).then(() => 'still closing' as const)]);

describe.skipIf(!redisAvailable)('durable close() against a real Redis', () => {
  const client = redisAvailable ? testClient() : undefined;
  const prefixes: string[] = [];
  const closings: Array<Promise<void>> = [];
  const durableAudit = (name: string, extra: Record<string, unknown>) => {
    const keyPrefix = uniquePrefix(name);
    prefixes.push(keyPrefix);
    // The stream is named explicitly so that the code before the fix (another default) writes the same key.
    const stream = `${keyPrefix}{events}`;
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, durable: { url: REDIS_URL, keyPrefix, stream, blockMs: 100, ...extra } });
    return { audit, stream };
  };
  afterAll(async () => {
    await Promise.allSettled(closings);
    for (const p of prefixes) await dropPrefix(client!, p);
    client?.disconnect();
  }, 60_000);

  const entry = (id: string) => ['id', id, 'events', JSON.stringify([{ type: 'message', id, raw: {}, msgType: 'text' }]), 'at', String(Date.now())];

  it('close() during backoff retries runs no further retry and leaves the entry in the stream', async () => {
    const { audit, stream } = durableAudit('close-backoff', { backoff: { baseMs: 400, maxMs: 400 }, maxAttempts: 10 });
    const runs: number[] = [];
    audit.on('message', () => {
      runs.push(Date.now());
      throw new Error('the CRM is down');
    });
    await client!.xadd(stream, '*', ...entry('b1'));
    await until(() => runs.length === 1, 'the first run');
    const closeCalledAt = Date.now();
    const closing = audit.close();
    closings.push(closing);
    expect(await closeWithin(closing, 3000)).toBe('closed');
    await sleep(1000);
    expect(runs.filter((t) => t >= closeCalledAt)).toEqual([]);
    expect(await client!.xlen(stream)).toBe(1); // pending, for another instance or the next start
    expect(await client!.exists(`${stream}:dead`)).toBe(0);
  });

  it('close() under steady traffic returns within its bound and starts no entry after it was called', async () => {
    const { audit, stream } = durableAudit('close-traffic', { concurrency: 4 });
    const starts: number[] = [];
    // Listeners of uneven length and a backlog: some listener is always running, as under real traffic.
    audit.on('message', async () => {
      starts.push(Date.now());
      await sleep(20 + Math.floor(Math.random() * 180));
    });
    let producing = true;
    let produced = 0;
    for (; produced < 50; produced++) await client!.xadd(stream, '*', ...entry(`t${produced}`));
    const producer = (async () => {
      while (producing) {
        await client!.xadd(stream, '*', ...entry(`t${produced++}`));
        await sleep(10);
      }
    })();
    try {
      await until(() => starts.length >= 20, 'steady traffic');
      const closeCalledAt = Date.now();
      const closing = audit.close({ timeoutMs: 2000 });
      closings.push(closing);
      const outcome = await closeWithin(closing, 10_000);
      const closeMs = Date.now() - closeCalledAt;
      const startedAfter = starts.filter((t) => t >= closeCalledAt).length;
      console.log(`[figures] durable close() under steady traffic: ${outcome} after ${closeMs} ms, ${startedAfter} entries started after close() was called`);
      expect(outcome).toBe('closed');
      expect(startedAfter).toBe(0);
    } finally {
      producing = false;
      await producer;
    }
  }, 30_000);

  it('close({ timeoutMs }) stops waiting for a listener that never settles', async () => {
    const { audit, stream } = durableAudit('close-hang', {});
    let started = false;
    audit.on('message', () => {
      started = true;
      return new Promise(() => undefined);
    });
    await client!.xadd(stream, '*', ...entry('h1'));
    await until(() => started, 'the listener');
    const closing = audit.close({ timeoutMs: 200 });
    closings.push(closing);
    expect(await closeWithin(closing, 5000)).toBe('closed');
    expect(await client!.xlen(stream)).toBe(1); // never acknowledged: another instance takes it over
  });

  it('a listener that never settles is given up after handlerTimeoutMs: the slot is freed, the entry retried, then dead-lettered (HANDLER_ABANDONED)', async () => {
    const { audit, stream } = durableAudit('abandon', { concurrency: 1, handlerTimeoutMs: 200, maxAttempts: 2, backoff: { baseMs: 10, maxMs: 10 }, claimIdleMs: 60_000 });
    const codes: unknown[] = [];
    audit.on('handlerError', (e) => void codes.push((e.error as { code?: unknown }).code));
    const ran: string[] = [];
    audit.on('message', (e) => {
      ran.push(e.id);
      // Never settles: before handlerTimeoutMs, it held this instance's only slot until close().
      return e.id === 'hung' ? new Promise(() => undefined) : undefined;
    });
    await client!.xadd(stream, '*', ...entry('hung'));
    await client!.xadd(stream, '*', ...entry('next'));
    await until(async () => (await client!.xlen(`${stream}:dead`)) === 1, 'the hung entry to be dead-lettered');
    await until(async () => ran.includes('next'), 'the next entry to run in the freed slot');
    expect(ran.filter((id) => id === 'hung')).toHaveLength(2);
    expect(codes).toEqual(['HANDLER_ABANDONED', 'HANDLER_ABANDONED']);
    const [dead] = await client!.xrange(`${stream}:dead`, '-', '+');
    const fields = dead![1];
    expect(fields[fields.indexOf('error') + 1]).toMatch(/^WxAuditError: A listener had not settled after handlerTimeoutMs \(200 ms\)|HANDLER_ABANDONED/);
    const closing = audit.close({ timeoutMs: 1000 });
    closings.push(closing);
    expect(await closeWithin(closing, 5000)).toBe('closed');
  });
});
