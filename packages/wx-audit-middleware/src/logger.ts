import { z } from 'zod';

const isFunction = (value: unknown): value is (...args: unknown[]) => void => typeof value === 'function';

/** What `logger` accepts: anything with `warn` and `error` (console, pino, …), `info` and `debug` optional; or `false`. */
export const loggerSchema = z.custom<WxAuditLogger | false>(
  (value) =>
    value === false ||
    (typeof value === 'object' &&
    value !== null &&
    isFunction((value as Record<string, unknown>).warn) &&
    isFunction((value as Record<string, unknown>).error)),
  'an object with warn and error functions (such as console), or false',
);

export interface WxAuditLogger {
  warn(message: string): void;
  error(message: string): void;
  info?(message: string): void;
  debug?(message: string): void;
}

/** The logger to write to: `console` by default, none for `false`. */
export function resolveLogger(option: WxAuditLogger | false | undefined): WxAuditLogger | undefined {
  if (option === false) return undefined;
  return option ?? console;
}
