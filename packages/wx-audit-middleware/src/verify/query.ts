import { WxAuditError } from '../errors.js';

export type Query = ReadonlyMap<string, string>;

/**
 * Parses the query of the URL as sent. A parameter given twice is refused rather than guessed at:
 * frameworks disagree on which copy wins, and a signature must be checked against one value.
 */
export function parseQuery(url: string): Query {
  const at = url.indexOf('?');
  const params = new URLSearchParams(at === -1 ? '' : url.slice(at + 1));
  const query = new Map<string, string>();
  for (const [key, value] of params) {
    if (query.has(key)) throw new WxAuditError('QUERY_INVALID', `The query parameter "${key}" appears more than once.`);
    query.set(key, value);
  }
  return query;
}

export function requireParam(query: Query, name: string): string {
  const value = query.get(name);
  if (value === undefined || value === '') {
    throw new WxAuditError('QUERY_INVALID', `The query parameter "${name}" is missing; WeChat always sends it.`);
  }
  return value;
}
