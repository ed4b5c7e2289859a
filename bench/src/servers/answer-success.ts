import type { ServerResponse } from 'node:http';

/** The same minimal answer everywhere, mirroring what our middleware writes, so only the work before it differs. */
export function answerSuccess(res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('content-length', 7);
  res.end('success');
}
