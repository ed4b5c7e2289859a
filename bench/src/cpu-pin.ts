import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Pins a process (all its threads: `-a`) to one CPU with `taskset` (util-linux), so that on a 2-core machine the load generator
 * and the server each keep a core and the scheduler cannot put both on one for part of a run. (It does
 * not make a shared VM quiet: rounds still differ, which is why ratios are taken within a round.) False
 * when it cannot pin (no taskset, one core, not Linux): the bench then runs unpinned and says so.
 */
export function pinToCpu(pid: number, cpu: number): boolean {
  if (cpus().length < 2) return false;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The load generator (this process, autocannon included) on CPU 0; servers go to CPU 1. */
export const LOAD_CPU = 0;
export const SERVER_CPU = 1;
