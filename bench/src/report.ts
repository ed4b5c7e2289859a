import { cpus, platform, release, totalmem } from 'node:os';
import type { BenchSettings } from './bench-settings.js';
import { HTTP_CONFIGS, runProblems, serverCpuPerRequest, type HttpBenchResult, type RunFigures } from './http-bench.js';
import type { FixtureThroughputRow } from './tasks/fixture-throughput.js';
import type { MicroVariant } from './tasks/micro.js';
import type { StoreMemoryResult } from './tasks/store-memory.js';
import type { WorstCaseResult } from './tasks/worst-case.js';

export interface BenchResults {
  settings: BenchSettings;
  startedAt: Date;
  loadAtStart: number[];
  /** Load generator on CPU 0 and each server on CPU 1 (cpu-pin.ts). */
  pinned: boolean;
  http?: HttpBenchResult;
  /** BENCH_PARTS=layers. */
  layers?: HttpBenchResult;
  /** BENCH_COMPARE: another build's servers against this build's. */
  compare?: HttpBenchResult;
  micro?: MicroVariant[];
  worst?: WorstCaseResult;
  store?: StoreMemoryResult;
  fixtures?: FixtureThroughputRow[];
  seconds: number;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const f0 = (x: number) => Math.round(x).toLocaleString('en-US');
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Median over rounds of the per-round ratio a/b: each round's pair ran seconds apart, so slow drift of the
 * machine cancels within a round, and the median keeps one disturbed round from moving the result.
 */
function ratio(a: readonly RunFigures[], b: readonly RunFigures[]): number {
  return median(a.map((run, i) => run.requestsPerSecond / (b[i]?.requestsPerSecond ?? NaN)));
}

function machine(r: BenchResults): string {
  const cpu = cpus();
  const s = r.settings;
  return [
    `- Date: ${r.startedAt.toISOString()}; whole bench ${f1(r.seconds)} s`,
    `- Machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `- OS: ${platform()} ${release()}; load average at start ${r.loadAtStart.map(f2).join(' / ')} (1/5/15 min)`,
    `- Node ${process.version}`,
    r.pinned
      ? '- CPUs: load generator (this process, autocannon) pinned to CPU 0, each server to CPU 1 (`taskset`)'
      : '- CPUs: not pinned (no `taskset`, one core, or BENCH_PIN=0): load generator and server share the cores',
    `- autocannon: ${s.connections} connections, ${s.rounds} interleaved rounds of ${s.durationSeconds} s per configuration, each server warmed up for ${s.warmupSeconds} s once, before its first round, and kept running; ${f0(s.poolSize)} distinct messages per pool`,
  ].join('\n');
}

function httpSection(http: HttpBenchResult): string {
  const base = http.runs.get('baseline') ?? [];
  const rounds = Math.max(...[...http.runs.values()].map((r) => r.length));
  const head = `| configuration | ${Array.from({ length: rounds }, (_, i) => `req/s r${i + 1}`).join(' | ')} | mean req/s | p50 ms | p99 ms | server CPU µs/req | × baseline | valid |`;
  const rule = `|${'---|'.repeat(rounds + 7)}`;
  const rows = http.configs.map((c) => {
    const runs = http.runs.get(c.id) ?? [];
    const problems = runs.flatMap(runProblems);
    return `| ${c.label} | ${runs.map((r) => f0(r.requestsPerSecond)).join(' | ')} | ${f0(mean(runs.map((r) => r.requestsPerSecond)))} | ${f1(mean(runs.map((r) => r.p50Ms)))} | ${f1(mean(runs.map((r) => r.p99Ms)))} | ${f0(mean(runs.map(serverCpuPerRequest)))} | ${f2(ratio(runs, base))} | ${problems.length ? `**no**: ${problems.join(', ')}` : 'yes'} |`;
  });
  const responses = [...http.runs.values()].flat();
  const checked = responses.reduce((s, r) => s + r.total, 0);
  const bad = responses.reduce((s, r) => s + r.non2xx + r.wrongBody + r.errors, 0);
  return [
    head,
    rule,
    ...rows,
    '',
    `Responses checked: ${f0(checked)}; not 200 \`success\` (non-2xx, other body, connection error): ${f0(bad)}.`,
    'node-webot/wechat has no JSON support (it parses every body with xml2js), so it has no JSON rows.',
  ].join('\n');
}

interface TargetCheck {
  label: string;
  value: number;
  target: number;
}

export function targetChecks(http: HttpBenchResult): TargetCheck[] {
  const runs = (id: string) => http.runs.get(id) ?? [];
  const base = runs('baseline');
  const checks: TargetCheck[] = [];
  for (const id of ['ours-plain-xml', 'ours-plain-json']) if (runs(id).length) checks.push({ label: `${id} ÷ baseline`, value: ratio(runs(id), base), target: 0.8 });
  for (const id of ['ours-safe-xml', 'ours-safe-json']) if (runs(id).length) checks.push({ label: `${id} ÷ baseline`, value: ratio(runs(id), base), target: 0.75 });
  if (runs('ours-safe-xml').length && runs('webot-safe-xml').length) {
    checks.push({ label: 'ours-safe-xml ÷ webot-safe-xml', value: ratio(runs('ours-safe-xml'), runs('webot-safe-xml')), target: 1.5 });
  }
  if (runs('ours-plain-xml').length && runs('webot-plain-xml').length) {
    checks.push({ label: 'ours-plain-xml ÷ webot-plain-xml (no target, for reference)', value: ratio(runs('ours-plain-xml'), runs('webot-plain-xml')), target: 0 });
  }
  return checks;
}

function targetsSection(http: HttpBenchResult): string {
  return [
    '| ratio (median of per-round ratios) | measured | target | |',
    '|---|---|---|---|',
    ...targetChecks(http).map((t) => `| ${t.label} | ${f2(t.value)} | ${t.target ? `≥ ${t.target}` : '–'} | ${t.target ? (t.value >= t.target ? 'met' : '**missed**') : ''} |`),
  ].join('\n');
}

function microSection(micro: MicroVariant[]): string {
  const names = [...new Set(micro.flatMap((v) => v.stages.map((s) => s.stage)))];
  const cell = (v: MicroVariant, stage: string) => {
    const t = v.stages.find((s) => s.stage === stage)?.timing;
    return t ? `${f1(t.microsPerOp)} µs (${f0(t.opsPerSecond)}/s)` : '–';
  };
  return [
    `| stage | ${micro.map((v) => `${v.mode} ${v.format}`).join(' | ')} |`,
    `|---|${micro.map(() => '---|').join('')}`,
    ...names.map((n) => `| ${n} | ${micro.map((v) => cell(v, n)).join(' | ')} |`),
    `| **sum of stages** | ${micro.map((v) => `**${f1(v.sumMicros)} µs**`).join(' | ')} |`,
    `| audit.receive() end to end | ${micro.map((v) => `${f1(v.total.microsPerOp)} µs (${f0(v.total.opsPerSecond)}/s)`).join(' | ')} |`,
  ].join('\n');
}

function worstSection(worst: WorstCaseResult, top = 12): string {
  const row = (r: WorstCaseResult['rows'][number]) => `| ${r.body} | ${r.delivery} | ${f0(r.bytes)} | ${r.status} | ${f1(r.cpuMicrosPerRequest)} | ${f0(r.requests)} |`;
  const worstRow = worst.rows[0];
  const validSafe = worst.reference.find((r) => r.delivery === 'valid safe mode');
  const lines = [
    '| body | delivery | bytes | status | CPU µs / request | requests timed |',
    '|---|---|---|---|---|---|',
    ...worst.reference.map(row),
    ...worst.rows.slice(0, top).map(row),
  ];
  if (worstRow) {
    lines.push(
      '',
      `Worst: **${worstRow.body}** (${worstRow.delivery}), **${f1(worstRow.cpuMicrosPerRequest)} µs of CPU per request**` +
        (validSafe ? `, ${f1(worstRow.cpuMicrosPerRequest / validSafe.cpuMicrosPerRequest)}× a valid safe-mode push` : '') +
        `; bound: one core absorbs at most ~${f0(1e6 / worstRow.cpuMicrosPerRequest)} such requests a second (${worst.rows.length} hostile cases timed; the ${top} most expensive shown).`,
    );
  }
  return lines.join('\n');
}

function storeSection(store: StoreMemoryResult): string {
  return [
    '| distinct messages | heapUsed after GC | above the empty heap |',
    '|---|---|---|',
    `| 0 | ${mib(store.empty)} MiB | – |`,
    ...store.points.map((p) => `| ${f0(p.messages)} | ${mib(p.heapUsed)} MiB | ${mib(p.heapUsed - store.empty)} MiB |`),
    `| after close() | ${mib(store.afterClose)} MiB | ${mib(store.afterClose - store.empty)} MiB |`,
    '',
    `(${f1(store.seconds)} s for the whole series.)`,
  ].join('\n');
}

function fixturesSection(rows: FixtureThroughputRow[]): string {
  return [
    '| builder | safe-mode XML requests / s | µs / request | accepted by the middleware |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.builder} | ${f0(r.perSecond)} | ${f1(r.microsPerRequest)} | ${r.accepted ? 'yes' : '**no**'} |`),
    ...(rows.length < 2 ? ['', '`@x/wx-audit-fixtures` did not export a built `buildPushRequest` at run time, so only the wire functions were timed.'] : []),
  ].join('\n');
}

/** Server CPU per request, layer by layer (median over rounds), and what each layer adds. */
function layersSection(layers: HttpBenchResult): string {
  const cpu = (id: string) => median((layers.runs.get(id) ?? []).map(serverCpuPerRequest));
  const rows = layers.configs.map((c, i) => {
    const added = i === 0 ? '–' : `+${f0(cpu(c.id) - cpu(layers.configs[i - 1]!.id))}`;
    const problems = (layers.runs.get(c.id) ?? []).flatMap(runProblems);
    return `| ${c.label} | ${f0(cpu(c.id))} | ${added} | ${f2(ratio(layers.runs.get(c.id) ?? [], layers.runs.get('baseline') ?? []))} | ${problems.length ? `**no**: ${problems.join(', ')}` : 'yes'} |`;
  });
  return ['| layer (plaintext XML, each on top of the one above) | server CPU µs/req | added µs/req | × baseline req/s | valid |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** BENCH_COMPARE: another build's servers against this build's, per configuration (medians of per-round figures). */
function compareSection(compare: HttpBenchResult): string {
  const runs = (id: string) => compare.runs.get(id) ?? [];
  const base = runs('baseline');
  const cpu = (id: string) => median(runs(id).map(serverCpuPerRequest));
  // compareConfigs names each configuration's pair `that-<id>` and `this-<id>`.
  const rows = HTTP_CONFIGS.filter((c) => compare.runs.has(`this-${c.id}`)).map((c) => {
    const [thatId, thisId] = [`that-${c.id}`, `this-${c.id}`];
    const [that, self] = [runs(thatId), runs(thisId)];
    const saved = median(self.map((run, i) => serverCpuPerRequest(that[i]!) - serverCpuPerRequest(run)));
    const valid = [...that, ...self].flatMap(runProblems).length === 0 ? 'yes' : '**no**';
    return `| ${c.label} | ${f0(cpu(thatId))} | ${f0(cpu(thisId))} | ${saved >= 0 ? '−' : '+'}${f1(Math.abs(saved))} | ${f2(ratio(that, base))} | ${f2(ratio(self, base))} | ${f2(ratio(self, that))} | ${valid} |`;
  });
  return [
    `Baseline: ${f0(cpu('baseline'))} server CPU µs/req. "That" is the build BENCH_COMPARE names, "this" the one in this checkout.`,
    '',
    '| configuration | that: CPU µs/req | this: CPU µs/req | this − that, µs/req | that × baseline | this × baseline | this ÷ that req/s | valid |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The generated part of docs/benchmarks.md. */
export function renderResults(r: BenchResults): string {
  const parts = ['### Machine and settings', '', machine(r)];
  if (r.http) parts.push('', '### HTTP: requests per second, latency, ratio to the baseline', '', httpSection(r.http), '', '### Targets', '', targetsSection(r.http));
  if (r.layers) parts.push('', '### Our middleware in the server, a layer at a time (median of rounds)', '', layersSection(r.layers));
  if (r.compare) parts.push('', '### Another build against this one, in the same rounds (median of rounds)', '', compareSection(r.compare));
  if (r.micro) parts.push('', '### Our cost per message, by stage (one message at a time, no HTTP; median of batches)', '', microSection(r.micro));
  if (r.worst) parts.push('', `### Worst case: CPU per request under bodyLimit (${f0(r.worst.bodyLimit)} bytes)`, '', worstSection(r.worst));
  if (r.store) parts.push('', '### Memory of the default store (createMemoryStore(), max 10,000)', '', storeSection(r.store));
  if (r.fixtures) parts.push('', '### Fixture building throughput', '', fixturesSection(r.fixtures));
  return parts.join('\n');
}
