import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WxAuditError } from '../src/errors.js';
import { parsePlainXml } from '../src/wire/plain-xml.js';
import { assertXmlShape } from '../src/wire/xml-shape.js';
import { buildXml, parseXml, parseXmlDocument, type XmlObject } from '../src/wire/xml.js';
import { mutate } from './helpers/mutate.js';

// parseXml decodes WeChat's own shape with parsePlainXml and everything else with fast-xml-parser
// (parseXmlDocument). That is only sound if, whenever parsePlainXml answers, fast-xml-parser would have
// answered the same object; and it is only worth having if it answers for what WeChat really sends.
const ARRAY_PATHS = new Set(['xml.SceneGroupAudit.scene_group_ext_list']);
const plain = (text: string) => parsePlainXml(text, ARRAY_PATHS);

/** What parseXml's general path (the shape scan, then fast-xml-parser) makes of `text`, or the refusal's code. */
function reference(text: string): XmlObject | string {
  try {
    assertXmlShape(text);
    return parseXmlDocument(text);
  } catch (error) {
    return error instanceof WxAuditError ? error.code : 'THREW';
  }
}

const sceneAudit = buildXml({
  ToUserName: 'gh_abcdef123456',
  FromUserName: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
  CreateTime: 1_700_000_000,
  MsgType: 'event',
  Event: 'open_product_scene_group_audit',
  SceneGroupAudit: { group_id: 1, reason: '', name: '电商平台', scene_group_ext_list: [{ ext_id: 2, status: 1, name: '电商平台' }] },
});

// Element names: WeChat's, the forced-array one at and away from its path, and odd but legal ASCII names.
// Object.prototype's names (declined, left to fast-xml-parser) are rare, so most documents are in the shape.
const names = fc.oneof(
  // 'Aa' and 'BB' have the same hash in xml-names.ts (as in Java's String.hashCode): a name recognised by its
  // hash must still be the one in the text.
  { weight: 30, arbitrary: fc.constantFrom('xml', 'a', 'B', 'SceneGroupAudit', 'scene_group_ext_list', 'ext_id', '_x', 'a.b', 'c-d', 'Aa', 'BB') },
  { weight: 1, arbitrary: fc.constantFrom('hasOwnProperty', 'toString') },
);
// Characters that matter to XML: markup, entity starts, CDATA's end, line ends, space, CJK.
const textChars = fc.constantFrom('a', '1', ' ', '\n', '\r', '\t', '<', '>', '&', ']', ']]>', '"', "'", '中', '/', '=', '!');
const text = fc.string({ unit: textChars, maxLength: 8 });
const layout = fc.constantFrom('', ' ', '\n', '\r\n', '\t', '\n  ');

type Tree = { name: string; value: string | Tree[]; as: 'cdata' | 'text' | 'empty' | 'self' };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    name: names,
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, fc.array(tie('node'), { minLength: 1, maxLength: 4 })),
    as: fc.constantFrom('cdata', 'text', 'empty', 'self'),
  }),
})).node;

/** Writes a tree, with layout whitespace between elements. */
function write(node: Tree, gaps: string[]): string {
  const gap = () => gaps[(gaps.length + node.name.length) % gaps.length] ?? '';
  if (Array.isArray(node.value)) return `<${node.name}>${node.value.map((child) => gap() + write(child, gaps)).join('')}${gap()}</${node.name}>`;
  if (node.as === 'self') return `<${node.name}/>`;
  if (node.as === 'empty') return `<${node.name}></${node.name}>`;
  if (node.as === 'cdata') return `<${node.name}><![CDATA[${withoutCdataEnd(node.value)}]]></${node.name}>`;
  // Text outside CDATA without '<' and '&': markup and entities are outside the shape.
  return `<${node.name}>${node.value.replace(/[<&]/g, '')}</${node.name}>`;
}

/** CDATA cannot hold ']]>'; removing one can join the pieces into another, hence the loop. */
function withoutCdataEnd(value: string): string {
  let out = value;
  while (out.includes(']]>')) out = out.split(']]>').join('');
  return out;
}

const documents = fc
  .tuple(fc.array(tree, { minLength: 1, maxLength: 5 }), fc.array(layout, { minLength: 1, maxLength: 3 }), layout, layout)
  .map(([children, gaps, before, after]) => before + write({ name: 'xml', value: children, as: 'text' }, gaps) + after);

