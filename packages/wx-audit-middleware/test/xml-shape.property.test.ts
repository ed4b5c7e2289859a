import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { WxAuditError } from '../src/errors.js';
import { parsePlainXml } from '../src/wire/plain-xml.js';
import { buildXml, parseXml, type XmlInputObject } from '../src/wire/xml.js';
import { assertXmlShape } from '../src/wire/xml-shape.js';
import { mutate } from './helpers/mutate.js';

// assertXmlShape holds every XML body to WeChat's shape before fast-xml-parser runs, and parseXml no
// longer runs fast-xml-parser's validator: that is only sound if every document the scan accepts is one
// the validator accepts, and only right if everything WeChat (buildXml) writes is accepted.

/** The refusal's code and message, or 'accepted'. */
function shape(text: string): { code: string; message: string } | 'accepted' {
  try {
    assertXmlShape(text);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof WxAuditError)) throw error;
    return { code: error.code, message: error.message };
  }
}

const refusedBy = (text: string) => {
  const result = shape(text);
  return result === 'accepted' ? 'accepted' : result.message;
};

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/).filter((n) => !['__proto__', 'constructor', 'prototype'].includes(n));
// Any text, markup characters and CDATA's end included: buildXml puts strings in CDATA.
const value = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('a<b>c', ']]>', '<!-- x -->', '<?p?>', 'x="1"', '&amp;'), fc.integer());
const message: fc.Arbitrary<XmlInputObject> = fc.letrec<{ node: XmlInputObject }>((tie) => ({
  node: fc.dictionary(name, fc.oneof({ depthSize: 'small' }, value, tie('node'), fc.array(value, { minLength: 1, maxLength: 3 })), { minKeys: 1, maxKeys: 5 }),
})).node;

/** Markup WeChat never writes, to put into a start tag (attributes) or between tags (the rest). */
const attribute = fc.constantFrom(' a="1"', " b='>'", ' x=">" y="2"', ' xmlns="urn:x"', '\tc="<"', ' d', ' =');
const stray = fc.constantFrom('<!---->', '<!-- > -->', '<!-- <a b="1"> -->', '<?p?>', '<?p a=">"?>', '<?xml version="1.0"?>', '<!DOCTYPE xml>', '<!ENTITY e "x">', '<!ELEMENT a ANY>', '<![IGNORE[ x ]]>');

/** Positions in `doc` outside CDATA sections: after each '>' that ends a tag, and each start tag's name end. */
function places(doc: string): { afterTag: number[]; inStartTag: number[] } {
  const afterTag = [0];
  const inStartTag: number[] = [];
  const cdata = /<!\[CDATA\[[\s\S]*?\]\]>/g;
  let last = 0;
  const scan = (from: number, to: number) => {
    for (const m of doc.slice(from, to).matchAll(/<(\/?)([^<>]*)>/g)) {
      afterTag.push(from + m.index + m[0].length);
      if (m[1] === '') inStartTag.push(from + m.index + 1 + m[2]!.length);
    }
  };
  for (const m of doc.matchAll(cdata)) {
    scan(last, m.index);
    last = m.index + m[0].length;
    afterTag.push(last);
  }
  scan(last, doc.length);
  return { afterTag, inStartTag };
}

