// docs/errors.md lists every error code with its HTTP status: the table must not drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WX_AUDIT_ERROR_STATUS } from '@x/wx-audit-middleware';

describe('docs/errors.md', () => {
  it('lists every error code, with the status the middleware answers with', () => {
    const page = readFileSync(new URL('errors.md', import.meta.url), 'utf8');
    const listed = Object.fromEntries([...page.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
    expect(listed).toEqual({ ...WX_AUDIT_ERROR_STATUS });
  });
});
