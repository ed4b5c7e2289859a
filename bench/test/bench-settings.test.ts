// The environment a user sets for `pnpm bench`: mistakes are refused with the fix, not run half-way.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettings } from '../src/bench-settings.js';
import { compareConfigs } from '../src/http-bench.js';

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
