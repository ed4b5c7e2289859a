import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import { makeApp, type ExpressFlavor } from '../test/helpers/apps.js';
import { createFuzzTarget, type FuzzRequest, type FuzzTarget } from './fuzz-target.js';
import { hostileRequest } from './hostile-requests.js';
import { loadGoldens, mutated, mutatedPush, type Golden } from './mutations.js';
import { probe, runCase, viaHttp, viaReceive, type Send } from './run-case.js';
import { cataloguePush, checkCatalogueCase } from './catalogue-pushes.js';
import { checkNoPollution, checkOutcome, prototypeSnapshot } from './check-outcome.js';

/** fast-check run parameters the suite and the campaign use. */
export interface RunParams {
  numRuns: number;
  seed?: number;
  path?: string;
  interruptAfterTimeLimit?: number;
  markInterruptAsFailure?: boolean;
}

/** One property ready to run: `check` reports (the campaign), `assert` throws (the tests). */
export interface FuzzRun {
  check(params: RunParams): Promise<fc.RunDetails<unknown>>;
  assert(params: RunParams): Promise<void>;
  close(): Promise<void>;
}

/**
 * The fuzz properties, shared by the test suite (a short run on every CI) and `pnpm fuzz` (the long
 * campaign). `onCase` is called once per case run (progress reports).
 */
export interface FuzzProperty {
  name: string;
  /** Share of the campaign's cases: HTTP is several times slower than receive(), so it gets fewer. */
  weight: number;
  make(onCase?: () => void): Promise<FuzzRun>;
}

function toRun<T extends unknown[]>(property: fc.IAsyncProperty<T>, close: () => Promise<void>): FuzzRun {
  return {
    check: (params) => fc.check(property, params) as Promise<fc.RunDetails<unknown>>,
    assert: (params) => fc.assert(property, params),
    close,
  };
}

function onReceive(arbitrary: fc.Arbitrary<FuzzRequest>, target: FuzzTarget, onCase: () => void): FuzzRun {
  const send = viaReceive(target);
  return toRun(
    fc.asyncProperty(arbitrary, (request) => (onCase(), runCase(target, send, request))),
    () => target.close(),
  );
}

/** A real Express app on 127.0.0.1:0 in front of `target`. */
export async function listen(flavor: ExpressFlavor, target: FuzzTarget): Promise<Server> {
  const server = createServer(makeApp(flavor, target.audit));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Over HTTP, only methods whose answers have a body; HEAD and TRACE are left to receive(). */
// A request target must be printable ASCII: Node's client refuses anything else (raw sockets test that).
const httpSendable = (request: FuzzRequest) => request.method !== 'HEAD' && request.method !== 'TRACE' && /^[\x21-\x7e]+$/.test(request.url);

function onHttp(arbitrary: fc.Arbitrary<FuzzRequest>, flavor: ExpressFlavor) {
  return async (onCase: () => void = noop): Promise<FuzzRun> => {
    const target = createFuzzTarget();
    const server = await listen(flavor, target);
    const send: Send & { close(): void } = viaHttp(server);
    return toRun(fc.asyncProperty(arbitrary.filter(httpSendable), (request) => (onCase(), runCase(target, send, request))), async () => {
      send.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await target.close();
    });
  };
}

/** Golden requests, mutated, each sent to an audit with the golden file's own credentials and clock. */
function goldenProperty(goldens: Golden[], onCase: () => void): FuzzRun {
  const targets = goldens.map((g) =>
    createFuzzTarget({ ...g.credentials, ...g.receiverOptions, nowS: g.nowS, extraSecrets: [g.credentials.token, ...(g.credentials.encodingAESKey ? [g.credentials.encodingAESKey] : [])] }),
  );
  const arbitrary = fc
    .nat({ max: goldens.length - 1 })
    .chain((i) => fc.tuple(fc.constant(i), fc.oneof({ weight: 1, arbitrary: fc.constant(goldens[i]!.request) }, { weight: 9, arbitrary: mutated(goldens[i]!.request) })));
  const property = fc.asyncProperty(arbitrary, async ([i, request]) => {
    onCase();
    const target = targets[i]!;
    await runCase(target, viaReceive(target), request);
  });
  return toRun(property, async () => {
    await Promise.all(targets.map((t) => t.close()));
  });
}

const noop = () => undefined;
const PROTOTYPES = prototypeSnapshot();

/** Every catalogue schema, with values shaped by its layout (catalogue-pushes.ts). */
function catalogueProperty(onCase: () => void): FuzzRun {
  const target = createFuzzTarget();
  const send = viaReceive(target);
  const property = fc.asyncProperty(cataloguePush, async (c) => {
    onCase();
    target.take();
    const outcome = await send(c.request);
    const recorded = target.take();
    checkOutcome(c.request, outcome, recorded, target);
    checkCatalogueCase(c, outcome.status, outcome.body, recorded.filter((e) => e.name !== 'log'));
    checkNoPollution(PROTOTYPES, c.request.label);
    await probe(target, send, c.request.label);
  });
  return toRun(property, () => target.close());
}

export function fuzzProperties(): FuzzProperty[] {
  const goldens = loadGoldens();
  const properties: FuzzProperty[] = [
    { name: 'hostile requests through audit.receive()', weight: 55, make: async (onCase = noop) => onReceive(hostileRequest, createFuzzTarget(), onCase) },
    { name: 'mutated valid pushes through audit.receive()', weight: 20, make: async (onCase = noop) => onReceive(mutatedPush, createFuzzTarget(), onCase) },
    { name: 'catalogue pushes (every event, values shaped by its schema) through audit.receive()', weight: 15, make: async (onCase = noop) => catalogueProperty(onCase) },
    { name: 'hostile requests through Express 5', weight: 4, make: onHttp(hostileRequest, 'express5') },
    { name: 'hostile requests through Express 4', weight: 3, make: onHttp(hostileRequest, 'express4') },
    { name: 'mutated valid pushes through Express 5', weight: 3, make: onHttp(mutatedPush, 'express5') },
  ];
  if (goldens.length > 0) {
    properties.push({ name: `mutated golden requests (${goldens.length} files) through audit.receive()`, weight: 15, make: async (onCase = noop) => goldenProperty(goldens, onCase) });
  }
  return properties;
}

/** Sanity for the golden files: each one, unmodified, is accepted by an audit with its credentials. */
export async function checkGoldensAccepted(goldens = loadGoldens()): Promise<number> {
  for (const g of goldens) {
    const target = createFuzzTarget({ ...g.credentials, ...g.receiverOptions, nowS: g.nowS });
    const answer = await viaReceive(target)(g.request);
    assert.equal(answer.status, 200, `${g.file}: ${answer.body}`);
    await target.close();
  }
  return goldens.length;
}
