import { z } from 'zod';
import { WxAuditError } from '../errors.js';
import { describeIssues } from '../events/issues.js';

/**
 * What the client passes to an access-token function. `forceRefresh` is true only after WeChat refused
 * the token it gave (40001 invalid, 42001 expired): the function must then fetch a new token instead of
 * answering from its cache. It is asked at most once per call with `forceRefresh: true`.
 */
export interface AccessTokenRequest {
  forceRefresh: boolean;
}

/** An access-token function: usually a cache in front of `/cgi-bin/token` or the component token endpoints. */
export type AccessTokenProvider = (request: AccessTokenRequest) => string | Promise<string>;

export type FetchFunction = typeof globalThis.fetch;

const isFunction = (v: unknown) => typeof v === 'function';

/** Options of `createWxApiClient`; the TypeScript type derives from this schema. */
export const wxApiClientOptionsSchema = z
  .object({
    /** A token, or a function asked for one before each call (and once more with `forceRefresh` when WeChat refuses it). */
    accessToken: z.union([z.string().min(1), z.custom<AccessTokenProvider>(isFunction, 'a function returning a token')]),
    /** Default https://api.weixin.qq.com. A path prefix (a proxy) is kept. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Each attempt is abandoned after this long, ms, and the call fails with code TIMEOUT. Default 10000. */
    timeoutMs: z.number().int().positive().optional(),
    /** Extra attempts after a -1 (system busy), a network error or an HTTP 5xx. Default 2. */
    retries: z.number().int().nonnegative().max(10).optional(),
    /** Delay before the first retry, doubled for each one after it, ms. Default 200. */
    retryDelayMs: z.number().int().nonnegative().optional(),
    /** A fetch implementation (tests, proxies). Default the global fetch. */
    fetch: z.custom<FetchFunction>(isFunction, 'a fetch function').optional(),
  })
  .strict();

export type WxApiClientOptions = z.input<typeof wxApiClientOptionsSchema>;

export interface ResolvedClientOptions {
  accessToken: string | AccessTokenProvider;
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  fetch: FetchFunction;
}

export function resolveClientOptions(options: unknown): ResolvedClientOptions {
  const parsed = wxApiClientOptionsSchema.safeParse(options);
  if (!parsed.success) throw new WxAuditError('CONFIG_INVALID', `createWxApiClient: ${describeIssues(parsed.error)}.`);
  const o = parsed.data;
  return {
    accessToken: o.accessToken,
    baseUrl: (o.baseUrl ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    timeoutMs: o.timeoutMs ?? 10_000,
    retries: o.retries ?? 2,
    retryDelayMs: o.retryDelayMs ?? 200,
    // Looked up per client, not at import time, so a test that swaps globalThis.fetch is honoured.
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
}
