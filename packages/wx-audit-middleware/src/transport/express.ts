import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer, InboundRequest } from '../receive.js';
import { carriesWeChatSignature } from './carries-wechat-signature.js';
import { readRequestBody, type ParsedRequest } from './read-body.js';

/**
 * An Express (4 and 5) request handler. Typed on node:http's own types so that neither Express nor its
 * types are a dependency; Express's `Request`/`Response` extend these, so `app.use()` accepts it.
 */
export type WxAuditMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

interface ExpressLikeRequest extends ParsedRequest {
  originalUrl?: string;
  /** The path the handler is mounted at ('' at the app's root); Express sets it. */
  baseUrl?: string;
  /** Set by Express while a route (app.post, app.get, app.all) runs its handlers. */
  route?: { stack?: ReadonlyArray<{ handle?: unknown }> };
}

export function expressMiddleware(receive: (request: InboundRequest) => Promise<Answer>, bodyLimit: number): WxAuditMiddleware {
  return function wxAuditMiddleware(incoming, res, next) {
    const req = incoming as ExpressLikeRequest;
    const url = req.originalUrl ?? req.url ?? '/';
    // req.route outlives the route that set it (Express never clears it): only a route whose own handlers
    // include this one means it was mounted with app.post/app.get/app.all.
    const viaRoute = req.route?.stack?.some((layer) => layer.handle === wxAuditMiddleware) ?? false;
    const mountPath = req.baseUrl;
    // At the app's root the handler must not take over the app's own routes (GET /health…).
    if (!viaRoute && mountPath === '' && !carriesWeChatSignature(url, req.headers)) return next();
    const relative = req.url ?? '/';
    const at = relative.indexOf('?');
    const request: InboundRequest = {
      method: req.method ?? 'GET',
      url,
      path: at === -1 ? relative : relative.slice(0, at),
      headers: req.headers,
      readBody: () => readRequestBody(req, bodyLimit),
      mount: mountPath === undefined ? undefined : { path: mountPath, viaRoute },
    };
    receive(request).then((answer) => writeAnswer(res, answer), next);
  };
}

export function writeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.headersSent) return;
  res.statusCode = answer.status;
  const { headers } = answer;
  for (const name in headers) res.setHeader(name, headers[name]!);
  res.setHeader('content-length', Buffer.byteLength(answer.body));
  res.end(answer.body);
}
