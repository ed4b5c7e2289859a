// Requests that arrive after audit.close() was called are refused 503 SHUTTING_DOWN (WeChat retries and
// reaches another instance), while the deliveries already in flight still finish within the bound.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { MemoryStoreOptions } from '../src/index.js';
import { createMemoryStore, type IdempotencyStore } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { makePayAudit, sendNotification } from './helpers/info-update.js';
import { buildPush, gate, makeAudit, MOUNT, send, textWire, verifySearch } from './helpers/push.js';
import { watch } from './helpers/refusals.js';

/** A memory store that counts every call made after it was closed. */
function countingStore(options: MemoryStoreOptions = {}) {
  const inner = createMemoryStore(options);
  let closed = false;
  let callsAfterClose = 0;
  const guard = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => (...args: A) => {
    if (closed) callsAfterClose++;
    return call(...args);
  };
  const store: IdempotencyStore = {
    ttlSeconds: inner.ttlSeconds,
    claim: guard(inner.claim),
    renew: guard(inner.renew),
    complete: guard(inner.complete),
    release: guard(inner.release),
    state: guard(inner.state),
    close: async () => {
      closed = true;
      await inner.close();
    },
  };
  return { store, callsAfterClose: () => callsAfterClose };
}

describe.each(flavors)('%s: shutting down', (flavor) => {
  it('a push during close() gets 503 SHUTTING_DOWN and rejected; the one in flight still finishes with success', async () => {
    const { store, callsAfterClose } = countingStore();
    const audit = makeAudit({ store, logger: false });
    const app = makeApp(flavor, audit);
    const seen = watch(audit);
    const slow = gate();
    let runs = 0;
    audit.on('message', async () => {
      runs++;
      if (runs === 1) await slow.promise;
    });
    const first = send(app, buildPush({ message: textWire('7770001') })).then((r) => r);
    while (runs === 0) await new Promise((r) => setImmediate(r));
    const closing = audit.close({ timeoutMs: 5000 });

    const late = await send(app, buildPush({ message: textWire('7770002') }));
    expect([late.status, late.body.code]).toEqual([503, 'SHUTTING_DOWN']);
    const verification = await request(app).get(MOUNT + verifySearch('echo-me'));
    expect([verification.status, verification.body.code]).toEqual([503, 'SHUTTING_DOWN']);
    expect(seen.rejected.map((r) => r.code)).toEqual(['SHUTTING_DOWN', 'SHUTTING_DOWN']);

    slow.open();
    expect((await first).text).toBe('success');
    await closing;
    await store.close();
    expect(runs).toBe(1);
    // After close() as well: refused before any store call.
    const after = await send(app, buildPush({ message: textWire('7770003') }));
    expect([after.status, after.body.code]).toEqual([503, 'SHUTTING_DOWN']);
    expect(callsAfterClose()).toBe(0);
  });

  it('a WeChat Pay notification after close() gets 503 SHUTTING_DOWN, nothing dispatched', async () => {
    const audit = makePayAudit({ logger: false });
    const app = makeApp(flavor, audit, 'json-rawBody');
    const events: unknown[] = [];
    audit.on('infoUpdateAudit', (e) => void events.push(e));
    await audit.close();
    const res = await sendNotification(app);
    expect([res.status, res.body.code]).toEqual([503, 'SHUTTING_DOWN']);
    expect(events).toEqual([]);
  });
});
