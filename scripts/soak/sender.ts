import { Agent, request } from 'node:http';
import type { BuiltRequest } from '@x/wx-audit-fixtures';

/** One attempt's outcome: `success`, an HTTP status with the error code the middleware answered, or a network error. */
export interface Attempt {
  /** When it was sent, performance.now(). */
  sentAt: number;
  acknowledged: boolean;
  /** `success`, `503 STORE_UNAVAILABLE`, `ECONNREFUSED`, `timeout`… */
  outcome: string;
}

export interface SenderOptions {
  /** The instances' URLs, read at every attempt (a restarted instance may be swapped in). */
  urls: readonly string[];
  /** Sockets per instance (keep-alive, reused). */
  maxSockets: number;
  /** WeChat drops an attempt after 5 s. */
  timeoutMs?: number;
  /** WeChat makes 3 retries after a failed first attempt. */
  retries?: number;
  retryDelayMs: number;
}

const codeOf = (body: string) => {
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'string' ? ` ${parsed.code}` : '';
  } catch {
    return '';
  }
};

/**
 * A round-robin balancer with WeChat in front of it: every attempt goes to the next instance, over
 * keep-alive connections (the sender must not be what limits the soak on 2 cores); a push is re-sent
 * on anything but `200 success` (or an empty 200), up to `retries` times.
 */
export function createSender(options: SenderOptions) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets });
  const timeoutMs = options.timeoutMs ?? 5000;
  const retries = options.retries ?? 3;
  let turn = 0;

  function attempt(url: string, req: BuiltRequest): Promise<Attempt> {
    const sentAt = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: Omit<Attempt, 'sentAt'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ sentAt, ...result });
      };
      const body = Buffer.from(req.body, 'utf8');
      const outgoing = request(url + req.search, { method: 'POST', agent, headers: { ...req.headers, 'content-length': String(body.length) } });
      const timer = setTimeout(() => {
        finish({ acknowledged: false, outcome: 'timeout' });
        outgoing.destroy();
      }, timeoutMs);
      outgoing.on('error', (error: NodeJS.ErrnoException) => finish({ acknowledged: false, outcome: error.code ?? 'error' }));
      outgoing.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', (error: NodeJS.ErrnoException) => finish({ acknowledged: false, outcome: error.code ?? 'error' }));
        res.on('end', () => {
          const ok = res.statusCode === 200 && (text === 'success' || text === '');
          finish({ acknowledged: ok, outcome: ok ? 'success' : `${res.statusCode}${codeOf(text)}` });
        });
      });
      outgoing.end(body);
    });
  }

  return {
    /** Delivers one push the way WeChat does; resolves with every attempt, the last acknowledged or the 1 + retries-th. */
    async deliver(req: BuiltRequest): Promise<Attempt[]> {
      const attempts: Attempt[] = [];
      for (let i = 0; i <= retries; i++) {
        if (i > 0 && options.retryDelayMs > 0) await new Promise((r) => setTimeout(r, options.retryDelayMs));
        const url = options.urls[turn++ % options.urls.length]!;
        const result = await attempt(url, req);
        attempts.push(result);
        if (result.acknowledged) break;
      }
      return attempts;
    },
    close: () => agent.destroy(),
  };
}
