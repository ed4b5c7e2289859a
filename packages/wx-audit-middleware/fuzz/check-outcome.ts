import assert from 'node:assert/strict';
import { CATALOGUE, WX_AUDIT_ERROR_STATUS, type WxAuditErrorCode } from '../src/index.js';
import type { FuzzRequest, RecordedEvent } from './fuzz-target.js';

/** What came back for one request: status, headers and body as the client saw them. */
export interface Outcome {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** 5xx codes API.md allows for a refusal that is not the server's fault to fix by retrying blindly. */
const ALLOWED_5XX: ReadonlySet<WxAuditErrorCode> = new Set(['RAW_BODY_UNAVAILABLE']);
const DISPATCHED: ReadonlySet<string> = new Set(['message', 'auditResult', 'infoUpdateAudit', ...CATALOGUE.map((d) => d.name)]);

const isCode = (code: unknown): code is WxAuditErrorCode => typeof code === 'string' && Object.hasOwn(WX_AUDIT_ERROR_STATUS, code);

/**
 * The invariants of issue 7 for one request and the events it caused (node:assert, so the long campaign
 * runs them outside vitest too):
 * - refused: a 4xx (or a 5xx API.md names), a JSON `{ code, message }` answer, exactly one `rejected`
 *   with the same code and status, and no other event;
 * - accepted (only allowed for `expect: 'any'`): 200, no `rejected`, no `handlerError`;
 * - never `INTERNAL_ERROR` (an unexpected exception is a bug), never an `error` event;
 * - no secret in the answer's body or headers, nor in any `rejected` event (nor token or keys anywhere).
 */
export function checkOutcome(request: FuzzRequest, outcome: Outcome, recorded: RecordedEvent[], target: { secrets: readonly string[]; credentials: readonly string[] }): void {
  const where = `${request.label}: ${request.method} ${request.url.slice(0, 200)} → ${outcome.status} ${outcome.body.slice(0, 200)}`;
  const logs = recorded.filter((e) => e.name === 'log').map((e) => String(e.payload));
  const events = recorded.filter((e) => e.name !== 'log');
  const names = events.map((e) => e.name);
  assert.ok(!names.includes('error'), `an 'error' event was emitted (${where})`);
  assert.ok(!names.includes('handlerError'), `a handlerError was emitted (${where})`);

  const refused = outcome.status !== 200;
  if (!refused) {
    assert.equal(request.expect, 'any', `a hostile request was accepted (${where})`);
    assert.deepEqual(names.filter((n) => !DISPATCHED.has(n)), [], `an accepted request emitted ${names.join(', ')} (${where})`);
  } else if (outcome.status === 400 && names.length === 0 && !outcome.body.startsWith('{')) {
    // Node's own HTTP parser refused the request before any middleware ran (raw-socket cases).
    assert.equal(request.expect, 'refused', `Node refused a request the middleware should have seen (${where})`);
  } else {
    let answer: { code?: unknown; message?: unknown };
    try {
      answer = JSON.parse(outcome.body) as typeof answer;
    } catch {
      assert.fail(`a refusal's body is not JSON (${where})`);
    }
    assert.ok(isCode(answer.code), `unknown code in the answer (${where})`);
    assert.notEqual(answer.code, 'INTERNAL_ERROR', `an unexpected exception (${where})`);
    assert.equal(outcome.status, WX_AUDIT_ERROR_STATUS[answer.code], `status and code disagree (${where})`);
    assert.ok(outcome.status < 500 || ALLOWED_5XX.has(answer.code), `a 5xx API.md does not allow for this (${where})`);
    assert.deepEqual(names, ['rejected'], `a refusal must emit exactly one rejected and nothing else (${where})`);
    const rejected = events[0]!.payload as { code: unknown; status: unknown };
    assert.equal(rejected.code, answer.code, `rejected.code differs from the answer (${where})`);
    assert.equal(rejected.status, outcome.status, `rejected.status differs from the answer (${where})`);
    assert.equal(logs.length, 1, `a refusal must be logged exactly once (${where})`);
  }

  const headerText = JSON.stringify(outcome.headers);
  const rejectedText = JSON.stringify(events.filter((e) => e.name === 'rejected').map((e) => e.payload));
  const everyEvent = JSON.stringify(events.map((e) => e.payload), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  for (const secret of target.secrets) {
    assert.ok(!outcome.body.includes(secret), `a secret in the answer body (${where})`);
    assert.ok(!headerText.includes(secret), `a secret in the answer headers (${where})`);
    assert.ok(!rejectedText.includes(secret), `a secret in a rejected event (${where})`);
    for (const line of logs) assert.ok(!line.includes(secret), `a secret in a log line (${where})`);
  }
  // Dispatched events carry the decrypted message on purpose; the credentials never.
  for (const credential of target.credentials) assert.ok(!everyEvent.includes(credential), `a credential in an event (${where})`);
}

/** Own properties of the prototypes a polluting parser would reach, to compare before and after. */
export function prototypeSnapshot(): string {
  const describe = (proto: object) =>
    Reflect.ownKeys(proto)
      .map((key) => `${String(key)}:${typeof Object.getOwnPropertyDescriptor(proto, key)?.value}`)
      .sort()
      .join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map(describe).join('|');
}

/** No prototype changed since `before`, and no object inherits a stray property. */
export function checkNoPollution(before: string, label: string): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'x', 'Encrypt', 'MsgType', 'CreateTime', 'toUserName']) {
    assert.equal(probe[key], undefined, `Object.prototype.${key} appeared after ${label}`);
  }
  assert.equal(prototypeSnapshot(), before, `a prototype changed after ${label}`);
}
