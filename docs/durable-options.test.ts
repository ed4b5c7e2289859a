// The options table of docs/recipes/durable-mode.md must name every durable option there is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { durableOptionsSchema } from '../packages/wx-audit-middleware/src/durable/durable-options.js';

describe('docs/recipes/durable-mode.md', () => {
  it('its options table has a row for every durable option', () => {
    const page = readFileSync(new URL('recipes/durable-mode.md', import.meta.url), 'utf8');
    const table = page.slice(page.indexOf('| option | meaning | default |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const documented = new Set(rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`(\w+)`/g)].map((m) => m[1])));
    expect(Object.keys(durableOptionsSchema.shape).filter((option) => !documented.has(option))).toEqual([]);
  });
});
