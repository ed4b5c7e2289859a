import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildPushRequest, type PushRequestOptions } from '../build-push-request.js';
import type { AnyCatalogueFixture, AuditStatusFixture } from '../fixture-types.js';
import { createFakeWeChatApi, type ApiAuditStatus, type FakeWeChatApi, type FakeWeChatApiOptions } from './api-routes.js';
import { deliver, type DeliveryOptions, type DeliveryReport } from './deliver.js';
import { notifyInfoUpdate, type NotifyInfoUpdateOptions, type NotifyReport } from './notify-info-update.js';
import type { InfoUpdateAuditMessage } from '../build-info-update-request.js';

export interface StartFakeWeChatOptions extends DeliveryOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Options of the WeChat API side (check_audit_status, tokens, fault injection). */
  api?: FakeWeChatApiOptions;
}

/** Credentials and format of one push, plus per-push overrides of the server's delivery options. */
export type FakePushOptions = PushRequestOptions & DeliveryOptions;

export interface FakeWeChat {
  /** `http://127.0.0.1:<port>`: use it as the API client's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** A token the fake accepts on every API path. */
  readonly accessToken: string;
  /** The WeChat API side: state, token controls and fault injection. */
  readonly api: FakeWeChatApi;
  /**
   * What check_audit_status answers for `wxName` (an `fx.auditStatus()` fixture, or just the fields you
   * care about); an array is a scripted sequence, one per call, the last one repeating.
   */
  setAuditStatus(wxName: string, status: AuditStatusFixture | ApiAuditStatus | ReadonlyArray<AuditStatusFixture | ApiAuditStatus>): void;
  /**
   * Delivers a push of any catalogue fixture (`fx.sceneAudit()`, `fx.weappAuditFail()`, …) to `targetUrl` as
   * WeChat does (timeout, retries), built as `buildPushRequest` builds it, and reports every attempt.
   * A third-party message push names its authorizer in the URL: `…/callback/<authorizer appid>`.
   */
  push(targetUrl: string, msg: AnyCatalogueFixture, options: FakePushOptions): Promise<DeliveryReport>;
  /**
   * Delivers an info-update audit result notification (`fx.infoUpdateAudit()`) as WeChat Pay does:
   * APIv3-signed, retried on WeChat Pay's schedule (15 s, 15 s, 30 s, 3 min, 10 min, …; `timeScale`
   * shrinks it) until answered 200 or 204. The server's `timeScale` applies unless the call gives its own.
   */
  notifyInfoUpdate(targetUrl: string, msg: InfoUpdateAuditMessage, options: NotifyInfoUpdateOptions): Promise<NotifyReport>;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent) return;
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Starts a fake WeChat: a real HTTP server on 127.0.0.1 that answers WeChat's `check_audit_status`
 * (https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/en/business-capabilities/ministore/minishopopencomponent/API/register/check_audit_status.html)
 * and its three access-token endpoints, and delivers pushes like WeChat's servers.
 */
export async function startFakeWeChat(options: StartFakeWeChatOptions = {}): Promise<FakeWeChat> {
  const { port = 0, host = '127.0.0.1', api: apiOptions, ...delivery } = options;
  const api = createFakeWeChatApi(apiOptions);

  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        if (body === undefined) return json(res, 413, { errcode: -1, errmsg: 'request body too large' });
        if (await api.handle(req, res, body)) return;
        json(res, 404, { errcode: 404, errmsg: `the fake WeChat has nothing at ${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}` });
      } catch (error) {
        json(res, 500, { errcode: -1, errmsg: `system error (fake WeChat: ${error instanceof Error ? error.message : String(error)})` });
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port: address.port,
    get accessToken() {
      return api.accessToken;
    },
    api,
    setAuditStatus: (wxName, status) => api.setAuditStatus(wxName, status),
    async push(targetUrl, msg, pushOptions) {
      const { timeoutMs, retries, retryDelayMs, timeScale, ...build } = pushOptions;
      const request = buildPushRequest(msg, build);
      return deliver(targetUrl, request, {
        timeoutMs: timeoutMs ?? delivery.timeoutMs,
        retries: retries ?? delivery.retries,
        retryDelayMs: retryDelayMs ?? delivery.retryDelayMs,
        timeScale: timeScale ?? delivery.timeScale,
      });
    },
    notifyInfoUpdate(targetUrl, msg, notifyOptions) {
      return notifyInfoUpdate(targetUrl, msg, { ...notifyOptions, timeScale: notifyOptions.timeScale ?? delivery.timeScale });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        api.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
