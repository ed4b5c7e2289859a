import { parseArgs } from 'node:util';

export type RedisPersistence = 'aof' | 'none';

export interface SoakOptions {
  /** Deliveries WeChat starts (each with its own retries), re-deliveries included. */
  pushes: number;
  /** Share of `pushes` that re-deliver an earlier push (same plaintext, new timestamp, nonce, ciphertext). */
  duplicateRatio: number;
  /** Pushes under way at once. */
  concurrency: number;
  /** Durable mode on both instances (Redis Streams) instead of the Redis store. */
  durable: boolean;
  /** SIGKILL the second instance once `killAt` of the pushes are sent, and start it again. */
  kill: boolean;
  killAt: number;
  /** How long the killed instance stays down, ms. */
  restartAfterMs: number;
  /** Stop and restart redis-server once `redisRestartAt` of the pushes are sent. */
  redisRestart: boolean;
  redisRestartAt: number;
  /** How long Redis stays down, ms. */
  redisDownMs: number;
  /** `aof`: appendonly (fsync every second) and a clean shutdown, so the keys survive; `none`: a restart loses them. */
  redisPersistence: RedisPersistence;
  /** WeChat's wait between a failed attempt and the next, ms. */
  retryDelayMs: number;
  /** Whole run's bound: sending stops early enough to drain and report within it. */
  maxMinutes: number;
  /** Memory sampling period, ms. */
  sampleMs: number;
  /** Seed of the fixtures (payloads and which push a re-delivery repeats). */
  seed: number;
  /** Where the figures are written as JSON. */
  out?: string;
}

export const DEFAULT_SOAK_OPTIONS: SoakOptions = {
  pushes: 200_000,
  duplicateRatio: 0.2,
  concurrency: 64,
  durable: false,
  kill: true,
  killAt: 0.35,
  restartAfterMs: 2000,
  redisRestart: true,
  redisRestartAt: 0.65,
  redisDownMs: 1000,
  redisPersistence: 'aof',
  retryDelayMs: 1000,
  maxMinutes: 10,
  sampleMs: 5000,
  seed: 20_240_601,
};

export const SOAK_USAGE = `pnpm soak [options]
  --pushes <n>            deliveries, re-deliveries included (${DEFAULT_SOAK_OPTIONS.pushes})
  --duplicates <ratio>    share of re-deliveries (${DEFAULT_SOAK_OPTIONS.duplicateRatio})
  --concurrency <n>       pushes under way at once (${DEFAULT_SOAK_OPTIONS.concurrency})
  --durable               durable mode on both instances
  --no-kill               do not SIGKILL an instance
  --no-redis-restart      do not restart Redis
  --redis-persistence <aof|none>  (${DEFAULT_SOAK_OPTIONS.redisPersistence})
  --retry-delay-ms <ms>   WeChat's wait before a retry (${DEFAULT_SOAK_OPTIONS.retryDelayMs})
  --max-minutes <m>       bound on the whole run (${DEFAULT_SOAK_OPTIONS.maxMinutes})
  --sample-ms <ms>        memory sampling period (${DEFAULT_SOAK_OPTIONS.sampleMs})
  --seed <n>              fixtures seed
  --out <file>            write the figures as JSON`;

export class SoakUsageError extends Error {}

function number(name: string, text: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new SoakUsageError(`--${name}: ${JSON.stringify(text)} is out of range.`);
  return value;
}

/** `argv` without node and the script; throws SoakUsageError on an unknown flag or a bad value. */
export function parseSoakArgs(argv: string[]): SoakOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        pushes: { type: 'string' },
        duplicates: { type: 'string' },
        concurrency: { type: 'string' },
        durable: { type: 'boolean' },
        'no-kill': { type: 'boolean' },
        'no-redis-restart': { type: 'boolean' },
        'redis-persistence': { type: 'string' },
        'retry-delay-ms': { type: 'string' },
        'max-minutes': { type: 'string' },
        'sample-ms': { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new SoakUsageError((error as Error).message);
  }
  const d = DEFAULT_SOAK_OPTIONS;
  const persistence = values['redis-persistence'] ?? d.redisPersistence;
  if (persistence !== 'aof' && persistence !== 'none') throw new SoakUsageError(`--redis-persistence: aof or none, not ${JSON.stringify(persistence)}.`);
  const integer = (n: number) => Number.isInteger(n) && n >= 1;
  return {
    ...d,
    pushes: number('pushes', values.pushes, d.pushes, integer),
    duplicateRatio: number('duplicates', values.duplicates, d.duplicateRatio, (n) => n >= 0 && n < 1),
    concurrency: number('concurrency', values.concurrency, d.concurrency, (n) => integer(n) && n <= 1000),
    durable: values.durable ?? false,
    kill: !values['no-kill'],
    redisRestart: !values['no-redis-restart'],
    redisPersistence: persistence,
    retryDelayMs: number('retry-delay-ms', values['retry-delay-ms'], d.retryDelayMs, (n) => n >= 0),
    maxMinutes: number('max-minutes', values['max-minutes'], d.maxMinutes, (n) => n > 0),
    sampleMs: number('sample-ms', values['sample-ms'], d.sampleMs, (n) => n >= 100),
    seed: number('seed', values.seed, d.seed, Number.isSafeInteger),
    ...(values.out === undefined ? {} : { out: values.out }),
  };
}
