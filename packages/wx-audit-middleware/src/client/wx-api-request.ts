import { inspect } from 'node:util';
import { z } from 'zod';
import { WxApiError } from '../errors.js';
import { abortableSleep } from './abortable-sleep.js';
import type { ResolvedClientOptions } from './wx-api-options.js';

/** 40001 invalid access_token, 42001 expired: a fresh token may fix these, nothing else does. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 42001]);
/** -1: WeChat's "system busy, try again". */
export const SYSTEM_BUSY = -1;

/** Every reply carries these; a successful one may omit them. Other keys are the API's own. */
const envelopeSchema = z.looseObject({ errcode: z.number().int().optional(), errmsg: z.string().optional() });
export type WxEnvelope = z.output<typeof envelopeSchema>;

export interface CallOptions {
  /** Aborts the call (and any retry wait); the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Why a timed-out attempt was aborted, told apart from the caller's own abort. */
const TIMED_OUT = Symbol('timeout');

export type PostJson = (path: string, body: unknown, options?: CallOptions) => Promise<WxEnvelope>;

/**
 * POSTs JSON to a WeChat API path with `access_token` in the query and returns the reply once its
 * errcode is 0. Token refusals are retried once with a refreshed token (function tokens only);
 * system-busy, network and 5xx failures are retried `retries` times with doubling delays; a timeout
 * is not retried, so a hanging WeChat costs one `timeoutMs` per call. Errors never carry the token:
 * messages name the path only and any echo of the token in WeChat's errmsg is masked.
 */
export function createPostJson(o: ResolvedClientOptions): PostJson {
  const tokenFor = async (forceRefresh: boolean): Promise<string> => {
    const token = typeof o.accessToken === 'string' ? o.accessToken : await o.accessToken({ forceRefresh });
    if (typeof token !== 'string' || token.length === 0) throw new TypeError('accessToken() must resolve to a non-empty string');
    return token;
  };

  return async function postJson(path, body, options = {}) {
    let token = await tokenFor(false);
    let refreshed = false;
    let retried = 0;
    for (;;) {
      try {
        return await attempt(o, path, token, body, options.signal);
      } catch (error) {
        if (!(error instanceof WxApiError)) throw error;
        if (TOKEN_ERRCODES.has(error.errcode) && error.code === 'WX_API_ERROR' && typeof o.accessToken === 'function' && !refreshed) {
          refreshed = true;
          token = await tokenFor(true);
          continue;
        }
        if (isTransient(error) && retried < o.retries) {
          await abortableSleep(o.retryDelayMs * 2 ** retried, options.signal);
          retried++;
          continue;
        }
        throw error;
      }
    }
  };
}

function isTransient(error: WxApiError): boolean {
  if (error.code === 'WX_API_ERROR') return error.errcode === SYSTEM_BUSY;
  return error.code === 'NETWORK_ERROR' || (error.code === 'HTTP_ERROR' && error.status >= 500);
}

async function attempt(o: ResolvedClientOptions, path: string, token: string, body: unknown, signal: AbortSignal | undefined): Promise<WxEnvelope> {
  signal?.throwIfAborted();
  const url = `${o.baseUrl}${path}?access_token=${encodeURIComponent(token)}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), o.timeoutMs);
  const forward = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  /** No reply: our timeout, the caller's abort, or the network. */
  const fail = (cause: unknown): never => {
    if (controller.signal.reason === TIMED_OUT) {
      throw new WxApiError({ code: 'TIMEOUT', errcode: SYSTEM_BUSY, errmsg: `no reply within ${o.timeoutMs} ms`, message: `WeChat API ${path}: no reply within ${o.timeoutMs} ms` });
    }
    if (signal?.aborted) throw signal.reason;
    const reason = describeCause(cause, token);
    // The cause is kept for debugging unless something in it (a URL in a message) would leak the token.
    const safeCause = inspect(cause, { depth: 4 }).includes(token) ? undefined : cause;
    throw new WxApiError({ code: 'NETWORK_ERROR', errcode: SYSTEM_BUSY, errmsg: reason, message: `WeChat API ${path}: network error (${reason})` }, { cause: safeCause });
  };
  try {
    let response: Response;
    let text: string;
    try {
      response = await o.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      return fail(cause);
    }
    if (!response.ok) {
      throw new WxApiError({ code: 'HTTP_ERROR', errcode: SYSTEM_BUSY, errmsg: `HTTP ${response.status}`, status: response.status, message: `WeChat API ${path}: HTTP ${response.status}` });
    }
    return parseEnvelope(path, text, token, response.status);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

function parseEnvelope(path: string, text: string, token: string, status: number): WxEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WxApiError({ code: 'INVALID_REPLY', errcode: SYSTEM_BUSY, errmsg: 'reply is not JSON', status, message: `WeChat API ${path}: reply is not JSON` });
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new WxApiError({ code: 'INVALID_REPLY', errcode: SYSTEM_BUSY, errmsg: 'reply is not a JSON object with a numeric errcode', status, message: `WeChat API ${path}: reply is not a JSON object with a numeric errcode` });
  }
  const { errcode = 0, errmsg = '' } = parsed.data;
  if (errcode !== 0) {
    const safe = mask(errmsg, token);
    throw new WxApiError({ errcode, errmsg: safe, status, message: `WeChat API ${path}: errcode ${errcode} (${safe})` });
  }
  return parsed.data;
}

/** undici reports "fetch failed" with the useful part (ECONNREFUSED, ECONNRESET…) in `cause`. */
function describeCause(error: unknown, token: string): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? code : e.message);
  }
  return mask(parts.join(': ') || String(error), token);
}

function mask(text: string, token: string): string {
  return text.split(token).join('***');
}