describe('parsePlainXml', () => {
  it("decodes what WeChat sends: the seed's scene audit and a text message", () => {
    const decoded = plain(sceneAudit);
    expect(decoded).toEqual(reference(sceneAudit));
    expect(decoded?.SceneGroupAudit).toEqual({ group_id: '1', reason: '', name: '电商平台', scene_group_ext_list: [{ ext_id: '2', status: '1', name: '电商平台' }] });
    const message = '<xml><ToUserName><![CDATA[toUser]]></ToUserName>\n<CreateTime>1348831860</CreateTime>\n<Content><![CDATA[a < b && c]]></Content>\n<MsgId>1234567890123456</MsgId>\n</xml>';
    expect(plain(message)).toEqual({ ToUserName: 'toUser', CreateTime: '1348831860', Content: 'a < b && c', MsgId: '1234567890123456' });
  });

  it('keeps apart names whose hashes collide, and forced arrays only at their path', () => {
    expect(plain('<xml><Aa>1</Aa><BB>2</BB><Aa>3</Aa></xml>')).toEqual({ Aa: ['1', '3'], BB: '2' });
    expect(plain('<xml><BB>2</BB><Aa>1</Aa></xml>')).toEqual({ BB: '2', Aa: '1' });
    const once = '<xml><SceneGroupAudit><scene_group_ext_list><ext_id>1</ext_id></scene_group_ext_list></SceneGroupAudit><scene_group_ext_list>x</scene_group_ext_list></xml>';
    expect(plain(once)).toStrictEqual(reference(once));
    expect(plain(once)).toEqual({ SceneGroupAudit: { scene_group_ext_list: [{ ext_id: '1' }] }, scene_group_ext_list: 'x' });
  });

  it('declines entities, attributes, comments, declarations, mixed content, reserved names and other roots', () => {
    for (const declined of [
      '<xml><a>&amp;</a></xml>',
      '<xml><a x="1">t</a></xml>',
      '<xml><!-- c --><a>t</a></xml>',
      '<?xml version="1.0"?><xml><a>t</a></xml>',
      '<xml><a>t<b>u</b></a></xml>',
      '<xml><a><![CDATA[t]]><![CDATA[u]]></a></xml>',
      '<xml><a> <![CDATA[t]]></a></xml>',
      '<xml><__proto__>t</__proto__></xml>',
      '<xml><a>t</a ></xml>',
      '<doc><a>t</a></doc>',
      '<xml></xml>',
      '<xml>t</xml>',
      '<xml><a>t</a></xml>x',
      '\uFEFF<xml><a>t</a></xml>',
    ]) {
      expect(plain(declined), declined).toBeUndefined();
    }
  });

  it('answers for every generated document of the shape, with exactly what fast-xml-parser makes of it', () => {
    let answered = 0;
    fc.assert(
      fc.property(documents, (doc) => {
        const decoded = plain(doc);
        const expected = reference(doc);
        if (decoded !== undefined) {
          answered++;
          expect(decoded).toStrictEqual(expected);
          return;
        }
        // Declined only for an Object.prototype name, which fast-xml-parser renames.
        expect(doc).toMatch(/<(hasOwnProperty|toString)\/?>/);
      }),
      { numRuns: 3000 },
    );
    // The generator is meant to stay mostly inside the shape: the fast path must have been the one tested.
    expect(answered).toBeGreaterThan(1500);
  });

  it('whatever it answers for, near-valid or random text included, fast-xml-parser answers the same', () => {
    const markup = fc.constantFrom('<', '>', '/', 'a', ' ', '!', '[', ']', '&', ';', 'x', '?', '"', '=', '-', '\n', '\r', 'CDATA[', ']]>');
    fc.assert(
      fc.property(fc.oneof(mutate(sceneAudit, markup), mutate('<xml><a/><b>t</b><b><c>1</c></b></xml>', markup), fc.string().map((s) => `<xml>${s}</xml>`)), (doc) => {
        const decoded = plain(doc);
        if (decoded !== undefined) expect(decoded).toStrictEqual(reference(doc));
      }),
      { numRuns: 5000 },
    );
  });

  it("never answers for a document past document-limits.ts (it declines, and the general path refuses it)", () => {
    const nested = (levels: number, leaf: string) => `<xml>${'<a>'.repeat(levels - 1)}${leaf}${'</a>'.repeat(levels - 1)}</xml>`;
    const siblings = (count: number, leaf: string) => `<xml>${leaf.repeat(count)}</xml>`;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.integer({ min: 28, max: 36 }), fc.constantFrom('<b>1</b>', '<b><![CDATA[1]]></b>', '<b/>')).map(([levels, leaf]) => nested(levels, leaf)),
          fc.tuple(fc.integer({ min: 300, max: 520 }), fc.constantFrom('<b>1</b>', '<b><![CDATA[1]]></b>', '<b/>', '<c><d>1</d></c>')).map(([count, leaf]) => siblings(count, leaf)),
          fc.integer({ min: 1000, max: 1100 }).map((length) => `<xml><${'n'.repeat(length)}>1</${'n'.repeat(length)}></xml>`),
        ),
        (doc) => {
          let refused = false;
          try {
            assertXmlShape(doc);
          } catch {
            refused = true;
          }
          if (refused) {
            expect(plain(doc)).toBeUndefined();
            expect(() => parseXml(doc)).toThrow(WxAuditError);
          } else if (plain(doc) !== undefined) {
            expect(plain(doc)).toStrictEqual(reference(doc));
          }
        },
      ),
      { numRuns: 400 },
    );
    // Within the limits, WeChat-like depths and sizes still take the fast path.
    expect(plain(nested(32, '<b>1</b>'))).toBeDefined();
    expect(plain(nested(33, '<b>1</b>'))).toBeUndefined();
    expect(plain(siblings(300, '<b><![CDATA[1]]></b>'))).toBeDefined();
  });

  it('keeps parseXml refusing what it refused: reserved names, DOCTYPEs, mixed content', () => {
    for (const refused of ['<xml><__proto__>t</__proto__></xml>', '<!DOCTYPE x><xml><a>t</a></xml>', '<xml><a>t<b>u</b></a></xml>', '<xml>t</xml>']) {
      expect(() => parseXml(refused), refused).toThrow(WxAuditError);
    }
  });
});
