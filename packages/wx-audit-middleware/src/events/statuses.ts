/** The three readings of a documented value: its Chinese and English labels, and what it means as an audit outcome. */
export interface StatusText {
  zh: string;
  en: string;
}

export type AuditOutcome = 'approved' | 'rejected' | 'pending' | 'cancelled' | 'other';

interface StatusEntry<V extends number | string> {
  value: V;
  zh: string;
  en: string;
  /** The `auditResult` outcome this value reports; absent: `other` (or the event has no auditResult). */
  outcome?: AuditOutcome;
}

export interface Statuses<T extends Record<string, StatusEntry<number | string>>> {
  /** `{ APPROVED: 3, … }`: the constant object users compare with. */
  values: { readonly [K in keyof T]: T[K]['value'] };
  /**
   * `{ 3: { zh, en }, … }`: labels for logs and UIs, indexed by the value as an event carries it (a
   * `number`, or a `string` for text enumerations), like REGISTER_STATUS_TEXT: a value WeChat did not
   * document has no label.
   */
  text: Readonly<Record<T[keyof T]['value'] extends number ? number : string, StatusText>>;
  /** The outcome of a value as sent; a value WeChat did not document is `other`, never refused. */
  outcomeOf(value: number | string | undefined): AuditOutcome;
}

/**
 * One table per enumeration gives its constants, its labels and its outcome mapping, so that the three
 * cannot drift apart (the docs' per-event mapping tables are written from the same entries).
 */
export function defineStatuses<const T extends Record<string, StatusEntry<number | string>>>(entries: T): Statuses<T> {
  const values: Record<string, number | string> = {};
  const text: Record<string, StatusText> = {};
  const outcomes = new Map<number | string, AuditOutcome>();
  for (const [key, entry] of Object.entries(entries)) {
    values[key] = entry.value;
    text[String(entry.value)] = { zh: entry.zh, en: entry.en };
    if (entry.outcome) outcomes.set(entry.value, entry.outcome);
  }
  return {
    values: Object.freeze(values) as Statuses<T>['values'],
    text: Object.freeze(text) as Statuses<T>['text'],
    outcomeOf: (value) => (value === undefined ? 'other' : (outcomes.get(value) ?? 'other')),
  };
}
