import autocannon from 'autocannon';
import type { BenchRequest } from './push-request.js';

export interface LoadOptions {
  durationSeconds: number;
  connections: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  /** Responses that were not 2xx. */
  non2xx: number;
  /** 2xx responses whose body was not exactly `success`. */
  wrongBody: number;
  /** Connection errors and timeouts. */
  errors: number;
}

/** Where the next request is taken from a pool; shared by the warm-up and the measured run of a server. */
export interface PoolCursor {
  next: number;
}

/**
 * Drives one server with autocannon, cycling through `pool` with one cursor shared by every connection
 * (and by successive runs against the same server), so that no message is sent twice while the server
 * still remembers it. Every response is checked.
 */
export async function runLoad(url: string, pool: readonly BenchRequest[], cursor: PoolCursor, options: LoadOptions): Promise<LoadFigures> {
  let wrongBody = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const push = pool[cursor.next++ % pool.length]!;
          return { ...request, method: 'POST', path: push.path, headers: push.headers, body: push.body };
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300 && body !== 'success') wrongBody++;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    wrongBody,
    errors: result.errors + result.timeouts,
  };
}
