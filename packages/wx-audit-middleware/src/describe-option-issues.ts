import { z } from 'zod';
import { escapeRequestText } from './describe-request-text.js';
import { describeIssues } from './events/issues.js';

/**
 * Describes what is wrong with options, as describeIssues does, but names a misspelt option's nearest
 * known name ("encodingAesKey: unknown option; did you mean encodingAESKey?") instead of zod's bare
 * "Unrecognized key". Values are never quoted.
 */
export function describeOptionIssues(error: z.ZodError, schema: z.ZodType): string {
  const unknown: string[] = [];
  const rest: z.core.$ZodIssue[] = [];
  for (const issue of closestUnionOption(error.issues)) {
    if (issue.code !== 'unrecognized_keys') {
      rest.push(issue);
      continue;
    }
    const known = keysAt(schema, issue.path);
    for (const key of issue.keys) {
      const name = [...issue.path.map(String), key].map((k) => escapeRequestText(k)).join('.');
      const near = nearest(key, known);
      unknown.push(`${name}: unknown option${near ? `; did you mean ${[...issue.path.map(String), near].join('.')}?` : known.length ? ` (known: ${known.join(', ')})` : ''}`);
    }
  }
  const described = rest.length ? [describeIssues(new z.ZodError(rest))] : [];
  return [...unknown.slice(0, 5), ...described].join('; ');
}

/**
 * A union's failure as the issues of the option the value was meant for: the one whose issues all lie
 * below the value (its own type matched), e.g. `telemetry: { tracer: {} }` is "telemetry.tracer: a Tracer…",
 * not zod's bare "telemetry: Invalid input". Without such an option the union's own issue stays.
 */
function closestUnionOption(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union') return [issue];
    const closest = issue.errors.find((option) => option.length > 0 && option.every((inner) => inner.path.length > 0));
    return closest ? closestUnionOption(closest.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))) : [issue];
  });
}

/** The option names an object schema at `path` accepts. */
function keysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let at: z.ZodType | undefined = schema;
  for (const key of path) {
    const object = objectOf(at);
    at = object?.shape[String(key)] as z.ZodType | undefined;
  }
  return Object.keys(objectOf(at)?.shape ?? {});
}

/** The object schema inside optional wrappers and unions (the first object among a union's options). */
function objectOf(schema: z.ZodType | undefined): z.ZodObject | undefined {
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return objectOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as z.ZodType[]) {
      const object = objectOf(option);
      if (object) return object;
    }
  }
  return undefined;
}

/**
 * The known name a typo most likely meant: the same letters in another case, else one that begins with
 * what was typed (`tolerance` → `toleranceSeconds`), else the closest within 3 edits.
 */
function nearest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = known.find((k) => k.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const completes = lower.length >= 4 ? known.find((k) => k.toLowerCase().startsWith(lower)) : undefined;
  if (completes) return completes;
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.floor(key.length / 2));
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d <= bestDistance) {
      best = candidate;
      bestDistance = d - 1;
    }
  }
  return best;
}

/** Levenshtein distance; option names are short, so the plain two-row table is enough. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
