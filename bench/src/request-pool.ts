import { buildBenchPush, type BenchRequest, type PushFormat, type PushMode } from './push-request.js';
import { seedSceneAudit } from './seed-scene-audit.js';

export interface PoolSpec {
  mode: PushMode;
  format: PushFormat;
  size: number;
  /** Unix seconds every request is signed with; the servers' clocks are fixed to it. */
  nowSeconds: number;
}

/** Distinct CreateTimes used, all within the middleware's default maxMessageAgeSeconds (3600). */
const CREATE_TIMES = 3000;

/**
 * `size` distinct, validly signed pushes of the seed's scene audit: each has its own idempotency key (its
 * CreateTime, one of the last 3,000 seconds so that every push is fresh, and its sender). Cycled through
 * by more requests than the default store keeps (10,000), a message has been evicted before it comes round
 * again: every request takes the realistic first-delivery path (claim, dispatch, complete), never the
 * "already done" one.
 */
export function buildRequestPool(spec: PoolSpec): BenchRequest[] {
  const timestamp = String(spec.nowSeconds);
  const pool: BenchRequest[] = [];
  for (let i = 0; i < spec.size; i++) {
    const message = { ...seedSceneAudit(spec.nowSeconds - 1 - (i % CREATE_TIMES)), FromUserName: `oMKbH5MtRalx0-1bIdmAu${String(i).padStart(6, '0')}` };
    pool.push(buildBenchPush(message, { mode: spec.mode, format: spec.format, timestamp, nonce: `n${i}` }));
  }
  return pool;
}
