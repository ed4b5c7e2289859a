// The environment a user sets for `pnpm bench`: mistakes are refused with the fix, not run half-way.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettings } from '../src/bench-settings.js';
import { compareConfigs, type RunFigures } from '../src/http-bench.js';
import { renderResults } from '../src/report.js';

const NAMES = ['BENCH_PARTS', 'BENCH_ONLY', 'BENCH_COMPARE', 'BENCH_DURATION'];
const saved = { ...process.env };
beforeEach(() => {
  for (const name of NAMES) delete process.env[name];
});
afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

function builtCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wx-audit-compare-'));
  mkdirSync(join(dir, 'bench', 'dist'), { recursive: true });
  writeFileSync(join(dir, 'bench', 'dist', 'serve.js'), '');
  return dir;
}

describe('bench settings', () => {
  it('runs the default parts and writes the page when nothing is set', () => {
    const settings = readSettings();
    expect(settings.parts).toEqual(['http', 'micro', 'worst', 'store', 'fixtures']);
    expect(settings.writeDocs).toBe(true);
    expect(settings.compareServe).toBeUndefined();
  });

  it('refuses unknown parts and non-positive numbers', () => {
    process.env.BENCH_PARTS = 'http,speed';
    expect(() => readSettings()).toThrow(/unknown part\(s\) speed/);
    process.env.BENCH_PARTS = '';
    process.env.BENCH_DURATION = '0';
    expect(() => readSettings()).toThrow(/BENCH_DURATION must be a positive number/);
  });

  it('BENCH_COMPARE alone runs only the comparison, and never rewrites the page', () => {
    const dir = builtCheckout();
    process.env.BENCH_COMPARE = dir;
    const settings = readSettings();
    expect(settings.parts).toEqual(['compare']);
    expect(settings.writeDocs).toBe(false);
    expect(settings.compareServe).toBe(join(dir, 'bench', 'dist', 'serve.js'));
  });

  it('refuses a checkout that is not built, and a comparison without a checkout', () => {
    process.env.BENCH_COMPARE = mkdtempSync(join(tmpdir(), 'wx-audit-unbuilt-'));
    expect(() => readSettings()).toThrow(/does not exist; build that checkout first/);
    delete process.env.BENCH_COMPARE;
    process.env.BENCH_PARTS = 'compare';
    expect(() => readSettings()).toThrow(/needs BENCH_COMPARE/);
  });

  it('pairs each of our configurations (or those of BENCH_ONLY) with the other build, after the baseline', () => {
    const all = compareConfigs('/elsewhere/serve.js', []);
    expect(all.map((c) => c.id)).toEqual([
      'baseline',
      ...['ours-plain-xml', 'ours-plain-json', 'ours-safe-xml', 'ours-safe-json'].flatMap((id) => [`that-${id}`, `this-${id}`]),
    ]);
    expect(all.filter((c) => c.id.startsWith('that-')).every((c) => c.entry === '/elsewhere/serve.js')).toBe(true);
    expect(all.filter((c) => !c.id.startsWith('that-')).every((c) => c.entry === undefined)).toBe(true);
    expect(compareConfigs('/x', ['ours-safe-xml']).map((c) => c.id)).toEqual(['baseline', 'that-ours-safe-xml', 'this-ours-safe-xml']);
  });
});

describe('the BENCH_COMPARE table', () => {
  const run = (requestsPerSecond: number, cpuPerRequest: number): RunFigures => ({
    round: 0,
    requestsPerSecond,
    p50Ms: 1,
    p99Ms: 2,
    total: 1000,
    non2xx: 0,
    wrongBody: 0,
    errors: 0,
    handled: 1000,
    warmupTotal: 0,
    serverCpuMicros: cpuPerRequest * 1000,
  });

  it('gives each build its CPU and ratios, and their difference per round', () => {
    const configs = compareConfigs('/that/serve.js', ['ours-safe-xml']);
    const runs = new Map<string, RunFigures[]>([
      ['baseline', [run(6000, 150), run(6000, 150), run(6000, 150)]],
      ['that-ours-safe-xml', [run(4000, 240), run(4000, 250), run(4000, 260)]],
      ['this-ours-safe-xml', [run(4500, 230), run(4800, 235), run(4200, 270)]],
    ]);
    const settings = { ...readSettings(), rounds: 3 };
    const page = renderResults({ settings, startedAt: new Date(0), loadAtStart: [0, 0, 0], pinned: false, compare: { configs, runs }, seconds: 1 });
    // Per-round differences 10, 15, -10 µs: median 10 µs saved by this build.
    expect(page).toContain('| wx-audit, safe mode, XML | 250 | 235 | −10.0 | 0.67 | 0.75 | 1.13 | yes |');
    expect(page).toContain('Baseline: 150 server CPU µs/req.');
  });
});
