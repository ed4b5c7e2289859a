import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildXml } from '../src/wire/xml.js';
import { isPlainXml } from '../src/wire/xml-shape.js';
import { mutate } from './helpers/mutate.js';

// parseXml skips fast-xml-parser's validator for documents isPlainXml accepts: that is only sound if
// every one of them is a document the validator accepts.
const seed = buildXml({ ToUserName: 'gh_1', CreateTime: 1, SceneGroupAudit: { group_id: 1, list: [{ ext_id: 1, name: 'a' }, { ext_id: 2, name: 'b' }] } });
const markup = fc.constantFrom('<', '>', '/', 'a', ' ', '!', '[', ']', '&', ';', 'x', '?', '"', '=', '-', '\n');

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
      fc.property(fc.oneof(mutate(seed, markup), mutate('<xml><a/><b>t</b></xml>', markup), fc.string().map((s) => `<xml>${s}</xml>`)), (text) => {
        if (isPlainXml(text)) expect(XMLValidator.validate(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
