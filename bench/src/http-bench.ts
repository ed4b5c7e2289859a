import { runLoad, type LoadFigures, type LoadOptions, type PoolCursor } from './load.js';
import type { BenchRequest, PushFormat, PushMode } from './push-request.js';
import { buildRequestPool } from './request-pool.js';
import type { ServerKind } from './servers/bench-app.js';
import { startServer, type RunningServer } from './servers/server-process.js';

export interface HttpConfig {
  id: string;
  label: string;
  server: ServerKind;
  mode: PushMode;
  format: PushFormat;
  /** The server entry of another build (BENCH_COMPARE); this build's when undefined. */
  entry?: string;
}

/** The configurations, in the order each round runs them. */
export const HTTP_CONFIGS: readonly HttpConfig[] = [
  { id: 'baseline', label: 'bare Express + raw-body (baseline)', server: 'baseline', mode: 'plain', format: 'xml' },
  { id: 'ours-plain-xml', label: 'wx-audit, plaintext, XML', server: 'wx-audit', mode: 'plain', format: 'xml' },
  { id: 'ours-plain-json', label: 'wx-audit, plaintext, JSON', server: 'wx-audit', mode: 'plain', format: 'json' },
  { id: 'ours-safe-xml', label: 'wx-audit, safe mode, XML', server: 'wx-audit', mode: 'safe', format: 'xml' },
  { id: 'ours-safe-json', label: 'wx-audit, safe mode, JSON', server: 'wx-audit', mode: 'safe', format: 'json' },
  { id: 'webot-plain-xml', label: 'node-webot/wechat, plaintext, XML', server: 'webot', mode: 'plain', format: 'xml' },
  { id: 'webot-safe-xml', label: 'node-webot/wechat, safe mode, XML', server: 'webot', mode: 'safe', format: 'xml' },
];

/** BENCH_PARTS=layers: our middleware built up a layer at a time (servers/layer-apps.ts), plaintext XML. */
export const LAYER_CONFIGS: readonly HttpConfig[] = [
  HTTP_CONFIGS[0]!,
  { id: 'layer-verify', label: '+ query, signature, parse, schemas', server: 'layer-verify', mode: 'plain', format: 'xml' },
  { id: 'layer-dispatch', label: '+ dispatcher, default store, listener', server: 'layer-dispatch', mode: 'plain', format: 'xml' },
  { id: 'layer-full', label: '+ transport and receive(): the whole middleware', server: 'layer-full', mode: 'plain', format: 'xml' },
];

/**
 * BENCH_COMPARE: each of our configurations twice, served by another checkout's build ("that") and by this
 * one ("this"), interleaved in the same rounds against this build's baseline. Two builds measured minutes
 * apart differ by the machine's drift (±0.05 of a ratio here); measured in the same rounds, by their code.
 */
export function compareConfigs(thatEntry: string, only: readonly string[]): HttpConfig[] {
  const ours = HTTP_CONFIGS.filter((c) => c.server === 'wx-audit' && (only.length === 0 || only.includes(c.id)));
  return [
    HTTP_CONFIGS[0]!,
    ...ours.flatMap((c) => [
      { ...c, id: `that-${c.id}`, label: `that build: ${c.label}`, entry: thatEntry },
      { ...c, id: `this-${c.id}`, label: `this build: ${c.label}` },
    ]),
  ];
}

export interface HttpBenchOptions extends LoadOptions {
  /** The configurations to run (default HTTP_CONFIGS), filtered by `only`. */
  configs?: readonly HttpConfig[];
  rounds: number;
  warmupSeconds: number;
  /** Distinct messages per pool; more than the default store's 10,000 so that none is ever a re-delivery. */
  poolSize: number;
  /** Only these config ids (all when empty). */
  only: readonly string[];
  cpuProfDir?: string;
  /** CPU each server is pinned to; unpinned when undefined. */
  serverCpu?: number;
  log: (line: string) => void;
}

