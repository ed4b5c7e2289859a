import { parseArgs, type ParseArgsConfig } from 'node:util';
import { str, type ParsedValues } from './cli-triggers.js';
import { UsageError } from './cli-usage-error.js';

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
