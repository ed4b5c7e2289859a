/** One problem of an invalid fixture: the path in WeChat's field names, and what is wrong there. */
export interface FixtureIssue {
  path: string;
  message: string;
}

/** The TypeError of a fixture the middleware would refuse; `issues` let a caller name the fields its own way (the CLI: `--set` fields). */
export class FixtureInvalidError extends TypeError {
  constructor(
    readonly what: string,
    readonly issues: readonly FixtureIssue[],
  ) {
    const list = issues.map((issue) => `${issue.path || '(message)'}: ${issue.message}`).join('; ');
    super(`${what} is not valid (checked against the middleware's schema, wire field names): ${list}.`);
  }
}

/** What checkWire needs of a schema (zod's safeParse). */
export interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/** The schema's output for a wire document, or a FixtureInvalidError naming (up to five of) the bad fields. */
export function checkWire<T>(what: string, schema: SafeParser<T>, wire: unknown): T {
  const result = schema.safeParse(wire);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  throw new FixtureInvalidError(what, issues);
}
