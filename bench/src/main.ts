// `pnpm bench`: the HTTP comparison (this process is the load generator; each server is a child), then
// the in-process benchmarks, each in its own child. Prints the results and writes docs/benchmarks.md.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readSettings } from './bench-settings.js';
import { LOAD_CPU, pinToCpu, SERVER_CPU } from './cpu-pin.js';
import { writeResults } from './docs-writer.js';
import { compareConfigs, LAYER_CONFIGS, runHttpBench, runProblems } from './http-bench.js';
import { renderResults, type BenchResults } from './report.js';
import { runTask } from './task-process.js';
import type { FixtureThroughputRow } from './tasks/fixture-throughput.js';
import type { MicroVariant } from './tasks/micro.js';
import type { StoreMemoryResult } from './tasks/store-memory.js';
import type { WorstCaseResult } from './tasks/worst-case.js';

const settings = readSettings();
const started = performance.now();
const log = (line: string) => console.log(line);
// Pinned before anything runs: the in-process benchmarks' children inherit the load generator's CPU.
const pinned = settings.pin && pinToCpu(process.pid, LOAD_CPU);
const results: BenchResults = { settings, startedAt: new Date(), loadAtStart: loadavg(), seconds: 0, pinned };
const wants = (part: string) => settings.parts.includes(part);

if (wants('http')) results.http = await runHttpBench({ ...settings, serverCpu: pinned ? SERVER_CPU : undefined, log });
if (wants('layers')) {
  log('layers…');
  results.layers = await runHttpBench({ ...settings, only: [], configs: LAYER_CONFIGS, serverCpu: pinned ? SERVER_CPU : undefined, log });
}
if (wants('compare') && settings.compareServe) {
  log(`compare with ${settings.compareServe}…`);
  results.compare = await runHttpBench({ ...settings, only: [], configs: compareConfigs(settings.compareServe, settings.only), serverCpu: pinned ? SERVER_CPU : undefined, log });
}
if (wants('micro')) {
  log('micro-benchmark…');
  results.micro = await runTask<MicroVariant[]>('micro', 200);
}
if (wants('worst')) {
  log('worst cases…');
  results.worst = await runTask<WorstCaseResult>('worst', 150);
}
if (wants('store')) {
  log('store memory…');
  results.store = await runTask<StoreMemoryResult>('store', 0);
}
if (wants('fixtures')) {
  log('fixture throughput…');
  results.fixtures = await runTask<FixtureThroughputRow[]>('fixtures', 500);
}
results.seconds = (performance.now() - started) / 1000;

const generated = renderResults(results);
console.log(`\n${generated}\n`);
if (settings.writeDocs) {
  const page = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
  writeResults(page, generated, results.startedAt.toISOString().slice(0, 10));
  log(`written to ${page}`);
}
// Invalid runs (errors, wrong answers, dedup short-cuts) fail the command: their figures mean nothing.
const invalid = [results.http, results.layers, results.compare].flatMap((h) => (h ? [...h.runs.values()].flat() : [])).filter((r) => runProblems(r).length > 0).length;
if (invalid > 0) {
  console.error(`${invalid} HTTP run(s) were invalid; see the "valid" column.`);
  process.exitCode = 1;
}
