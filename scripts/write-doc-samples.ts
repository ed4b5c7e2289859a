// pnpm typecheck: writes the docs' ```ts samples to docs/.samples/ so that tsconfig.docs.json can compile them.
import { writeSamples } from '../docs/samples.js';

const samples = writeSamples();
console.log(`docs: ${samples.length} samples written to docs/.samples/`);
