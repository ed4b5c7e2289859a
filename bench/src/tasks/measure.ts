import { performance } from 'node:perf_hooks';

export interface Timing {
  opsPerSecond: number;
  microsPerOp: number;
}

const WARMUP_MS = 30;

/**
 * Per-op time from the median batch, not the mean: on a shared machine a batch that was preempted or hit
 * a major GC is an outlier that would otherwise dominate a short measurement.
 */
function fromBatches(batchMs: number[], batch: number): Timing {
  const sorted = [...batchMs].sort((a, b) => a - b);
  const microsPerOp = ((sorted[Math.floor(sorted.length / 2)] ?? 0) * 1000) / batch;
  return { opsPerSecond: 1e6 / microsPerOp, microsPerOp };
}

/** Runs `fn` in a hand loop (batches of `batch` between clock reads) for at least `minMs` after a warm-up; median batch. */
export function timeSync(fn: (i: number) => unknown, minMs: number, batch = 64): Timing {
  let i = 0;
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) for (let b = 0; b < batch; b++) fn(i++);
  const batches: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs || batches.length < 5) {
    const t = performance.now();
    for (let b = 0; b < batch; b++) fn(i++);
    batches.push(performance.now() - t);
  }
  return fromBatches(batches, batch);
}

/**
 * The same for async work, one call awaited at a time (what one request costs, not throughput under
 * concurrency). `warmMs`: a whole request path needs far longer than one function to reach V8's optimising tier.
 */
export async function timeAsync(fn: (i: number) => Promise<unknown>, minMs: number, batch = 32, warmMs = WARMUP_MS): Promise<Timing> {
  let i = 0;
  const warmEnd = performance.now() + warmMs;
  while (performance.now() < warmEnd) for (let b = 0; b < batch; b++) await fn(i++);
  const batches: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs || batches.length < 5) {
    const t = performance.now();
    for (let b = 0; b < batch; b++) await fn(i++);
    batches.push(performance.now() - t);
  }
  return fromBatches(batches, batch);
}
