// The soak in small: 2,000 pushes (400 of them re-deliveries) through two instance processes and a
// redis-server of its own, no fault injected. The full run is `pnpm soak` (docs/reliability.md).
import { describe, expect, it } from 'vitest';
import { hasBinary } from '../../packages/wx-audit-middleware/test/redis-helpers/redis-server.js';
import { formatFigures } from './format-figures.js';
import { runSoak } from './run-soak.js';
import { DEFAULT_SOAK_OPTIONS, parseSoakArgs, SoakUsageError } from './soak-options.js';
import { createSoakPushes, keyOfId } from './soak-pushes.js';

const redisServer = hasBinary('redis-server');
if (!redisServer) console.log('Soak smoke test skipped: the redis-server binary is not on PATH.');

describe('soak options', () => {
  it('reads the flags, keeps the defaults for the others, and refuses unknown flags and bad values', () => {
    const options = parseSoakArgs(['--pushes', '2000', '--no-kill', '--durable', '--redis-persistence', 'none', '--out', 'x.json']);
    expect(options).toMatchObject({ pushes: 2000, kill: false, durable: true, redisPersistence: 'none', out: 'x.json', redisRestart: true });
    expect(options.concurrency).toBe(DEFAULT_SOAK_OPTIONS.concurrency);
    expect(() => parseSoakArgs(['--pushes', '0'])).toThrow(SoakUsageError);
    expect(() => parseSoakArgs(['--duplicates', '1'])).toThrow(SoakUsageError);
    expect(() => parseSoakArgs(['--redis-persistence', 'rdb'])).toThrow(SoakUsageError);
    expect(() => parseSoakArgs(['--kill'])).toThrow(SoakUsageError);
  });
});

describe('soak pushes', () => {
  it('re-deliveries repeat an earlier push with the same plaintext in a new envelope; distinct pushes differ', () => {
    const source = createSoakPushes({ seed: 7, duplicateRatio: 0.2 });
    const pushes = Array.from({ length: 100 }, (_, i) => source.next(i));
    const originals = new Map(pushes.filter((p) => !p.duplicate).map((p) => [p.key, p.request]));
    const duplicates = pushes.filter((p) => p.duplicate);
    expect(duplicates).toHaveLength(20);
    expect(originals.size).toBe(80);
    expect(new Set([...originals.values()].map((r) => r.plaintext)).size).toBe(80);
    for (const { key, request } of duplicates) {
      const original = originals.get(key)!;
      expect(request.plaintext).toBe(original.plaintext);
      expect(request.encrypt).not.toBe(original.encrypt);
      expect(request.search).not.toBe(original.search);
    }
    expect(keyOfId('evt:gh_0123456789ab||oSoak42|1700000000|open_product_scene_group_audit|3')).toBe(42);
  });
});

describe.skipIf(!redisServer)('soak smoke run', () => {
  it('2,000 pushes, 20 % re-deliveries, across two instance processes: nothing lost, every distinct push dispatched', async () => {
    const figures = await runSoak({ ...DEFAULT_SOAK_OPTIONS, pushes: 2000, kill: false, redisRestart: false, sampleMs: 500 }, () => undefined);
    console.log(`[figures] soak smoke run:\n${formatFigures(figures)}`);
    expect(figures.pushes).toEqual({ requested: 2000, sent: 2000, distinct: 1600, duplicates: 400 });
    expect(figures.lost.count).toBe(0);
    expect(figures.dispatched.distinctPushesRun).toBe(1600);
    expect(figures.dispatched.distinctIds).toBe(1600);
    expect(figures.acknowledged).toBe(2000);
    expect(Object.keys(figures.memory).sort()).toEqual(['instance-0', 'instance-1', 'sender']);
  }, 30_000);
});
