import { buildBenchPush, type BenchRequest, type PushFormat, type PushMode } from './push-request.js';
import { seedSceneAudit } from './seed-scene-audit.js';

export interface PoolSpec {
  mode: PushMode;
  format: PushFormat;
  size: number;
  /** Unix seconds every request is signed with; the servers' clocks are fixed to it. */
  nowSeconds: number;
}

/**
 * `size` distinct, validly signed pushes of the seed's scene audit: each has its own CreateTime, so its
 * own idempotency key (FromUserName + CreateTime + Event). Cycled through by more requests than the
 * default store keeps (10,000), a message has been evicted before it comes round again: every request
 * takes the realistic first-delivery path (claim, dispatch, complete), never the "already done" one.
 */
export function buildRequestPool(spec: PoolSpec): BenchRequest[] {
  const timestamp = String(spec.nowSeconds);
  const pool: BenchRequest[] = [];
  for (let i = 0; i < spec.size; i++) {
    pool.push(buildBenchPush(seedSceneAudit(spec.nowSeconds - 1 - i), { mode: spec.mode, format: spec.format, timestamp, nonce: `n${i}` }));
  }
  return pool;
}
