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
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}