describe('assertXmlShape', () => {
  it('accepts every document buildXml makes, and parseXml decodes it', () => {
    fc.assert(
      fc.property(message, (m) => {
        const doc = buildXml(m);
        expect(refusedBy(doc)).toBe('accepted');
        expect(() => parseXml(doc)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('an attribute, comment, processing instruction or declaration anywhere outside CDATA: BODY_MALFORMED', () => {
    fc.assert(
      fc.property(message, fc.boolean(), attribute, stray, fc.nat(), (m, inTag, attr, markup, k) => {
        const doc = buildXml(m);
        const { afterTag, inStartTag } = places(doc);
        const list = inTag ? inStartTag : afterTag;
        const at = list[k % list.length]!;
        const bad = doc.slice(0, at) + (inTag ? attr : markup) + doc.slice(at);
        expect(shape(bad)).toMatchObject({ code: 'BODY_MALFORMED' });
        expect(() => parseXml(bad)).toThrow(expect.objectContaining({ code: 'BODY_MALFORMED' }) as Error);
      }),
      { numRuns: 500 },
    );
  });

  it('says what was refused', () => {
    const tail = '<ToUserName>gh</ToUserName><Encrypt>QUJD</Encrypt>';
    expect(refusedBy(`<xml>${tail}<a b=">" c0="1" c1="1">1</a></xml>`)).toMatch(/has an attribute; WeChat's XML has none/);
    expect(refusedBy(`<xml>${tail}<!-- x --></xml>`)).toMatch(/has a comment/);
    expect(refusedBy(`<xml>${tail}<?p x?></xml>`)).toMatch(/has a processing instruction/);
    expect(refusedBy(`<?xml version="1.0" encoding="UTF-8"?><xml>${tail}</xml>`)).toMatch(/has an XML declaration/);
    expect(refusedBy(`<!DOCTYPE xml [<!ENTITY e "boom">]><xml>${tail}</xml>`)).toMatch(/DOCTYPE or ENTITY/);
    expect(refusedBy('<xml><a>1</b></xml>')).toMatch(/end tag that does not match/);
    expect(refusedBy('<xml><a>1</a>')).toMatch(/never closed/);
    expect(refusedBy('<xml><a>1</a></xml><xml></xml>')).toMatch(/second root/);
    expect(refusedBy('<root><a>1</a></root>')).toMatch(/single <xml> root/);
    expect(refusedBy('<xml><a>a & b</a></xml>')).toMatch(/'&' that starts no entity/);
    expect(refusedBy('<xml><a>a < b</a></xml>')).toMatch(/'<' that starts no tag/);
    expect(refusedBy('<xml><a/ ></xml>')).toMatch(/malformed tag/);
    expect(refusedBy('<xml><n:a>1</n:a></xml>')).toMatch(/malformed tag/);
  });

  it("accepts what WeChat's shape allows: '>' in text, markup inside CDATA, references, whitespace in tags", () => {
    for (const doc of [
      '<xml><a>a > b</a></xml>',
      '<xml><a><![CDATA[<b c="1"><!-- x --><?p?><!DOCTYPE x>]]></a></xml>',
      '<xml><a>&amp;&lt;&#65;&#x1F600;</a></xml>',
      '<xml ><a\n>1</a\t><b /><c/></xml >\n',
      '\n <xml><a.b-c_d>1</a.b-c_d></xml>',
    ]) {
      expect(refusedBy(doc), doc).toBe('accepted');
    }
  });

  it('every document it accepts, fast-xml-parser\'s validator accepts (so parseXml can skip it)', () => {
    const seed = buildXml({ ToUserName: 'gh_1', CreateTime: 1, SceneGroupAudit: { group_id: 1, list: [{ ext_id: 1, name: 'a' }, { ext_id: 2, name: 'b' }] } });
    const markup = fc.constantFrom('<', '>', '/', 'a', ' ', '!', '[', ']', '&', ';', '#', 'x', '1', '?', '"', '=', '-', '\n', 'CDATA[', ']]>');
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(mutate(seed, markup), mutate('<xml><a/><b>t&amp;</b><c><d>1</d></c></xml>', markup), fc.string().map((s) => `<xml>${s}</xml>`)), (text) => {
        if (shape(text) !== 'accepted') return;
        accepted++;
        expect(XMLValidator.validate(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });

  it('accepts every document parsePlainXml decodes (the fast path never lets through what the scan refuses)', () => {
    const arrays = new Set<string>();
    const markup = fc.constantFrom('<', '>', '/', 'a', ' ', '!', '&', ';', '"', '=', '\n', 'CDATA[', ']]>');
    fc.assert(
      fc.property(fc.oneof(message.map(buildXml), message.chain((m) => mutate(buildXml(m), markup))), (text) => {
        if (parsePlainXml(text, arrays) !== undefined) expect(refusedBy(text)).toBe('accepted');
      }),
      { numRuns: 1000 },
    );
  });
});
