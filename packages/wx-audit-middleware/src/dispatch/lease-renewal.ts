import type { IdempotencyStore } from '../stores/store.js';
import type { RequestPlace, Reporter } from './reporter.js';

/**
 * One renewal of a claim's lease while its listeners run, for a timer to call. Through a promise chain, so
 * that a store of the user's own throwing synchronously cannot escape the timer uncaught. A lease that
 * cannot be renewed (the store says it is no longer ours, or throws) is reported once per message as
 * `storeError`, not at every tick: another instance may run the message meanwhile.
 */
export function leaseRenewal(
  store: IdempotencyStore,
  claim: { id: string; owner: string; leaseMs: number },
  reporter: Reporter,
  place?: RequestPlace,
): () => void {
  let said = false;
  const trouble = (error?: unknown) => {
    if (said) return;
    said = true;
    reporter.storeError({ type: 'storeError', operation: 'renew', id: claim.id, ...(error === undefined ? {} : { error }) }, place);
  };
  return () =>
    void Promise.resolve()
      .then(() => store.renew(claim.id, claim.owner, claim.leaseMs))
      .then((held) => held === false && trouble(), trouble);
}
