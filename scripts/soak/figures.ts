import { cpus } from 'node:os';
import type { MemorySample } from './memory-sampler.js';
import type { SoakOptions } from './soak-options.js';
import { missing, type GivenUp, type RecordReader, type SendTally } from './tally.js';

/** When the faults happened, seconds after the run started (absent: not done). */
export interface FaultTimes {
  instanceKilledAt?: number;
  instanceBackAt?: number;
  /** SIGTERM sent. */
  redisStoppedAt?: number;
  redisExitedAt?: number;
  redisStartedAt?: number;
  /** Answering PING again (its AOF loaded). */
  redisBackAt?: number;
  /** Size of the append-only files when Redis was stopped: what it had to load again. */
  aofMiBAtRestart?: number;
}

export interface SoakFigures {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  options: SoakOptions;
  seconds: { total: number; sending: number };
  pushesPerSecond: number;
  /** Every requested push was sent within the time bound. */
  complete: boolean;
  pushes: { requested: number; sent: number; distinct: number; duplicates: number };
  /** Deliveries WeChat would count as acknowledged (some attempt answered `success`). */
  acknowledged: number;
  /** Deliveries still not acknowledged after 1 + 3 attempts: WeChat gives up on them. */
  unacknowledged: number;
  /** The first 50 of them, attempt by attempt. */
  givenUp: GivenUp[];
  attempts: { total: number; failed: number; byOutcome: Record<string, number>; deliveriesRetried: number; failedPerSecond: Record<string, number> };
  /** Listener runs, from the instances' record files. */
  dispatched: { runs: number; distinctIds: number; distinctPushesRun: number };
  /** Ids whose (always successful) listener ran more than once, when their runs were (s), and the fault under way at the first. */
  ranTwice: { ids: number; moreThanTwice: number; byCause: Record<string, number>; examples: Array<{ id: string; at: number[] }> };
  /** Distinct pushes acknowledged (at least one delivery) whose listener never ran. */
  lost: { count: number; keys: number[] };
  /** Distinct pushes never acknowledged and never run: WeChat gave up on every delivery of them. */
  notAcknowledgedNotRun: number;
  faults: FaultTimes;
  memory: Record<string, MemorySample[]>;
  /** Lines each instance logged (the middleware logs every refusal, 503s included). */
  logLines: Record<string, number>;
}

/**
 * What made an id run twice: the fault under way at its first run (its done marker could not be written:
 * Redis went away after the claim, or the instance died between the listener and the marker), from 1 s
 * before the fault until 2 s after it ended.
 */
function causeOf(firstRun: number, faults: FaultTimes): string {
  const during = (from?: number, to?: number) => from !== undefined && firstRun >= from - 1 && firstRun <= (to ?? from) + 2;
  if (during(faults.instanceKilledAt, faults.instanceBackAt)) return 'instance SIGKILL';
  if (during(faults.redisStoppedAt, faults.redisBackAt)) return 'Redis restart';
  return 'no fault';
}

export function computeFigures(input: {
  options: SoakOptions;
  startedAtMs: number;
  seconds: { total: number; sending: number };
  tally: SendTally;
  records: RecordReader;
  faults: FaultTimes;
  memory: Record<string, MemorySample[]>;
  logLines: Record<string, number>;
}): SoakFigures {
  const { options, tally, records, faults } = input;
  const c = tally.counts;
  const seen = records.dispatchedKeys(tally.acked.length);
  let distinctPushesRun = 0;
  let notAcknowledgedNotRun = 0;
  for (let key = 0; key < c.distinct; key++) {
    if (seen[key]) distinctPushesRun++;
    else if (!tally.acked[key]) notAcknowledgedNotRun++;
  }
  const ranTwice: SoakFigures['ranTwice'] = { ids: 0, moreThanTwice: 0, byCause: {}, examples: [] };
  for (const [id, times] of records.runs) {
    if (times.length < 2) continue;
    ranTwice.ids++;
    if (times.length > 2) ranTwice.moreThanTwice++;
    const at = times.map((ms) => Math.round((ms - input.startedAtMs) / 100) / 10).sort((a, b) => a - b);
    const cause = causeOf(at[0]!, faults);
    ranTwice.byCause[cause] = (ranTwice.byCause[cause] ?? 0) + 1;
    if (ranTwice.examples.length < 20) ranTwice.examples.push({ id, at });
  }
  const lost = missing(tally, records);
  const failedPerSecond: Record<string, number> = {};
  tally.failuresPerSecond.forEach((n, second) => n && (failedPerSecond[second] = n));
  const cpu = cpus();
  return {
    date: new Date(input.startedAtMs).toISOString(),
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` },
    options: input.options,
    seconds: input.seconds,
    pushesPerSecond: Math.round(c.sent / Math.max(input.seconds.sending, 0.001)),
    complete: c.sent === options.pushes,
    pushes: { requested: options.pushes, sent: c.sent, distinct: c.distinct, duplicates: c.duplicates },
    acknowledged: c.acknowledged,
    unacknowledged: c.unacknowledged,
    givenUp: tally.givenUp,
    attempts: { total: c.attempts, failed: c.failedAttempts, byOutcome: tally.failures, deliveriesRetried: c.retried, failedPerSecond },
    dispatched: { runs: records.total, distinctIds: records.runs.size, distinctPushesRun },
    ranTwice,
    lost: { count: lost.length, keys: lost.slice(0, 50) },
    notAcknowledgedNotRun,
    faults,
    memory: input.memory,
    logLines: input.logLines,
  };
}
