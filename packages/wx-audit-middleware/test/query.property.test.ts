import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WxAuditError } from '../src/errors.js';
import { parseQuery } from '../src/verify/query.js';

/** What parseQuery must answer: URLSearchParams' pairs, or QUERY_INVALID for a name given twice. */
function reference(url: string): Array<[string, string]> | 'QUERY_INVALID' {
  const at = url.indexOf('?');
  const pairs = [...new URLSearchParams(at === -1 ? '' : url.slice(at + 1))];
  return new Set(pairs.map(([key]) => key)).size === pairs.length ? pairs : 'QUERY_INVALID';
}

function actual(url: string): Array<[string, string]> | string {
  try {
    return [...parseQuery(url)];
  } catch (error) {
    return error instanceof WxAuditError ? error.code : 'THREW';
  }
}

describe('parseQuery', () => {
  it('reads what URLSearchParams reads, for queries like WeChat\'s and for any text', () => {
    const chars = fc.constantFrom('a', 'b', 'x', '1', '_', '=', '&', '?', '%', '%2', '%41', '%zz', '+', ' ', '中', '\uD800', '#', '/');
    const query = fc.string({ unit: chars, maxLength: 24 });
    fc.assert(
      fc.property(fc.oneof(query.map((q) => `/wechat?${q}`), fc.string({ maxLength: 40 })), (url) => {
        expect(actual(url)).toEqual(reference(url));
      }),
      { numRuns: 3000 },
    );
  });

  it("splits WeChat's own query without decoding, and refuses a parameter given twice", () => {
    expect([...parseQuery('/w?signature=ab12&timestamp=1700000000&nonce=n1&openid=o_x&&flag')]).toEqual([
      ['signature', 'ab12'],
      ['timestamp', '1700000000'],
      ['nonce', 'n1'],
      ['openid', 'o_x'],
      ['flag', ''],
    ]);
    expect([...parseQuery('/w?a=1%262+3')]).toEqual([['a', '1&2 3']]);
    expect(actual('/w?nonce=1&nonce=2')).toBe('QUERY_INVALID');
    expect([...parseQuery('/w')]).toEqual([]);
  });
});
