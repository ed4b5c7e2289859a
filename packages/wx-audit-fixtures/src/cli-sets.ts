import { FORBIDDEN_KEYS } from './deep-merge.js';
import { UsageError } from './cli-usage-error.js';

/** What a field holds, when the caller knows it from the event's definition (its wire layout). */
export type SetKind = 'text' | 'number' | 'list' | 'object';

/**
 * `--set field=value` pairs to fixture overrides. `field` is a top-level field, or a dotted path into an
 * object; the value takes the type of the field it replaces (a number stays a number), and lists or
 * objects are given as JSON: `--set sceneGroupExtList='[{"extId":1,"status":2,"name":"客服售后"}]'`.
 * `kindOf` tells a field's type where the sample cannot (a field it lacks): a text field keeps the
 * value verbatim, even digits (`007`) or JSON (`auditInfo={"…"}`, a string holding JSON).
 */
export function parseSets(pairs: readonly string[], sample: object, kindOf?: (path: readonly string[]) => SetKind | undefined): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects field=value; got "${pair}".`);
    const path = pair.slice(0, eq).split('.');
    // Checked before anything is assigned: `__proto__.x=1` would otherwise write x on Object.prototype.
    const forbidden = path.find((key) => FORBIDDEN_KEYS.has(key));
    if (forbidden !== undefined) throw new UsageError(`--set cannot write "${forbidden}" (it would reach the prototype of every object); got "${pair}".`);
    const text = pair.slice(eq + 1);
    let current: unknown = sample;
    for (const key of path) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    const kind = kindOf?.(path);
    let value: unknown = text;
    if (kind === 'text') {
      // As typed: the middleware's schema, not a guess from the sample, says what the text must be.
    } else if (kind === 'number' || typeof current === 'number' || (kind === undefined && current === undefined && /^-?\d+$/.test(text) && path.length > 1)) {
      value = Number(text);
      if (!Number.isFinite(value as number)) throw new UsageError(`--set ${path.join('.')} expects a number; got "${text}".`);
    } else if (typeof current === 'object' || /^[[{]/.test(text)) {
      try {
        value = JSON.parse(text);
      } catch {
        throw new UsageError(`--set ${path.join('.')} expects JSON (a list or an object); got "${text}".`);
      }
    }
    let target = overrides;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target = (next !== null && typeof next === 'object' ? next : (target[key] = {})) as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = value;
  }
  return overrides;
}
