import assert from 'node:assert/strict';
import { request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundRequest } from '../src/index.js';
import { MOUNT, textWire } from '../test/helpers/push.js';
import { buildXml } from '../src/wire/index.js';
import { checkNoPollution, checkOutcome, prototypeSnapshot, type Outcome } from './check-outcome.js';
import type { FuzzRequest, FuzzTarget } from './fuzz-target.js';
import { plainQuery, post } from './push-builders.js';

const PROTOTYPES = prototypeSnapshot();

/** The framework-free request for `audit.receive()`: the path is what lies below the mount point. */
export function toInbound(request: FuzzRequest): InboundRequest {
  const at = request.url.indexOf('?');
  const pathname = at === -1 ? request.url : request.url.slice(0, at);
  const below = pathname.startsWith(MOUNT) ? pathname.slice(MOUNT.length) : pathname;
  return {
    method: request.method,
    url: request.url,
    path: below === '' ? '/' : below,
    headers: { ...request.headers, 'content-length': String(request.body.length) },
    readBody: async () => (request.body.length === 0 ? { kind: 'none' } : { kind: 'bytes', bytes: request.body }),
  };
}

/** Sends a request to `target`'s `receive()` or, when `server` is given, over HTTP to a real Express app. */
export type Send = (request: FuzzRequest) => Promise<Outcome>;

export function viaReceive(target: FuzzTarget): Send {
  return async (request) => {
    const answer = await target.receive(toInbound(request));
    return { status: answer.status, headers: answer.headers, body: answer.body };
  };
}

/** HTTP with keep-alive, so that the campaign measures the middleware rather than TCP handshakes. */
export function viaHttp(server: Server): Send & { close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { port } = server.address() as AddressInfo;
  const send = (request: FuzzRequest) =>
    new Promise<Outcome>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: request.method, path: request.url, headers: { ...request.headers, 'content-length': request.body.length }, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(request.body);
    });
  return Object.assign(send, { close: () => agent.destroy() });
}

let probes = 0;

/** A valid push with a MsgId never used before: it must be answered `success` and dispatched once. */
export async function probe(target: FuzzTarget, send: Send, label: string): Promise<void> {
  const msgId = String(9_000_000_000 + ++probes);
  const outcome = await send(post('probe', `?${plainQuery(target.token)}`, buildXml(textWire(msgId)), 'any'));
  const names = target.take().map((e) => e.name);
  assert.equal(outcome.status, 200, `a valid push after ${label} got ${outcome.status} ${outcome.body.slice(0, 200)}`);
  assert.equal(outcome.body, 'success');
  assert.deepEqual(names, ['message'], `a valid push after ${label} emitted ${names.join(', ')}`);
}

/** One fuzz case: send it, check the invariants of issue 7, check no prototype changed, then a valid push. */
export async function runCase(target: FuzzTarget, send: Send, request: FuzzRequest): Promise<void> {
  target.take();
  const outcome = await send(request);
  checkOutcome(request, outcome, target.take(), target);
  checkNoPollution(PROTOTYPES, request.label);
  await probe(target, send, request.label);
}
