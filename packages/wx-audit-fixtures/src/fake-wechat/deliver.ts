import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { BuiltRequest } from '../build-push-request.js';

export interface DeliveryOptions {
  /** Per-attempt timeout, ms; WeChat drops the connection after 5 s. Default 5000. */
  timeoutMs?: number;
  /** Retries after the first attempt; WeChat makes 3. Default 3. */
  retries?: number;
  /** Wait between a failed attempt and the next, ms. Default 0 (WeChat re-sends right away). */
  retryDelayMs?: number;
  /**
   * Multiplies every duration above, so tests need not wait: `timeScale: 0.01` turns the 5 s timeout
   * into 50 ms. Reported `ms` values are real elapsed time. Default 1.
   */
  timeScale?: number;
  /** Which replies count as acknowledged (`headers`: the answer's, names in lower case). Default WeChat's push rule (`isAcknowledgement`). */
  acknowledges?: (status: number, body: string, headers: Readonly<Record<string, string>>) => boolean;
}

export interface DeliveryAttempt {
  /** HTTP status, or 0 when there was no answer (timeout, connection refused or reset). */
  status: number;
  /** The answer's body as text ('' when there was none). */
  body: string;
  /** Real elapsed milliseconds of this attempt. */
  ms: number;
  /** Whether WeChat would count this attempt as acknowledged: HTTP 200 with body `success` or empty. */
  acknowledged: boolean;
  /** Why there was no answer: `timeout`, or the network error's code/message. */
  error?: string;
  /** The answer's headers, names in lower case (absent when there was no answer). */
  headers?: Record<string, string>;
}

export interface DeliveryReport {
  /** Every attempt in order; the last one acknowledged, or there were 1 + retries. */
  attempts: DeliveryAttempt[];
  acknowledged: boolean;
}

/** WeChat's rule: HTTP 200 with `success` or an empty body; anything else is a failure and is re-sent. */
export function isAcknowledgement(status: number, body: string): boolean {
  return status === 200 && (body === 'success' || body === '');
}

const MAX_BODY = 1 << 20;

function checkDuration(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TypeError(`deliver: ${name} must be a finite number >= 0; got ${String(value)}.`);
  return v;
}

/** The target URL with the request's query appended (after any query the URL already has). */
export function requestUrl(targetUrl: string, search: string): URL {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    throw new TypeError(`deliver: ${JSON.stringify(targetUrl)} is not an absolute URL (http://host:port/path).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`deliver: only http: and https: URLs can be delivered to; got ${url.protocol}`);
  const extra = search.startsWith('?') ? search.slice(1) : search;
  if (extra) url.search = url.search ? `${url.search}&${extra}` : `?${extra}`;
  return url;
}

/** One attempt: a fresh connection (as WeChat opens), destroyed when `timeoutMs` passes without a full answer. */
export function attempt(
  url: URL,
  req: BuiltRequest,
  timeoutMs: number,
  acknowledges: NonNullable<DeliveryOptions['acknowledges']> = isAcknowledgement,
): Promise<DeliveryAttempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<DeliveryAttempt, 'ms' | 'acknowledged'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      resolve({ ...result, ms: elapsed(), acknowledged: result.error === undefined && acknowledges(result.status, result.body, result.headers ?? {}) });
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(req.body, 'utf8');
    const outgoing = send(url, {
      method: req.method,
      agent: false,
      headers: { ...req.headers, ...(req.method === 'POST' ? { 'content-length': String(body.length) } : {}), connection: 'close' },
    });
    const timer = setTimeout(() => finish({ status: 0, body: '', error: 'timeout' }), timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => finish({ status: 0, body: '', error: error.code ?? error.message }));
    outgoing.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      const headers = Object.fromEntries(Object.entries(res.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
      res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers }));
      res.on('error', (error: NodeJS.ErrnoException) => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), error: error.code ?? error.message }));
    });
    outgoing.end(req.method === 'POST' ? body : undefined);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers a built request the way WeChat does: a first attempt and up to `retries` more, each cut off
 * after `timeoutMs`, until one is acknowledged. Every attempt sends the same bytes, as WeChat's
 * re-deliveries carry the same message.
 */
export async function deliver(targetUrl: string, req: BuiltRequest, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const scale = checkDuration('timeScale', options.timeScale, 1);
  const timeoutMs = checkDuration('timeoutMs', options.timeoutMs, 5000) * scale;
  const retryDelayMs = checkDuration('retryDelayMs', options.retryDelayMs, 0) * scale;
  const retries = options.retries ?? 3;
  if (!Number.isInteger(retries) || retries < 0) throw new TypeError(`deliver: retries must be an integer >= 0; got ${String(options.retries)}.`);
  const url = requestUrl(targetUrl, req.search);
  const attempts: DeliveryAttempt[] = [];
  for (let i = 0; i <= retries; i++) {
    if (i > 0 && retryDelayMs > 0) await sleep(retryDelayMs);
    const result = await attempt(url, req, timeoutMs, options.acknowledges);
    attempts.push(result);
    if (result.acknowledged) return { attempts, acknowledged: true };
  }
  return { attempts, acknowledged: false };
}
