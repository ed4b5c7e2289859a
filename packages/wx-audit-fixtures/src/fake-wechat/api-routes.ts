import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAuditStatusScript, type ApiAuditStatus } from './api-audit-statuses.js';
import { UNKNOWN_WX_NAME_ERRCODE, wechatError, type WeChatErrorReply } from './api-errors.js';
import { createTokenRegistry, newToken } from './api-tokens.js';

export type { ApiAuditStatus } from './api-audit-statuses.js';
export { WECHAT_ERRMSG, UNKNOWN_WX_NAME_ERRCODE, UNKNOWN_WX_NAME_ERRMSG } from './api-errors.js';

export const API_PATHS = {
  checkAuditStatus: '/product/register/check_audit_status',
  token: '/cgi-bin/token',
  componentToken: '/cgi-bin/component/api_component_token',
  authorizerToken: '/cgi-bin/component/api_authorizer_token',
} as const;

const KNOWN_PATHS: ReadonlySet<string> = new Set(Object.values(API_PATHS));

export interface FakeWeChatApiOptions {
  /** The token `accessToken` starts as. Default: a random one. */
  accessToken?: string;
  /** appid → secret. When given, the token endpoints refuse other appids (40013) and wrong secrets (40125). Default: any. */
  apps?: Readonly<Record<string, string>>;
  /** Lifetime of every token, seconds. Default 7200, as WeChat. */
  expiresInSeconds?: number;
  /** How long a token stays valid after a newer one is issued for the same app, seconds. Default 300, as WeChat. */
  graceSeconds?: number;
  /** Longest access_token accepted; a longer one gets -2 (token too long). Default 512. */
  maxTokenLength?: number;
  /** Clock, ms (token lifetimes). Default Date.now. */
  now?: () => number;
}

/**
 * A failure the next matching calls get instead of their answer. `hang` never answers (timeouts);
 * `reset` drops the connection (network errors); `httpStatus` answers that status with `body`;
 * otherwise the reply is `{ errcode, errmsg }` (errmsg from WeChat's table unless given).
 */
export interface ApiFault {
  /** Only calls to this path (e.g. API_PATHS.checkAuditStatus). Default: every API path. */
  path?: string;
  errcode?: number;
  errmsg?: string;
  hang?: boolean;
  reset?: boolean;
  httpStatus?: number;
  body?: string;
  /** How many calls get it. Default 1; Infinity until clearFaults(). */
  times?: number;
}

/** One call the fake answered (or hung or dropped), for assertions. */
export interface ApiCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body, parsed; undefined when there was none or it was not JSON. */
  body: unknown;
  /** The errcode replied (0 for success); undefined when a fault hung, dropped or answered non-JSON. */
  errcode: number | undefined;
}

export interface FakeWeChatApi {
  /** The latest token of the fake's own app: the fake accepts it on every API path. */
  readonly accessToken: string;
  /** What check_audit_status answers for `wxName`; an array is a scripted sequence, one per call, the last one repeating. */
  setAuditStatus(wxName: string, status: ApiAuditStatus | readonly ApiAuditStatus[]): void;
  /** Forgets a shop: check_audit_status answers UNKNOWN_WX_NAME_ERRCODE again. */
  deleteAuditStatus(wxName: string): void;
  /** Handles a WeChat API request; resolves false when the path is not an API path. */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean>;
  /** Queues a failure (see ApiFault); faults apply in the order injected, before any token check. */
  injectFault(fault: ApiFault): void;
  clearFaults(): void;
  /** Makes a token (default `accessToken`) expired from now on: 42001. */
  expireToken(token?: string): void;
  /** Makes a token (default `accessToken`) unknown from now on: 40001. */
  revokeToken(token?: string): void;
  /** Issues a new `accessToken`; the previous one stays valid `graceSeconds` (WeChat's overlap). Returns the new one. */
  rotateAccessToken(): string;
  /** Every call handled, oldest first. */
  readonly calls: readonly ApiCall[];
  /** Calls held open by `hang` faults right now; drops as clients give up (abort, timeout) and close. */
  readonly hanging: number;
  /** Ends calls held by `hang` faults (their sockets are destroyed). */
  close(): void;
}

type Reply = { json: Record<string, unknown> } | { fault: ApiFault };

const OWN_APP = 'fake-wechat';