export interface RunFigures extends LoadFigures {
  round: number;
  /** Listener calls the server counted during the measured run: at least one per success, or dedup short-circuited. */
  handled: number;
  /** Requests of the warm-up before this run (only before a server's first run). */
  warmupTotal: number;
  serverCpuMicros: number;
}

export interface HttpBenchResult {
  configs: HttpConfig[];
  runs: Map<string, RunFigures[]>;
}

export async function runHttpBench(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const configs = (options.configs ?? HTTP_CONFIGS).filter((c) => options.only.length === 0 || options.only.includes(c.id) || c.id === 'baseline');
  const nowSeconds = Math.floor(Date.now() / 1000);
  const pools = new Map<string, BenchRequest[]>();
  for (const c of configs) {
    const key = `${c.mode}-${c.format}`;
    if (!pools.has(key)) pools.set(key, buildRequestPool({ mode: c.mode, format: c.format, size: options.poolSize, nowSeconds }));
  }

  const runs = new Map<string, RunFigures[]>(configs.map((c) => [c.id, []]));
  // One server per configuration, started and warmed up in the first round and kept for the others: the
  // rounds then measure servers in their steady state, as a server runs for days, and the warm-up is paid
  // once. Idle between its runs, a server costs the one it shares CPU 1 with nothing.
  const servers = new Map<string, { server: RunningServer; cursor: PoolCursor; warmupTotal: number }>();
  try {
    // Interleaved (A B C … A B C): drift of a shared, noisy machine hits every configuration alike.
    for (let round = 1; round <= options.rounds; round++) {
      for (const config of configs) {
        const pool = pools.get(`${config.mode}-${config.format}`)!;
        let entry = servers.get(config.id);
        if (!entry) {
          const server = await startServer({ kind: config.server, nowMs: nowSeconds * 1000 }, { cpuProfDir: options.cpuProfDir, cpu: options.serverCpu, entry: config.entry });
          const cursor = { next: 0 };
          servers.set(config.id, (entry = { server, cursor, warmupTotal: 0 }));
          const warm = await runLoad(server.url, pool, cursor, { durationSeconds: options.warmupSeconds, connections: options.connections });
          entry.warmupTotal = warm.total;
        }
        const before = await entry.server.sample();
        const figures = await runLoad(entry.server.url, pool, entry.cursor, options);
        const after = await entry.server.sample();
        const run: RunFigures = {
          ...figures,
          round,
          handled: after.handled - before.handled,
          warmupTotal: round === 1 ? entry.warmupTotal : 0,
          serverCpuMicros: after.cpuMicros - before.cpuMicros,
        };
        runs.get(config.id)!.push(run);
        options.log(
          `round ${round} ${config.id.padEnd(16)} ${run.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${run.p50Ms} ms  p99 ${run.p99Ms} ms` +
            `  server CPU ${serverCpuPerRequest(run).toFixed(0)} µs/req  non-2xx ${run.non2xx}  wrong body ${run.wrongBody}  errors ${run.errors}  handled ${run.handled}/${run.total}`,
        );
      }
    }
  } finally {
    // Every server is stopped even when one fails to stop; the failure is said, not hidden.
    const stopped = await Promise.allSettled([...servers.values()].map(({ server }) => server.stop()));
    for (const result of stopped) if (result.status === 'rejected') options.log(`warning: ${(result.reason as Error).message}`);
  }
  return { configs, runs };
}

/** The server process's CPU (user + system, all threads) during the measured run, per request it answered then. */
export function serverCpuPerRequest(run: RunFigures): number {
  return run.serverCpuMicros / Math.max(1, run.total);
}

/** A run is valid when every response was 200 `success` and the listener saw every message (no dedup short-cut). */
export function runProblems(run: RunFigures): string[] {
  const problems: string[] = [];
  if (run.non2xx > 0) problems.push(`${run.non2xx} non-2xx`);
  if (run.wrongBody > 0) problems.push(`${run.wrongBody} bodies other than "success"`);
  if (run.errors > 0) problems.push(`${run.errors} connection errors/timeouts`);
  if (run.handled < run.total - run.non2xx) problems.push(`listener saw ${run.handled} of ${run.total} messages`);
  return problems;
}
