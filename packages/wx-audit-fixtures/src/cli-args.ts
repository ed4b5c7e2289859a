import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-usage-error.js';

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

export const str = (values: ParsedValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

export const required = (values: ParsedValues, name: string): string => {
  const value = str(values, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required.`);
  return value;
};

/** The value of `--<name>` when it is one of `allowed`; `fallback` when the flag is absent. */
export function oneOf<T extends string>(values: ParsedValues, name: string, allowed: readonly T[], fallback: T): T;
export function oneOf<T extends string>(values: ParsedValues, name: string, allowed: readonly T[]): T | undefined;
export function oneOf<T extends string>(values: ParsedValues, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const value = str(values, name) ?? fallback;
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got "${value}".`);
  return value as T | undefined;
}

/** Where a command writes: stdout and stderr, one line per call. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** node:util parseArgs, strict, with its errors (an unknown flag, a missing value) as usage errors. */
export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): { values: ParsedValues; positionals: string[] } {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as { values: ParsedValues; positionals: string[] };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The non-negative integer given as `--<name>`, or `fallback` when the flag is absent. */
export function integer(values: ParsedValues, name: string, fallback: number): number {
  const text = str(values, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a non-negative integer; got "${text}".`);
  return Number(text);
}
