import { WxAuditError } from '../errors.js';

/** Keys that could reach Object.prototype if a decoded message were ever merged or spread carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Walks a decoded document (iteratively, so depth cannot blow the stack) and refuses forbidden keys.
 * Decoders call it so that nothing downstream has to think about prototype pollution. Returns how many
 * object keys it saw (parseJson compares it with the members in the text to find repeated keys).
 */
export function assertSafeKeys(value: unknown, maxDepth: number): number {
  let keys = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) throw new WxAuditError('BODY_MALFORMED', `The body nests deeper than ${maxDepth} levels.`);
    if (Array.isArray(node)) {
      for (const item of node) stack.push({ node: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(node)) {
      keys++;
      if (FORBIDDEN_KEYS.has(key)) throw new WxAuditError('BODY_MALFORMED', `The body uses the reserved key "${key}".`);
      stack.push({ node: (node as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return keys;
}
