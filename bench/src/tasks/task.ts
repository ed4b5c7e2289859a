// Child-process entry for the in-process benchmarks: `node --expose-gc task.js <name> <minMs>`, forked
// with IPC. Each runs alone in a fresh process, so that one's garbage and JIT state do not bill another.
import { runFixtureThroughput } from './fixture-throughput.js';
import { runMicro } from './micro.js';
import { runStoreMemory } from './store-memory.js';
import { runWorstCase } from './worst-case.js';

const name = process.argv[2];
const minMs = Number(process.argv[3] ?? 200);

const tasks: Record<string, () => Promise<unknown>> = {
  micro: () => runMicro(minMs),
  worst: () => runWorstCase(minMs),
  store: () => runStoreMemory([10_000, 100_000, 1_000_000]),
  fixtures: () => runFixtureThroughput(minMs),
};

const task = name === undefined ? undefined : tasks[name];
if (!task) {
  console.error(`unknown task ${name}; one of ${Object.keys(tasks).join(', ')}`);
  process.exit(2);
}
const result = await task();
process.send?.({ ok: true, result }, undefined, {}, () => process.disconnect?.());
