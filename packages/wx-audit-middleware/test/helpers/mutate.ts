import fc from 'fast-check';

/**
 * Small edits of a valid document: one to four insertions, deletions or replacements at random places.
 * `unit` picks the characters inserted (default any); a markup alphabet keeps mutations near-valid.
 */
export function mutate(doc: string, unit?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const chars = fc.string({ minLength: 1, maxLength: 3, ...(unit ? { unit } : {}) });
  return fc
    .array(fc.tuple(fc.nat({ max: doc.length }), fc.constantFrom('insert', 'delete', 'replace'), chars), { minLength: 1, maxLength: 4 })
    .map((edits) =>
      edits.reduce((text, [at, how, inserted]) => {
        const i = Math.min(at, text.length);
        if (how === 'insert') return text.slice(0, i) + inserted + text.slice(i);
        if (how === 'delete') return text.slice(0, i) + text.slice(i + inserted.length);
        return text.slice(0, i) + inserted + text.slice(i + inserted.length);
      }, doc),
    );
}
