import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { WxAuditError } from '../errors.js';
import type { InboundBody } from '../verify/decode-body.js';

/** The fields body parsers leave on a request. */
export interface ParsedRequest extends IncomingMessage {
  body?: unknown;
  rawBody?: unknown;
  _body?: boolean;
}

const tooLarge = (limit: number) =>
  new WxAuditError('BODY_TOO_LARGE', `The body is larger than bodyLimit (${limit} bytes).`);

/**
 * Gets the body however the app left it: `req.rawBody` kept by a parser, the unread stream (read with
 * raw-body, stopping at `limit` without buffering the rest), or the value a parser already made.
 */
export function readRequestBody(req: ParsedRequest, limit: number): Promise<InboundBody> {
  try {
    const kept = req.rawBody;
    if (Buffer.isBuffer(kept) || typeof kept === 'string') {
      const bytes = Buffer.isBuffer(kept) ? kept : Buffer.from(kept, 'utf8');
      if (bytes.length > limit) throw tooLarge(limit);
      return Promise.resolve({ kind: 'bytes', bytes });
    }
    // Chained rather than awaited: no async wrapper (a promise and a microtask turn) around raw-body's own.
    if (!streamConsumed(req)) return getRawBody(req, { limit, length: req.headers['content-length'] }).then(readBytes, readFailed(limit));
    return Promise.resolve(parsedBody(req, limit));
  } catch (error) {
    return Promise.reject(error);
  }
}

const readBytes = (bytes: Buffer): InboundBody => (bytes.length === 0 ? { kind: 'none' } : { kind: 'bytes', bytes });

const readFailed =
  (limit: number) =>
  (error: unknown): never => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw tooLarge(limit);
    throw new WxAuditError('BODY_MALFORMED', 'The body could not be read (the request was aborted or its length was wrong).', { cause: error });
  };

function parsedBody(req: ParsedRequest, limit: number): InboundBody {
  if (req.body === undefined || req.body === null) return { kind: 'unavailable' };
  // Text and bytes left by express.text()/express.raw() are held to the same limit as a body read here.
  if ((typeof req.body === 'string' || Buffer.isBuffer(req.body)) && Buffer.byteLength(req.body) > limit) throw tooLarge(limit);
  return { kind: 'parsed', value: req.body };
}

/** body-parser 1 marks `_body`; body-parser 2 and others leave an ended stream. */
function streamConsumed(req: ParsedRequest): boolean {
  return req._body === true || req.readableEnded || (req.complete && !req.readable);
}
