import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Pins a process to one CPU with `taskset` (util-linux). On a 2-core machine the load generator and the
 * server otherwise trade cores with each other and the kernel's network work, and the same server's
 * figures moved by up to ±30% from run to run; pinned, each keeps its own core. False when it cannot pin
 * (no taskset, one core, not Linux): the bench then runs unpinned and says so.
 */
export function pinToCpu(pid: number, cpu: number): boolean {
  if (cpus().length < 2) return false;
  try {
    execFileSync('taskset', ['-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The load generator (this process, autocannon included) on CPU 0; servers go to CPU 1. */
export const LOAD_CPU = 0;
export const SERVER_CPU = 1;
