import { createMemoryStore } from '@x/wx-audit-middleware';

export interface StoreMemoryPoint {
  messages: number;
  /** heapUsed after a full GC, bytes. */
  heapUsed: number;
}

export interface StoreMemoryResult {
  empty: number;
  points: StoreMemoryPoint[];
  afterClose: number;
  seconds: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  if (!gc) throw new Error('store-memory needs node --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * The default store (createMemoryStore(), as createWxAudit uses it) after N distinct messages, each
 * claimed then completed as the dispatcher does, with keys shaped like a real event's
 * (FromUserName + CreateTime + Event).
 */
export async function runStoreMemory(checkpoints: readonly number[]): Promise<StoreMemoryResult> {
  const started = process.hrtime.bigint();
  const empty = heapAfterGc();
  const store = createMemoryStore();
  const points: StoreMemoryPoint[] = [];
  const last = Math.max(...checkpoints);
  for (let i = 1; i <= last; i++) {
    const key = `oMKbH5MtRalx0-1bIdmAuduh${1_600_000_000 + i}open_product_scene_group_audit`;
    await store.claim(key, 'owner', 5000);
    await store.complete(key, 'owner');
    if (checkpoints.includes(i)) points.push({ messages: i, heapUsed: heapAfterGc() });
  }
  await store.close();
  const afterClose = heapAfterGc();
  return { empty, points, afterClose, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
