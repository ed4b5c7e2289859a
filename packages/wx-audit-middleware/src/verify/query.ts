import { WxAuditError } from '../errors.js';
import { describeRequestText } from '../describe-request-text.js';

export type Query = ReadonlyMap<string, string>;

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Parses the query of the URL as sent. A parameter given twice is refused rather than guessed at:
 * frameworks disagree on which copy wins, and a signature must be checked against one value.
 */
export function parseQuery(url: string): Query {
  const at = url.indexOf('?');
  const search = at === -1 ? '' : url.slice(at + 1);
  const query = new Map<string, string>();
  // WeChat's parameters are letters, digits and '_': nothing to decode, so they are split here, as
  // URLSearchParams would split them, at ~half its cost. Anything it would decode ('%', '+') or repair
  // (a lone surrogate) goes through URLSearchParams itself; test/query.property.test.ts holds the two equal.
  if (search.includes('%') || search.includes('+') || SURROGATE.test(search)) {
    for (const [key, value] of new URLSearchParams(search)) addParam(query, key, value);
    return query;
  }
  // (URLSearchParams drops one leading '?' of its input: '/w??a=1' is a=1 there too.)
  const n = search.length;
  let start = search.charCodeAt(0) === 0x3f ? 1 : 0;
  while (start < n) {
    let end = search.indexOf('&', start);
    if (end === -1) end = n;
    if (end > start) {
      const eq = search.indexOf('=', start);
      if (eq === -1 || eq > end) addParam(query, search.slice(start, end), '');
      else addParam(query, search.slice(start, eq), search.slice(eq + 1, end));
    }
    start = end + 1;
  }
  return query;
}

function addParam(query: Map<string, string>, key: string, value: string): void {
  if (query.has(key)) throw new WxAuditError('QUERY_INVALID', `The query parameter ${describeRequestText(key)} appears more than once.`);
  query.set(key, value);
}

export function requireParam(query: Query, name: string): string {
  const value = query.get(name);
  if (value === undefined || value === '') {
    throw new WxAuditError('QUERY_INVALID', `The query parameter "${name}" is missing; WeChat always sends it.`);
  }
  return value;
}
