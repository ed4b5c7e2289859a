import type { z } from 'zod';
import { escapeRequestText } from '../describe-request-text.js';

/**
 * Names the fields that failed, never their values (which may be decrypted content). The path's keys come
 * from the schemas, but are escaped and bounded as any request text would be, should a schema ever take
 * keys from the message (a record).
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.map((key) => escapeRequestText(String(key))).join('.') : '(message)'}: ${issue.message}`)
    .join('; ');
}
