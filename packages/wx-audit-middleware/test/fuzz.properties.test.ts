import { describe, expect, it } from 'vitest';
import { checkNoPollution, checkOutcome, prototypeSnapshot } from '../fuzz/check-outcome.js';
import { createFuzzTarget, PLAINTEXT_MARKER, type FuzzRequest } from '../fuzz/fuzz-target.js';
import { loadGoldens } from '../fuzz/mutations.js';
import { checkGoldensAccepted, fuzzProperties } from '../fuzz/properties.js';
import { AES_KEY, TOKEN } from './helpers/push.js';

// The short campaign of every CI run; `pnpm fuzz` runs the same properties for 100,000 cases.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

describe('fuzz campaign (short)', () => {
  for (const definition of fuzzProperties()) {
    const numRuns = Math.max(20, Math.round((RUNS * definition.weight) / 20));
    it(`${definition.name}: ${numRuns} cases, each refused cleanly (or accepted when still valid), then a valid push served`, async () => {
      const run = await definition.make();
      try {
        await run.assert({ numRuns });
      } finally {
        await run.close();
      }
    }, 120_000);
  }

  it('every golden request present is accepted unmodified (the mutations start from valid requests)', async () => {
    expect(await checkGoldensAccepted()).toBe(loadGoldens().length);
  });
});

/** The oracle must be able to fail: each broken outcome below is one the campaign has to catch. */
describe('the fuzz oracle', () => {
  const target = createFuzzTarget();
  const hostile: FuzzRequest = { label: 'oracle', method: 'POST', url: '/wechat/audit', headers: {}, body: Buffer.alloc(0), expect: 'refused' };
  const refusal = (code: string, status: number, message = 'm') => ({ status, headers: {}, body: JSON.stringify({ code, message }) });
  const rejected = (code: string, status: number, message = 'm') => ({ name: 'rejected', payload: { type: 'rejected', code, status, message } });
  const log = (line = 'wx-audit: refused "POST" "/wechat/audit": 400 BODY_MALFORMED: m') => ({ name: 'log', payload: line });

  it('passes a clean refusal (one rejected event, one log line)', () => {
    expect(() => checkOutcome(hostile, refusal('BODY_MALFORMED', 400), [rejected('BODY_MALFORMED', 400), log()], target)).not.toThrow();
  });

  it.each([
    ['a hostile request accepted', { status: 200, headers: {}, body: 'success' }, [{ name: 'message', payload: {} }]],
    ['no rejected event', refusal('BODY_MALFORMED', 400), []],
    ['two rejected events', refusal('BODY_MALFORMED', 400), [rejected('BODY_MALFORMED', 400), rejected('BODY_MALFORMED', 400)]],
    ['a dispatched event beside the refusal', refusal('BODY_MALFORMED', 400), [rejected('BODY_MALFORMED', 400), { name: 'message', payload: {} }]],
    ['an INTERNAL_ERROR', refusal('INTERNAL_ERROR', 500), [rejected('INTERNAL_ERROR', 500)]],
    ['a 5xx API.md does not name', refusal('HANDLER_FAILED', 500), [rejected('HANDLER_FAILED', 500)]],
    ['status and code that disagree', refusal('BODY_MALFORMED', 401), [rejected('BODY_MALFORMED', 401)]],
    ['the token in the answer', refusal('BODY_MALFORMED', 400, `bad ${TOKEN}`), [rejected('BODY_MALFORMED', 400)]],
    ['the AES key in the rejected event', refusal('BODY_MALFORMED', 400), [rejected('BODY_MALFORMED', 400, AES_KEY)]],
    ['decrypted content in the answer', refusal('SCHEMA_INVALID', 400, PLAINTEXT_MARKER), [rejected('SCHEMA_INVALID', 400)]],
    ['an error event', refusal('BODY_MALFORMED', 400), [rejected('BODY_MALFORMED', 400), { name: 'error', payload: {} }]],
    ['a refusal not logged', refusal('BODY_MALFORMED', 400), [rejected('BODY_MALFORMED', 400)]],
    ['a refusal logged twice', refusal('BODY_MALFORMED', 400), [rejected('BODY_MALFORMED', 400), log(), log()]],
    ['the token in a log line', refusal('BODY_MALFORMED', 400), [rejected('BODY_MALFORMED', 400), log(`refused ${TOKEN}`)]],
  ])('fails on %s', (_name, outcome, events) => {
    expect(() => checkOutcome(hostile, outcome, events, target)).toThrow();
  });

  it('fails when a prototype was polluted', () => {
    const before = prototypeSnapshot();
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, configurable: true, enumerable: false });
    try {
      expect(() => checkNoPollution(before, 'oracle')).toThrow();
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(() => checkNoPollution(before, 'oracle')).not.toThrow();
  });
});
