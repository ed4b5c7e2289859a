import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Settings of one `pnpm bench`, from the environment; the defaults fit the 3-minute budget on 2 cores. */
export interface BenchSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  poolSize: number;
  /** HTTP configuration ids to run (the baseline always runs); all when empty. */
  only: string[];
  /** Parts to run: http, micro, worst, store, fixtures by default; layers only when asked for. */
  parts: string[];
  /** Directory for `--cpu-prof` profiles of our servers; none when unset. */
  cpuProfDir?: string;
  /** Write docs/benchmarks.md (off for partial runs). */
  writeDocs: boolean;
  /** Pin the load generator and each server to a CPU of their own (BENCH_PIN=0 turns it off). */
  pin: boolean;
  /** BENCH_COMPARE: the server entry (bench/dist/serve.js) of another checkout, for the `compare` part. */
  compareServe?: string;
}

const ALL_PARTS = ['http', 'micro', 'worst', 'store', 'fixtures'];
/** Not in a default run (the 3-minute budget): our middleware in the server a layer at a time. */
const EXTRA_PARTS = ['layers', 'compare'];

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

const list = (raw: string | undefined) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function readSettings(): BenchSettings {
  const parts = list(process.env.BENCH_PARTS);
  const unknown = parts.filter((p) => !ALL_PARTS.includes(p) && !EXTRA_PARTS.includes(p));
  if (unknown.length) throw new Error(`BENCH_PARTS: unknown part(s) ${unknown.join(', ')}; known: ${[...ALL_PARTS, ...EXTRA_PARTS].join(', ')}`);
  const only = list(process.env.BENCH_ONLY);
  const compareServe = compareEntry(process.env.BENCH_COMPARE);
  // BENCH_COMPARE alone means "compare": the comparison is what was asked for.
  if (compareServe && parts.length === 0) parts.push('compare');
  if (parts.includes('compare') && !compareServe) throw new Error('BENCH_PARTS=compare needs BENCH_COMPARE=<another checkout of this repository>');
  return {
    durationSeconds: positive('BENCH_DURATION', 2),
    warmupSeconds: positive('BENCH_WARMUP', 3),
    connections: positive('BENCH_CONNECTIONS', 10),
    rounds: positive('BENCH_ROUNDS', 5),
    poolSize: positive('BENCH_POOL', 20_000),
    only,
    parts: parts.length ? parts : ALL_PARTS,
    cpuProfDir: process.env.BENCH_CPU_PROF || undefined,
    writeDocs: process.env.BENCH_WRITE_DOCS !== '0' && parts.length === 0 && only.length === 0,
    pin: process.env.BENCH_PIN !== '0',
    compareServe,
  };
}

/** The built bench server of the checkout BENCH_COMPARE names (absolute or relative to the working directory). */
function compareEntry(dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  const entry = resolve(dir, 'bench', 'dist', 'serve.js');
  if (!existsSync(entry)) {
    throw new Error(`BENCH_COMPARE: ${entry} does not exist; build that checkout first (there: pnpm install && pnpm --filter "@x/wx-audit-bench..." build)`);
  }
  return entry;
}
