import { createServer } from 'node:http';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { WxAudit } from '../src/index.js';
import { describeRequestText } from '../src/describe-request-text.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, makeAudit, MOUNT, sceneAuditWire } from './helpers/push.js';
import { watch } from './helpers/refusals.js';

// Security review (issue #19, finding 6): request text quoted in a refusal's message reached
// `rejected.message`, the HTTP answer and logs as sent: newlines, terminal escapes, kilobytes.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** The longest a message quoting request text may be: its own words plus 64 escaped characters. */
const MESSAGE_MAX = 600;
const HOSTILE = `\n\x1b[31m${'A'.repeat(8000 - 6)}`;

const audits: WxAudit[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});
const setup = () => {
  const audit = makeAudit();
  audits.push(audit);
  return { audit, seen: watch(audit) };
};

function expectTamed(message: string) {
  expect(message).not.toMatch(UNSAFE);
  expect(message.length).toBeLessThan(MESSAGE_MAX);
}

describe.each(flavors)('%s: request text quoted in a refusal is escaped and bounded', (flavor) => {
  // Two copies of an 8,000-character name do not fit Node's default 16 KiB of request head.
  const serve = (audit: WxAudit) => createServer({ maxHeaderSize: 64 * 1024 }, makeApp(flavor, audit));

  it('a repeated query parameter named with a newline, an ESC sequence and 8,000 characters', async () => {
    const { audit, seen } = setup();
    const name = encodeURIComponent(HOSTILE);
    const { search } = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const res = await request(serve(audit)).post(`${MOUNT}${search}&${name}=1&${name}=2`).set('content-type', 'text/xml').send('<xml/>');

    expect(res.status).toBe(400);
    expect(seen.rejected).toHaveLength(1);
    const { code, message } = seen.rejected[0]!;
    expect(code).toBe('QUERY_INVALID');
    expectTamed(message);
    expect(res.text).not.toMatch(UNSAFE);
    expect(res.text.length).toBeLessThan(MESSAGE_MAX);
    expect(res.body).toEqual({ code, message });
    // Still says which parameter, in a form the operator can read back.
    expect(message).toContain('"\\u000a\\u001b[31mAAAA');
  });

  it('an APIv3 Authorization header with an 8,000-character field name', async () => {
    const { audit, seen } = setup();
    const res = await request(serve(audit))
      .post(MOUNT)
      .set('authorization', `WECHATPAY2-SHA256-RSA2048 ${'a'.repeat(8000)}="1"`)
      .send('{}');

    expect(res.status).toBe(401);
    expect(seen.rejected[0]).toMatchObject({ code: 'AUTHORIZATION_INVALID' });
    expectTamed(seen.rejected[0]!.message);
    expect(res.text.length).toBeLessThan(MESSAGE_MAX);
  });
});

describe('request text through audit.receive() (any transport)', () => {
  it('a method holding control characters and 8,000 characters → 405 with the method escaped and bounded', async () => {
    const { audit, seen } = setup();
    const answer = await audit.receive({ method: `PUT${HOSTILE}`, url: MOUNT, path: '/', headers: {}, readBody: () => Promise.reject(new Error('not read')) });

    expect(answer.status).toBe(405);
    expect(seen.rejected[0]).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    expectTamed(seen.rejected[0]!.message);
    expectTamed(answer.body);
  });

  it('a repeated query parameter without percent-encoding (a transport that does not check the URL)', async () => {
    const { audit, seen } = setup();
    const answer = await audit.receive({ method: 'GET', url: `${MOUNT}?${HOSTILE}&${HOSTILE}`, path: '/', headers: {}, readBody: () => Promise.reject(new Error('not read')) });

    expect(answer.status).toBe(400);
    expectTamed(seen.rejected[0]!.message);
    expectTamed(answer.body);
  });
});

describe('describeRequestText', () => {
  it.each([
    ['plain text', 'signature', '"signature"'],
    ['C0, DEL and C1 controls', 'a\r\n\t\x00\x7f\x85\x9bb', '"a\\u000d\\u000a\\u0009\\u0000\\u007f\\u0085\\u009bb"'],
    ['bidi overrides, zero-width and line separators', '\u202egnp.exe\u200b\u2028', '"\\u202egnp.exe\\u200b\\u2028"'],
    ['a lone surrogate', 'x\ud800y', '"x\\ud800y"'],
    ['quotes and backslashes', 'a"b\\c', '"a\\"b\\\\c"'],
  ])('%s', (_name, text, expected) => {
    expect(describeRequestText(text)).toBe(expected);
    // A JSON string literal: reading it back gives the text.
    expect(JSON.parse(describeRequestText(text))).toBe(text);
  });

  it('keeps at most 64 code points, never splitting a surrogate pair, and marks the cut after the quote', () => {
    expect(describeRequestText('x'.repeat(64))).toBe(`"${'x'.repeat(64)}"`);
    expect(describeRequestText('x'.repeat(65))).toBe(`"${'x'.repeat(64)}"…`);
    const emoji = describeRequestText('😀'.repeat(100));
    expect(emoji).toBe(`"${'😀'.repeat(64)}"…`);
    expect(emoji).not.toMatch(/\p{Cs}/u);
  });
});
