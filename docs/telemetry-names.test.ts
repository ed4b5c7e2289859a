// docs/recipes/opentelemetry.md is what dashboards and alerts are written against: its tables must name
// the span, every metric and every attribute the middleware records, and nothing it does not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTR, METRIC, RUN_SPAN_NAME, SPAN_NAME } from '../packages/wx-audit-middleware/src/telemetry/telemetry-names.js';

const page = readFileSync(new URL('recipes/opentelemetry.md', import.meta.url), 'utf8');

/** The first-column names (in backquotes) of the table whose header starts with `header`. */
function firstColumn(header: string): string[] {
  const table = page.slice(page.indexOf(header));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1] ?? row);
}

describe('docs/recipes/opentelemetry.md', () => {
  it('names the spans', () => {
    expect(page).toContain(`named \`${SPAN_NAME}\``);
    expect(page).toContain(`named \`${RUN_SPAN_NAME}\``);
  });

  it('its metrics table has a row for every metric, and no other', () => {
    expect(firstColumn('| metric | type |').sort()).toEqual(Object.values(METRIC).sort());
  });

  it('its span table has a row for every span attribute, and no other', () => {
    const notOnTheRequestSpan: string[] = [ATTR.eventType, ATTR.storeOperation, ATTR.attempt];
    expect(firstColumn('| attribute | value |').sort()).toEqual(Object.values(ATTR).filter((a) => !notOnTheRequestSpan.includes(a)).sort());
  });

  it("its durable-mode run span table has a row for each of the run span's attributes", () => {
    expect(firstColumn('| run attribute | value |').sort()).toEqual([ATTR.attempt, ATTR.code, ATTR.eventTypes, ATTR.outcome].sort());
  });

  it('names every metric attribute', () => {
    for (const attribute of Object.values(ATTR)) expect(page).toContain(`\`${attribute}\``);
  });
});
