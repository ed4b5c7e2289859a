import type { IncomingHttpHeaders } from 'node:http';
import type { InboundBody } from './decode-body.js';

/** One inbound request, framework-free: any transport (Express, node:http, fetch) can build it. */
export interface InboundRequest {
  method: string;
  /** Path and query as sent (Express: `req.originalUrl`). */
  url: string;
  /** Path below the mount point, without query ('/' or '/<authorizerAppId>'). */
  path: string;
  headers: IncomingHttpHeaders;
  /** Reads the body; called only for requests that have one to read. */
  readBody: () => Promise<InboundBody>;
  /**
   * Where the handler is mounted, when the transport knows: `path` as Express's `req.baseUrl` ('' at the
   * app's root), `viaRoute` when it was mounted with app.post/app.get/app.all instead of app.use.
   */
  mount?: { path: string; viaRoute: boolean };
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
