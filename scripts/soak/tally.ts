import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Attempt } from './sender.js';
import { keyOfId } from './soak-pushes.js';

/** A delivery WeChat gave up on: each attempt's time (s into the run) and outcome. */
export interface GivenUp {
  key: number;
  duplicate: boolean;
  attempts: Array<{ at: number; outcome: string }>;
}

/** What the sender saw: deliveries, attempts and their outcomes, which pushes were acknowledged. `t0`: the run's start, performance.now(). */
export function createSendTally(pushes: number, t0: number) {
  const acked = new Uint8Array(pushes);
  const failures: Record<string, number> = {};
  // Failed attempts per second of the run (when sent), to set against the faults' times.
  const failuresPerSecond: number[] = [];
  const givenUp: GivenUp[] = [];
  const seconds = (at: number) => Math.round((at - t0) / 100) / 10;
  const counts = { sent: 0, distinct: 0, duplicates: 0, acknowledged: 0, unacknowledged: 0, attempts: 0, failedAttempts: 0, retried: 0 };
  return {
    acked,
    failures,
    failuresPerSecond,
    givenUp,
    counts,
    add(key: number, duplicate: boolean, attempts: Attempt[]) {
      counts.sent++;
      if (duplicate) counts.duplicates++;
      else counts.distinct++;
      counts.attempts += attempts.length;
      if (attempts.length > 1) counts.retried++;
      for (const a of attempts) {
        if (a.acknowledged) continue;
        counts.failedAttempts++;
        failures[a.outcome] = (failures[a.outcome] ?? 0) + 1;
        const second = Math.floor((a.sentAt - t0) / 1000);
        failuresPerSecond[second] = (failuresPerSecond[second] ?? 0) + 1;
      }
      if (attempts.at(-1)?.acknowledged) {
        counts.acknowledged++;
        acked[key] = 1;
        return;
      }
      counts.unacknowledged++;
      if (givenUp.length < 50) givenUp.push({ key, duplicate, attempts: attempts.map((a) => ({ at: seconds(a.sentAt), outcome: a.outcome })) });
    },
  };
}
export type SendTally = ReturnType<typeof createSendTally>;

/** Listener runs read from the instances' record files (`<ms>\t<id>` lines), read on as they grow. */
export function createRecordReader(files: readonly string[]) {
  const offsets = files.map(() => 0);
  const rests = files.map(() => '');
  /** Run times (ms since 1970) per event id. */
  const runs = new Map<string, number[]>();
  let total = 0;
  const chunk = Buffer.alloc(1 << 20);
  return {
    runs,
    get total() {
      return total;
    },
    /** Reads what was appended since the last call. */
    poll() {
      files.forEach((file, f) => {
        let size;
        try {
          size = statSync(file).size;
        } catch {
          return;
        }
        if (size <= offsets[f]!) return;
        const fd = openSync(file, 'r');
        try {
          while (offsets[f]! < size) {
            const read = readSync(fd, chunk, 0, chunk.length, offsets[f]!);
            if (read === 0) break;
            offsets[f] = offsets[f]! + read;
            const lines = (rests[f]! + chunk.toString('utf8', 0, read)).split('\n');
            rests[f] = lines.pop()!;
            for (const line of lines) {
              const tab = line.indexOf('\t');
              if (tab === -1) continue;
              const id = line.slice(tab + 1);
              const at = Number(line.slice(0, tab));
              const list = runs.get(id);
              if (list) list.push(at);
              else runs.set(id, [at]);
              total++;
            }
          }
        } finally {
          closeSync(fd);
        }
      });
    },
    /** Which pushes (keys) ran at least once. */
    dispatchedKeys(size: number): Uint8Array {
      const seen = new Uint8Array(size);
      for (const id of runs.keys()) {
        const key = keyOfId(id);
        if (key !== undefined && key < size) seen[key] = 1;
      }
      return seen;
    },
  };
}
export type RecordReader = ReturnType<typeof createRecordReader>;

/** Acknowledged pushes no listener ran for (yet). */
export function missing(tally: SendTally, records: RecordReader): number[] {
  const seen = records.dispatchedKeys(tally.acked.length);
  const out: number[] = [];
  for (let key = 0; key < tally.acked.length; key++) if (tally.acked[key] && !seen[key]) out.push(key);
  return out;
}
