import type { MemorySample } from './memory-sampler.js';
import type { SoakFigures } from './figures.js';

const n = (value: number) => value.toLocaleString('en-US');
const list = (record: Record<string, number>) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${n(v)} ${k}`)
    .join(', ') || 'none';

/** First, peak and last sample of a series (RSS and heap used, MiB). */
function memoryLine(samples: MemorySample[]): string {
  if (samples.length === 0) return 'no sample';
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const peak = samples.reduce((a, b) => (b.rssMiB > a.rssMiB ? b : a));
  const peakHeap = Math.max(...samples.map((s) => s.heapUsedMiB));
  const pids = new Set(samples.map((s) => s.pid)).size;
  return `RSS ${first.rssMiB} → peak ${peak.rssMiB} (at ${peak.t} s) → ${last.rssMiB} MiB; heap used ${first.heapUsedMiB} → peak ${peakHeap} → ${last.heapUsedMiB} MiB; ${samples.length} samples${pids > 1 ? `, ${pids} processes` : ''}`;
}

/** The figures as a two-column Markdown table, for the terminal and for docs/reliability.md. */
export function formatFigures(f: SoakFigures): string {
  const o = f.options;
  const at = (s?: number) => (s === undefined ? 'not done' : `${s} s`);
  const rows: Array<[string, string]> = [
    ['date', f.date],
    ['machine', `${f.machine.cpus} cores (${f.machine.cpuModel}), Node ${f.machine.node}, ${f.machine.platform}`],
    ['mode', `${o.durable ? 'durable mode' : 'Redis store'}; Redis persistence ${o.redisPersistence}; ${o.concurrency} in flight; retries ${o.retryDelayMs} ms apart`],
    ['time', `${f.seconds.total} s in all, ${f.seconds.sending} s sending (${n(f.pushesPerSecond)} pushes/s)${f.complete ? '' : `; bound of ${o.maxMinutes} min reached: not every push was sent`}`],
    ['pushes sent', `${n(f.pushes.sent)} of ${n(f.pushes.requested)}: ${n(f.pushes.distinct)} distinct, ${n(f.pushes.duplicates)} re-deliveries`],
    ['acknowledged', `${n(f.acknowledged)} (${n(f.unacknowledged)} not acknowledged after 4 attempts: WeChat gives up)`],
    ['attempts', `${n(f.attempts.total)}; ${n(f.attempts.failed)} failed (${list(f.attempts.byOutcome)}); ${n(f.attempts.deliveriesRetried)} deliveries needed a retry`],
    ['dispatched (listener runs)', `${n(f.dispatched.runs)}: ${n(f.dispatched.distinctIds)} distinct ids, ${n(f.dispatched.distinctPushesRun)} of ${n(f.pushes.distinct)} distinct pushes`],
    ['ran twice (same id)', `${n(f.ranTwice.ids)} (${list(f.ranTwice.byCause)}); more than twice: ${n(f.ranTwice.moreThanTwice)}`],
    ['lost (acknowledged, never run)', n(f.lost.count)],
    ['never acknowledged nor run', n(f.notAcknowledgedNotRun)],
    ['instance SIGKILL', o.kill ? `killed at ${at(f.faults.instanceKilledAt)}, back at ${at(f.faults.instanceBackAt)}` : 'off'],
    ['Redis restart', o.redisRestart ? `SIGTERM at ${at(f.faults.redisStoppedAt)}, exited at ${at(f.faults.redisExitedAt)}, started at ${at(f.faults.redisStartedAt)}, answering at ${at(f.faults.redisBackAt)} (AOF ${f.faults.aofMiBAtRestart ?? 0} MiB)` : 'off'],
    ...Object.entries(f.memory)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, samples]): [string, string] => [`memory: ${name}`, memoryLine(samples)]),
    ['lines logged', list(f.logLines)],
  ];
  return ['| figure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replaceAll('|', '\\|')} |`)].join('\n');
}
