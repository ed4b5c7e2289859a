import { performance } from 'node:perf_hooks';

export interface Timing {
  opsPerSecond: number;
  microsPerOp: number;
}

const WARMUP_MS = 30;

/** Runs `fn` in a hand loop (batches of `batch` between clock reads) for at least `minMs` after a warm-up. */
export function timeSync(fn: (i: number) => unknown, minMs: number, batch = 64): Timing {
  let i = 0;
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) for (let b = 0; b < batch; b++) fn(i++);
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let b = 0; b < batch; b++) fn(i++);
    ops += batch;
    elapsed = performance.now() - start;
  }
  return { opsPerSecond: (ops / elapsed) * 1000, microsPerOp: (elapsed * 1000) / ops };
}

/**
 * The same for async work, one call awaited at a time (what one request costs, not throughput under
 * concurrency). `warmMs`: a whole request path needs far longer than one function to reach V8's optimising tier.
 */
export async function timeAsync(fn: (i: number) => Promise<unknown>, minMs: number, batch = 32, warmMs = WARMUP_MS): Promise<Timing> {
  let i = 0;
  const warmEnd = performance.now() + warmMs;
  while (performance.now() < warmEnd) for (let b = 0; b < batch; b++) await fn(i++);
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let b = 0; b < batch; b++) await fn(i++);
    ops += batch;
    elapsed = performance.now() - start;
  }
  return { opsPerSecond: (ops / elapsed) * 1000, microsPerOp: (elapsed * 1000) / ops };
}
