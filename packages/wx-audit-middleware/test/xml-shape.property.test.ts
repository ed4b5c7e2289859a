import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildXml } from '../src/wire/xml.js';
import { isPlainXml } from '../src/wire/xml-shape.js';

// parseXml skips fast-xml-parser's validator for documents isPlainXml accepts: that is only sound if
// every one of them is a document the validator accepts.
const seed = buildXml({ ToUserName: 'gh_1', CreateTime: 1, SceneGroupAudit: { group_id: 1, list: [{ ext_id: 1, name: 'a' }, { ext_id: 2, name: 'b' }] } });
const markup = fc.constantFrom('<', '>', '/', 'a', ' ', '!', '[', ']', '&', ';', 'x', '?', '"', '=', '-', '\n');
const mutate = (doc: string) =>
  fc.array(fc.tuple(fc.nat({ max: doc.length }), fc.constantFrom('insert', 'delete', 'replace'), fc.string({ minLength: 1, maxLength: 3, unit: markup })), { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce((text, [at, how, chars]) => {
      const i = Math.min(at, text.length);
      if (how === 'insert') return text.slice(0, i) + chars + text.slice(i);
      if (how === 'delete') return text.slice(0, i) + text.slice(i + chars.length);
      return text.slice(0, i) + chars + text.slice(i + chars.length);
    }, doc),
  );

describe('isPlainXml', () => {
  it("accepts WeChat's own shape", () => {
    expect(isPlainXml(seed)).toBe(true);
    expect(isPlainXml('<xml><a/><b></b></xml>\n')).toBe(true);
  });

  it('leaves attributes, entities, comments, declarations, stray text and mismatched tags to the validator', () => {
    for (const text of ['<xml a="1"></xml>', '<xml>&amp;</xml>', '<xml><!-- c --></xml>', '<?xml version="1.0"?><xml></xml>', 'x<xml></xml>', '<xml></xml>x', '<xml></a>', '<xml><a></xml>', '<xml></xml><xml></xml>', '<xml>', '']) {
      expect(isPlainXml(text)).toBe(false);
    }
  });

  it('every document it accepts is one the validator accepts', () => {
    fc.assert(
      fc.property(fc.oneof(mutate(seed), mutate('<xml><a/><b>t</b></xml>'), fc.string().map((s) => `<xml>${s}</xml>`)), (text) => {
        if (isPlainXml(text)) expect(XMLValidator.validate(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
