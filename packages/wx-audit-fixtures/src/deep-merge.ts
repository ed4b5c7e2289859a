const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Keys refused in overrides and `--set` paths: assigned on a plain object, `__proto__` replaces its
 * prototype, and a path through `constructor.prototype` or `__proto__` reaches Object.prototype itself.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const refuseForbidden = (key: string) => {
  if (FORBIDDEN_KEYS.has(key)) throw new TypeError(`The override key "${key}" is not allowed.`);
};

/**
 * Returns a copy of `base` with `overrides` applied: plain objects merge deeply, arrays and every
 * other value replace whole, and an `undefined` override removes the key. Neither input is modified.
 */
export function deepMerge<T>(base: T, overrides: unknown): T {
  if (overrides === undefined) return clone(base);
  if (!isPlainObject(base) || !isPlainObject(overrides)) return clone(overrides) as T;
  const out: Record<string, unknown> = clone(base) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    refuseForbidden(key);
    if (value === undefined) delete out[key];
    else out[key] = key in out ? deepMerge(out[key], value) : clone(value);
  }
  return out as T;
}

/**
 * A deep copy of plain data (objects, arrays, primitives), so a fixture never shares structure with its
 * inputs. Forbidden keys are refused here too: JSON.parse makes `__proto__` an own key, which copying by
 * assignment would turn into the copy's prototype (an override given as JSON reaches here unmerged).
 */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => clone(item)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      refuseForbidden(key);
      out[key] = clone(item);
    }
    return out as T;
  }
  return value;
}

/** Throws a clear error for top-level override keys the fixture does not have (a typo would otherwise be ignored). */
export function assertKnownKeys(what: string, overrides: unknown, known: readonly string[]): void {
  if (overrides === undefined) return;
  if (!isPlainObject(overrides)) throw new TypeError(`${what} overrides must be a plain object.`);
  for (const key of Object.keys(overrides)) {
    if (key === 'type') throw new TypeError(`${what}: "type" cannot be overridden.`);
    if (!known.includes(key)) throw new TypeError(`${what}: unknown field "${key}"; the fields are ${known.join(', ')}.`);
  }
}
