/**
 * `pnpm fuzz`: the long campaign. Runs every property of properties.ts for its share of FUZZ_RUNS cases
 * (default 100,000), prints cases tried and failures per property, and exits 1 if any failed. Replay a
 * failure with the seed and path it prints: FUZZ_SEED=… FUZZ_PATH=… pnpm fuzz.
 */
import { fuzzProperties } from './properties.js';

const total = Number(process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const replayPath = process.env.FUZZ_PATH;
const only = process.env.FUZZ_ONLY;

const properties = fuzzProperties().filter((p) => !only || p.name.includes(only));
const weights = properties.reduce((sum, p) => sum + p.weight, 0);
console.log(`wx-audit fuzz campaign: ${total} cases, seed ${seed}, node ${process.version}`);

let tried = 0;
let failed = 0;
const started = performance.now();
for (const definition of properties) {
  const numRuns = Math.max(1, Math.ceil((total * definition.weight) / weights)); // ceil: the campaign runs at least `total` cases
  let done = 0;
  const run = await definition.make(() => {
    if (++done % 5000 === 0) console.log(`  … ${definition.name}: ${done} cases run`);
  });
  const t0 = performance.now();
  const details = await run.check({ numRuns, seed, path: replayPath, interruptAfterTimeLimit: 15 * 60_000, markInterruptAsFailure: true });
  await run.close();
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  tried += details.numRuns;
  console.log(`${details.failed ? 'FAIL' : 'ok  '} ${definition.name}: ${details.numRuns} cases in ${seconds} s${details.numShrinks ? `, ${details.numShrinks} shrinks` : ''}`);
  if (details.failed) {
    failed++;
    console.log(`     seed ${details.seed}, path ${details.counterexamplePath ?? '?'}`);
    console.log(`     ${String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance).slice(0, 1500)}`);
  }
}
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(`\n${tried} cases tried, ${failed} failing properties, ${minutes} min`);
process.exit(failed === 0 ? 0 : 1);
