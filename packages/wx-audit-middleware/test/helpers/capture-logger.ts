import type { WxAuditLogger } from '../../src/index.js';

export interface LogLine {
  level: 'warn' | 'error' | 'info' | 'debug';
  line: string;
}

/** A logger that keeps every line with its level, as a test's stand-in for console or pino. */
export function captureLogger(): WxAuditLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    warn: (line) => void lines.push({ level: 'warn', line }),
    error: (line) => void lines.push({ level: 'error', line }),
    info: (line) => void lines.push({ level: 'info', line }),
    debug: (line) => void lines.push({ level: 'debug', line }),
  };
}
