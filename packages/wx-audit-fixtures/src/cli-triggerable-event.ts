import type { Apiv3ResponseVerdict } from '@x/wx-audit-middleware/wire';
import type { ParseArgsConfig } from 'node:util';
import type { BuiltRequest } from './build-push-request.js';
import type { ParsedValues } from './cli-args.js';
import type { Fixtures } from './create-fixtures.js';

/** One event `wx-audit trigger <name>` can send. Add an entry to TRIGGERS to make another event triggerable. */
export interface TriggerableEvent {
  /** One line for `wx-audit trigger --help`. */
  summary: string;
  /** The options this event takes besides the common ones (--url, --seed, --set, --timeout-ms, --retries). */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Help lines describing `options`. */
  usage: string[];
  /** Builds the request to send from the parsed values; throws UsageError for bad or missing values. */
  build(values: ParsedValues, fx: Fixtures, sets: readonly string[]): BuiltRequest | Promise<BuiltRequest>;
  /** Whether a reply acknowledges this event; default WeChat's push rule (200 and `success` or empty). */
  acknowledges?(status: number, body: string): boolean;
  /** A check of each answer's signature, when the options ask for one (read before sending). */
  answerCheck?(values: ParsedValues): Promise<AnswerCheck | undefined>;
  /** Where to send, from `--url` (a third-party message push adds its authorizer's appid to the path); default `--url` itself. */
  target?(url: string, values: ParsedValues): string;
  /** The heading its options are listed under in `wx-audit trigger --help`; events with the same heading share one list. */
  usageTitle?: string;
}

/** Verifies one answer (headers with lower-case names, body as received). */
export type AnswerCheck = (headers: Readonly<Record<string, string>>, body: string) => Apiv3ResponseVerdict;