/** The WeChat API side of the fake server: check_audit_status and the three token endpoints. */
export function createFakeWeChatApi(options: FakeWeChatApiOptions = {}): FakeWeChatApi {
  const now = options.now ?? Date.now;
  const maxTokenLength = options.maxTokenLength ?? 512;
  const expiresIn = options.expiresInSeconds ?? 7200;
  const tokens = createTokenRegistry({ now, expiresInSeconds: expiresIn, graceSeconds: options.graceSeconds ?? 300 });
  tokens.issue(OWN_APP, options.accessToken ?? newToken());
  const statuses = createAuditStatusScript();
  const faults: Array<ApiFault & { left: number }> = [];
  const calls: ApiCall[] = [];
  const held = new Set<ServerResponse>();
  const own = () => tokens.current(OWN_APP) ?? '';

  /** The token rules every API applies, in WeChat's order: missing, too long, unknown, expired. */
  function tokenError(token: string | undefined): WeChatErrorReply | undefined {
    if (token === undefined || token === '') return wechatError(41001);
    if (token.length > maxTokenLength) return wechatError(-2);
    const state = tokens.check(token);
    if (state === 'unknown') return wechatError(40001);
    if (state === 'expired') return wechatError(42001);
    return undefined;
  }

  function appError(appid: unknown, secret: unknown): WeChatErrorReply | undefined {
    if (typeof appid !== 'string' || appid === '') return wechatError(41002);
    if (typeof secret !== 'string' || secret === '') return wechatError(41004);
    if (options.apps === undefined) return undefined;
    if (!Object.hasOwn(options.apps, appid)) return wechatError(40013);
    return options.apps[appid] === secret ? undefined : wechatError(40125);
  }

  function takeFault(path: string): ApiFault | undefined {
    const index = faults.findIndex((f) => f.path === undefined || f.path === path);
    const fault = faults[index];
    if (!fault) return undefined;
    if (--fault.left <= 0) faults.splice(index, 1);
    return fault;
  }

  function route(method: string, path: string, query: Record<string, string>, body: unknown, bodyText: string): Record<string, unknown> {
    const post = method === 'POST';
    if (path === API_PATHS.token) {
      if (method !== 'GET') return wechatError(43001);
      if (query.grant_type !== 'client_credential') return wechatError(40002);
      const refused = appError(query.appid, query.secret);
      if (refused) return refused;
      return { access_token: tokens.issue(`app:${query.appid}`), expires_in: expiresIn };
    }
    if (!post) return wechatError(43002);
    if (path === API_PATHS.componentToken) {
      const b = asRecord(body);
      if (!b) return wechatError(bodyText.trim() === '' ? 44002 : 47001);
      const refused = appError(b.component_appid, b.component_appsecret);
      if (refused) return refused;
      if (typeof b.component_verify_ticket !== 'string' || b.component_verify_ticket === '') return wechatError(61006);
      return { component_access_token: tokens.issue(`component:${String(b.component_appid)}`), expires_in: expiresIn };
    }
    const refusedToken = tokenError(path === API_PATHS.authorizerToken ? query.component_access_token : query.access_token);
    if (refusedToken) return refusedToken;
    const b = asRecord(body);
    if (!b) return wechatError(bodyText.trim() === '' ? 44002 : 47001);
    if (path === API_PATHS.authorizerToken) {
      if (typeof b.component_appid !== 'string' || typeof b.authorizer_appid !== 'string' || b.authorizer_appid === '') return wechatError(41002);
      if (typeof b.authorizer_refresh_token !== 'string' || b.authorizer_refresh_token === '') return wechatError(61023);
      const token = tokens.issue(`authorizer:${b.component_appid}:${b.authorizer_appid}`);
      return { authorizer_access_token: token, expires_in: expiresIn, authorizer_refresh_token: b.authorizer_refresh_token };
    }
    // check_audit_status
    if (typeof b.wx_name !== 'string' || b.wx_name === '') return wechatError(47001);
    const data = statuses.take(b.wx_name);
    if (data === undefined) return wechatError(UNKNOWN_WX_NAME_ERRCODE);
    return { errcode: 0, errmsg: 'ok', data };
  }

  function reply(req: IncomingMessage, res: ServerResponse, call: ApiCall, outcome: Reply): void {
    if ('json' in outcome) {
      call.errcode = typeof outcome.json.errcode === 'number' ? outcome.json.errcode : 0;
      return send(res, 200, JSON.stringify(outcome.json));
    }
    const { fault } = outcome;
    if (fault.reset) return void req.socket.destroy();
    if (fault.hang) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    if (fault.httpStatus !== undefined) return send(res, fault.httpStatus, fault.body ?? '');
    const error = wechatError(fault.errcode ?? -1, fault.errmsg);
    call.errcode = error.errcode;
    send(res, 200, JSON.stringify(error));
  }

  return {
    get accessToken() {
      return own();
    },
    setAuditStatus: (wxName, status) => statuses.set(wxName, status),
    deleteAuditStatus: (wxName) => statuses.delete(wxName),
    async handle(req, res, body) {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      if (!KNOWN_PATHS.has(url.pathname)) return false;
      const query: Record<string, string> = {};
      for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
      const text = body.toString('utf8');
      const json = parseJson(text);
      const call: ApiCall = { method: req.method ?? 'GET', path: url.pathname, query, body: json, errcode: undefined };
      calls.push(call);
      const fault = takeFault(url.pathname);
      reply(req, res, call, fault ? { fault } : { json: route(call.method, url.pathname, query, json, text) });
      return true;
    },
    injectFault(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults: () => void faults.splice(0),
    expireToken: (token = own()) => tokens.expire(token),
    revokeToken: (token = own()) => tokens.revoke(token),
    rotateAccessToken: () => tokens.issue(OWN_APP),
    get calls() {
      return calls;
    },
    get hanging() {
      return held.size;
    },
    close() {
      for (const res of held) res.socket?.destroy();
      held.clear();
    },
  };
}

function send(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
