// `pnpm soak [options]`: see soak-options.ts (or --help). Exits 1 when a push was lost, 2 on a usage error.
import { writeFileSync } from 'node:fs';
import { formatFigures } from './format-figures.js';
import { runSoak } from './run-soak.js';
import { parseSoakArgs, SOAK_USAGE, SoakUsageError } from './soak-options.js';

const argv = process.argv.slice(2).filter((arg) => arg !== '--');
if (argv.includes('--help')) {
  console.log(SOAK_USAGE);
  process.exit(0);
}
let options;
try {
  options = parseSoakArgs(argv);
} catch (error) {
  if (!(error instanceof SoakUsageError)) throw error;
  console.error(`${error.message}\n\n${SOAK_USAGE}`);
  process.exit(2);
}
const figures = await runSoak(options);
console.log(`\n${formatFigures(figures)}\n`);
if (options.out) {
  writeFileSync(options.out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`soak: figures written to ${options.out}`);
}
process.exit(figures.lost.count > 0 ? 1 : 0);
