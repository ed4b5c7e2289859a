import type { KeyObject } from 'node:crypto';
import { checkApiv3Response } from '@x/wx-audit-middleware/wire';
import { buildInfoUpdateRequest, type InfoUpdateAuditMessage } from '../build-info-update-request.js';

/**
 * WeChat Pay's notification retry schedule: after a failed delivery it tries again 15 s, 15 s, 30 s,
 * 3 min, 10 min, 20 min, 30 min, 30 min, 30 min, 60 min, 3 h, 3 h, 3 h, 6 h, 6 h later (24 h 4 min in
 * all), then gives up. Delays between attempts, in ms.
 */
export const WECHAT_PAY_RETRY_DELAYS_MS: readonly number[] = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10_800, 10_800, 10_800, 21_600, 21_600,
].map((s) => s * 1000);

export interface NotifyInfoUpdateOptions {
  /** The caller's private key (the receiver holds its public key in payKeys under `serialNo`). */
  privateKey: string | Buffer | KeyObject;
  serialNo: string;
  mchid: string;
  /**
   * The receiver's public key (its `payReplyKey`'s public half). Given, every answer's signature is
   * checked as APIv3 client SDKs check it, and an answer that does not verify is no acknowledgement.
   */
  replyPublicKey?: string | Buffer | KeyObject;
  /** With `replyPublicKey`: the serial the answer's `Wechatpay-Serial` must name. */
  replySerialNo?: string;
  /** Delays before each retry, ms. Default WECHAT_PAY_RETRY_DELAYS_MS. */
  retryDelaysMs?: readonly number[];
  /** Multiplies every delay, so tests can run the real schedule fast: 0.001 turns 15 s into 15 ms. Default 1. */
  timeScale?: number;
  /** Retries after the first attempt, at most. Default: one per delay in the schedule (15). */
  retries?: number;
  /** Each attempt is abandoned after this long (status 0). Default 5000. */
  timeoutMs?: number;
  /** Clock for the signed timestamps (each attempt is signed afresh, as a real retry is). Default Date.now. */
  now?: () => number;
  /** Stops retrying (and the attempt under way) when aborted. */
  signal?: AbortSignal;
}

export interface NotifyAttempt {
  /** HTTP status, or 0 when there was no answer (timeout, connection refused). */
  status: number;
  body: string;
  /** How long the attempt took. */
  ms: number;
  /** Why there was no answer, when status is 0. */
  error?: string;
  /** With `replyPublicKey`: whether the answer's Wechatpay-* signature verified. Absent when not checked or no answer. */
  answerSignature?: 'valid' | 'invalid';
  /** Why the answer's signature did not verify. */
  answerProblem?: string;
}

export interface NotifyReport {
  attempts: NotifyAttempt[];
  /** True once an attempt was answered 200 or 204 (with `replyPublicKey`: and its signature verified). */
  acknowledged: boolean;
  /** Whether answers' signatures were checked (`replyPublicKey` given). */
  answersVerified: boolean;
}

/** Delivers one info-update audit result notification to `targetUrl` the way WeChat Pay does, retries included. */
export async function notifyInfoUpdate(targetUrl: string, message: InfoUpdateAuditMessage, options: NotifyInfoUpdateOptions): Promise<NotifyReport> {
  const url = new URL(targetUrl);
  const delays = options.retryDelaysMs ?? WECHAT_PAY_RETRY_DELAYS_MS;
  const retries = Math.min(options.retries ?? delays.length, delays.length);
  const scale = options.timeScale ?? 1;
  const now = options.now ?? Date.now;
  const attempts: NotifyAttempt[] = [];
  const verifying = options.replyPublicKey !== undefined;

  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      const waited = await sleep((delays[attempt - 1] ?? 0) * scale, options.signal);
      if (!waited) break;
    }
    const request = buildInfoUpdateRequest(message, {
      privateKey: options.privateKey,
      serialNo: options.serialNo,
      mchid: options.mchid,
      path: url.pathname + url.search,
      timestamp: Math.floor(now() / 1000),
    });
    const { headers, ...result } = await deliver(new URL(request.path + request.search, url), request, options.timeoutMs ?? 5000, options.signal);
    const attemptReport: NotifyAttempt = result.status !== 0 && verifying ? { ...result, ...checkAnswer(headers, result.body, options, now()) } : result;
    attempts.push(attemptReport);
    if ((result.status === 200 || result.status === 204) && attemptReport.answerSignature !== 'invalid') return { attempts, acknowledged: true, answersVerified: verifying };
    if (options.signal?.aborted) break;
  }
  return { attempts, acknowledged: false, answersVerified: verifying };
}

function checkAnswer(headers: Record<string, string>, body: string, options: NotifyInfoUpdateOptions, nowMs: number): Pick<NotifyAttempt, 'answerSignature' | 'answerProblem'> {
  const verdict = checkApiv3Response(headers, body, { publicKey: options.replyPublicKey!, serialNo: options.replySerialNo, nowMs });
  return verdict.valid ? { answerSignature: 'valid' } : { answerSignature: 'invalid', answerProblem: verdict.reason };
}

async function deliver(
  url: URL,
  request: ReturnType<typeof buildInfoUpdateRequest>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<NotifyAttempt & { headers: Record<string, string> }> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const body = await res.text();
    return { status: res.status, body, ms: Math.round(performance.now() - started), headers: Object.fromEntries(res.headers) };
  } catch (error) {
    const why = timeout.aborted ? `no answer within ${timeoutMs} ms` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { status: 0, body: '', ms: Math.round(performance.now() - started), error: why, headers: {} };
  }
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
