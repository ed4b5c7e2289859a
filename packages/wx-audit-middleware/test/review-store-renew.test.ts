import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type IdempotencyStore, type WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, gate, makeAudit, sceneAuditWire, send } from './helpers/push.js';

const audits: WxAudit[] = [];
const uncaught: unknown[] = [];
const record = (error: unknown) => void uncaught.push(error);
afterEach(async () => {
  process.off('uncaughtException', record);
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

/** A store of the user's own whose renew fails synchronously (a closed client, a bug), or answers without a promise. */
function storeWithBadRenew(renew: () => never | boolean, renewed: () => void): IdempotencyStore {
  const inner = createMemoryStore();
  return {
    ...inner,
    renew: (() => {
      renewed();
      return renew();
    }) as unknown as IdempotencyStore['renew'],
  };
}

describe.each(flavors)('%s: a store whose renew misbehaves never crashes the process', (flavor) => {
  it.each([
    ['throws synchronously', (): never => { throw new Error('renew: client closed'); }],
    ['returns a plain boolean', () => true],
  ])('renew %s while a listener runs: the push is still answered, nothing is thrown uncaught', async (_how, renew) => {
    process.on('uncaughtException', record);
    uncaught.length = 0;
    let renews = 0;
    const renewedTwice = gate();
    const store = storeWithBadRenew(renew, () => void (++renews === 2 && renewedTwice.open()));
    const audit = makeAudit({ store, leaseMs: 30 });
    audits.push(audit);
    // The listener outlives two renewals of the lease.
    audit.on('sceneAudit', () => renewedTwice.promise);

    const res = await send(makeApp(flavor, audit), buildPush({ message: sceneAuditWire(), mode: 'safe' }));

    expect(res.text).toBe('success');
    expect(uncaught).toEqual([]);
  });
});
