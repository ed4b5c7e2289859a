import type { AuditOutcome } from './statuses.js';

export type { AuditOutcome } from './statuses.js';

/** What one audit-result push reports, before it becomes the `auditResult` event. */
export interface AuditVerdict {
  outcome: AuditOutcome;
  /** What was audited (a product, brand, audit, appid, trace…), as a string; absent when the push does not name it. */
  subjectId?: string;
  /** The reason given, when the push gives one that is not empty. */
  reason?: string;
}

/** Builds a verdict, leaving out a subject or a reason that is absent or empty. */
export function verdict(outcome: AuditOutcome, subjectId?: string | number, reason?: string): AuditVerdict {
  const out: AuditVerdict = { outcome };
  if (subjectId !== undefined && subjectId !== '') out.subjectId = String(subjectId);
  if (reason !== undefined && reason !== '') out.reason = reason;
  return out;
}

/**
 * One outcome for a push that reports several audited items (CATALOGUE §1.4): rejected if any item is,
 * else pending if any item is, else approved when there is at least one item and every item is; else
 * other. An item without a status (`undefined`), or with one that is neither, blocks an approval.
 */
export function aggregateOutcome(items: ReadonlyArray<AuditOutcome | undefined>): AuditOutcome {
  if (items.includes('rejected')) return 'rejected';
  if (items.includes('pending')) return 'pending';
  if (items.length > 0 && items.every((item) => item === 'approved')) return 'approved';
  return 'other';
}
