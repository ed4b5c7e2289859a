// A store that fails around listeners that ran (renewing their lease, recording their outcome) is reported
// as `storeError` and logged once, never swallowed: the message may run again, and someone must know why.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type IdempotencyStore, type StoreErrorEvent } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, gate, makeAudit, send, textWire } from './helpers/push.js';

/** The memory store, with `overrides` replacing some of its operations. */
function storeWith(overrides: Partial<IdempotencyStore>): IdempotencyStore {
  const inner = createMemoryStore();
  return {
    ttlSeconds: inner.ttlSeconds,
    claim: (...a) => inner.claim(...a),
    renew: (...a) => inner.renew(...a),
    complete: (...a) => inner.complete(...a),
    release: (...a) => inner.release(...a),
    state: (...a) => inner.state(...a),
    close: () => inner.close(),
    ...overrides,
  };
}

function setup(flavor: (typeof flavors)[number], store: IdempotencyStore, options = {}) {
  const lines: string[] = [];
  const logger = { warn: (line: string) => void lines.push(`warn ${line}`), error: (line: string) => void lines.push(`error ${line}`) };
  const audit = makeAudit({ store, logger, ...options });
  const troubles: StoreErrorEvent[] = [];
  audit.on('storeError', (e) => void troubles.push(e));
  return { audit, app: makeApp(flavor, audit), troubles, lines };
}

describe.each(flavors)('%s: storeError', (flavor) => {
  it('complete() throwing after the listeners ran: 503 STORE_UNAVAILABLE, storeError (complete) and a log line', async () => {
    const { audit, app, troubles, lines } = setup(flavor, storeWith({ complete: async () => Promise.reject(new Error('READONLY replica')) }));
    let runs = 0;
    audit.on('message', () => void runs++);
    const res = await send(app, buildPush({ message: textWire('8880001') }));
    expect([res.status, res.body.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    expect(runs).toBe(1);
    expect(troubles).toMatchObject([{ type: 'storeError', operation: 'complete', id: 'msg:gh_885ece6ed5eb||8880001', error: { message: 'READONLY replica' } }]);
    expect(lines.filter((l) => l.includes('failed to record (complete)'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('8880001'); // ids stay out of log lines
    await audit.close();
  });

  it('release() throwing after a listener failed: storeError (release)', async () => {
    const { audit, app, troubles } = setup(flavor, storeWith({ release: async () => Promise.reject(new Error('connection lost')) }));
    audit.on('message', () => {
      throw new Error('listener failed');
    });
    const res = await send(app, buildPush({ message: textWire('8880002') }));
    expect(res.status).toBe(503);
    expect(troubles.map((t) => t.operation)).toEqual(['release']);
    await audit.close();
  });

  it('a lease the store no longer grants while a listener runs: storeError (renew, no error) once, however many ticks', async () => {
    const { audit, app, troubles, lines } = setup(flavor, storeWith({ renew: async () => false }), { leaseMs: 30, ackTimeoutMs: 1000 });
    const slow = gate();
    audit.on('message', () => slow.promise);
    const answer = send(app, buildPush({ message: textWire('8880003') })).then((r) => r);
    await new Promise((r) => setTimeout(r, 150)); // several renewal ticks (every 10 ms)
    slow.open();
    expect((await answer).text).toBe('success');
    expect(troubles).toEqual([{ type: 'storeError', operation: 'renew', id: 'msg:gh_885ece6ed5eb||8880003' }]);
    expect(lines.filter((l) => l.includes('no longer holds the lease'))).toHaveLength(1);
    await audit.close();
  });

  it('renew() throwing while a listener runs: storeError (renew) with the error', async () => {
    const { audit, app, troubles } = setup(flavor, storeWith({ renew: () => { throw new Error('socket closed'); } }), { leaseMs: 30, ackTimeoutMs: 1000 });
    const slow = gate();
    audit.on('message', () => slow.promise);
    const answer = send(app, buildPush({ message: textWire('8880004') })).then((r) => r);
    await new Promise((r) => setTimeout(r, 100));
    slow.open();
    expect((await answer).text).toBe('success');
    expect(troubles).toMatchObject([{ operation: 'renew', error: { message: 'socket closed' } }]);
    await audit.close();
  });
});
