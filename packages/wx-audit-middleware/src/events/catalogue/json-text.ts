/**
 * JSON inside a string (`audit_info`, `extra_info_json`): the string stays as sent, and the event adds
 * `<field>Parsed`, its parse, absent when the string is absent, empty or not JSON: a push is never
 * refused for a string that does not parse (CATALOGUE §1.3).
 */
export function parseJsonText<K extends string>(key: K, text: string | undefined): { [P in K]?: unknown } {
  if (text === undefined || text.trim() === '') return {};
  try {
    return { [key]: JSON.parse(text) as unknown } as { [P in K]?: unknown };
  } catch {
    return {};
  }
}
