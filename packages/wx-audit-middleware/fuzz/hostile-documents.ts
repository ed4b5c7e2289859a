import fc from 'fast-check';
import { PLAINTEXT_MARKER } from './fuzz-target.js';

/**
 * Hostile XML and JSON documents. Each holds at least one fatal part (something the decoder must
 * refuse: a DOCTYPE, a reserved name, nesting past 32, too many nodes, broken syntax, and any markup
 * WeChat never writes: attributes, comments, processing instructions, an XML declaration) among harmless
 * but heavy parts (huge CDATA, entities, many elements), and the marker that stands for decrypted
 * content (it must never come back in a refusal).
 */

export const RESERVED = ['__proto__', 'constructor', 'prototype'] as const;
/** Names that are not reserved but live on Object.prototype: a careless `obj[name]` would find them. */
const INHERITED = ['toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'polluted'] as const;

const tagName = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((n) => !(RESERVED as readonly string[]).includes(n) && !/^xml/i.test(n)) },
  { weight: 1, arbitrary: fc.constantFrom(...INHERITED, 'MsgType', 'CreateTime', 'Encrypt', 'SceneGroupAudit', 'scene_group_ext_list') },
);
const size = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 64 }) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 60_000 }) });
const textUnit = fc.constantFrom('x', '&amp;', '&lt;', '&#65;', '&#x1F600;', '&#0;', '&#xD800;', '&unknown;', '&', ']]>', '微', '\u0000', '\uFFFE', '\r\n');

/** Harmless-looking XML fragments: the parser must survive them (they may still fail the schema). */
const harmlessXml: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(tagName, size).map(([n, k]) => `<${n}><![CDATA[${'x'.repeat(k)}${PLAINTEXT_MARKER}]]></${n}>`),
  fc.tuple(tagName, fc.array(textUnit, { maxLength: 20 })).map(([n, t]) => `<${n}>${t.join('')}</${n}>`),
  fc.tuple(tagName, fc.integer({ min: 1, max: 40 })).map(([n, k]) => `<${n}>1</${n}>`.repeat(k)),
  fc.constantFrom(`<${PLAINTEXT_MARKER}>1</${PLAINTEXT_MARKER}>`, '<a/>', '<a></a>', '<a><![CDATA[<b c="1"><!-- x --><?p?>]]></a>'),
);

/** Markup WeChat never writes, refused wherever it sits outside CDATA, however a quote or '>' hides it. */
const notWeChat: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(tagName, fc.constantFrom(...RESERVED, 'a', 'xmlns', 'b'), size).map(([n, a, k]) => `<${n} ${a}="${'v'.repeat(k)}">1</${n}>`),
  fc.tuple(tagName, fc.integer({ min: 1, max: 50 })).map(([n, k]) => `<${n} ${Array.from({ length: k }, (_, i) => `a${i}="${i}"`).join(' ')}/>`),
  // A '>' inside a quoted value, then attributes (security review, finding 3).
  fc.tuple(tagName, fc.constantFrom('">"', "'>'", '"a>b"'), fc.integer({ min: 1, max: 6000 })).map(([n, q, k]) => `<${n} b=${q}${Array.from({ length: k }, (_, i) => ` c${i}="1"`).join('')}>1</${n}>`),
  fc.tuple(fc.constantFrom('<!-- comment -->', '<!-- a=">" -->', '<?pi data?>', '<?p a=">" b="1"?>', '<?xml version="1.0"?>', '<!ELEMENT a ANY>'), fc.integer({ min: 1, max: 500 })).map(([m, k]) => m.repeat(k)),
);

const deep = (open: string, close: string, depth: number, closed: boolean, inner = 'x') => `${open.repeat(depth)}${inner}${closed ? close.repeat(depth) : ''}`;

/** Fatal only when nothing after it holds a `]]>`: a harmless fragment that follows would close it (and make the document well-formed). */
const UNCLOSED_CDATA = '<a><![CDATA[never closed';

/** Parts the decoder must refuse, wherever they sit in the document. */
const fatalXml: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...RESERVED), fc.boolean()).map(([n, nested]) => (nested ? `<a><${n}><polluted>1</polluted></${n}></a>` : `<${n}><polluted>1</polluted></${n}>`)),
  fc.tuple(fc.integer({ min: 33, max: 10_000 }), fc.boolean()).map(([d, closed]) => deep('<a>', '</a>', d, closed)),
  fc.integer({ min: 1001, max: 9000 }).map((k) => '<a>1</a>'.repeat(k)),
  notWeChat,
  fc.integer({ min: 1001, max: 5000 }).map((k) => `<a>${'&amp;'.repeat(k)}</a>`),
  fc.constantFrom('<a>', '</a>', '<a>1</b>', 'text between elements', UNCLOSED_CDATA, '<', '<a', `<${'a'.repeat(2000)}>1</${'a'.repeat(2000)}>`),
);

const doctype = fc.constantFrom(
  '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
  '<!DOCTYPE xml SYSTEM "file:///etc/passwd">',
  '<!doctype xml [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x"> %p;]>',
  '<!ENTITY e "boom">',
  '<!DOCTYPE xml PUBLIC "-//X//EN" "http://127.0.0.1:1/x.dtd">',
);

const prolog = fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '\uFEFF', '   \n', '<?xml version="1.0" encoding="UTF-16"?>');

/**
 * A hostile XML document: `fatal` says whether it must be refused whatever surrounds it. An XML declaration
 * is fatal (WeChat writes none); a BOM is not: the UTF-8 decoder drops it from bytes.
 */
export const hostileXml: fc.Arbitrary<{ doc: string; fatal: boolean }> = fc
  .record({
    prolog,
    doctype: fc.option(doctype, { freq: 4 }),
    before: fc.array(harmlessXml, { maxLength: 4 }),
    fatal: fc.option(fatalXml, { freq: 8 }),
    after: fc.array(harmlessXml, { maxLength: 4 }),
    root: fc.constantFrom('xml', 'xml', 'xml', 'root', '__proto__'),
  })
  .map((r) => ({
    doc: `${r.prolog}${r.doctype ?? ''}<${r.root}>${r.before.join('')}${r.fatal ?? ''}${r.fatal === UNCLOSED_CDATA ? '' : r.after.join('')}</${r.root}>`,
    fatal: r.doctype !== null || r.fatal !== null || r.root !== 'xml' || r.prolog.startsWith('<?xml'),
  }));

const jsonKey = fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(...INHERITED, PLAINTEXT_MARKER, 'MsgType', 'CreateTime') });
const jsonLeaf = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map((n) => ({ big: n.toString() })),
  size.map((k) => `${'x'.repeat(k)}${PLAINTEXT_MARKER}`),
);
const harmlessJson = fc.dictionary(jsonKey, jsonLeaf, { maxKeys: 6 });

/** Text edits that make any JSON object refused. `{}` is the object's own text. */
const fatalJsonEdit: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.tuple(fc.constantFrom('"__proto__"', '"constructor"', '"prototype"', '"\\u005f_proto__"', '"__pro\\u0074o__"'), fc.nat({ max: 3 })).map(
    ([key, depth]) => (text: string) => `{${'"a":{'.repeat(depth)}${key}:{"polluted":true}${'}'.repeat(depth)},${text.slice(1)}`,
  ),
  fc.tuple(fc.integer({ min: 33, max: 10_000 }), fc.constantFrom('[', '{"a":'), fc.boolean()).map(([d, open, closed]) => (text: string) => {
    const close = open === '[' ? ']' : '}';
    return `{"deep":${deep(open, close, d, closed, '1')},${text.slice(1)}`;
  }),
  fc.integer({ min: 1001, max: 12_000 }).map((k) => (text: string) => `{"many":[${'1,'.repeat(k)}1],${text.slice(1)}`),
  fc.constantFrom(
    (t: string) => `${t.slice(0, -1)},}`,
    (t: string) => `${t}x`,
    (t: string) => t.replace('{', "{'a':1,"),
    (t: string) => `{"n":NaN,${t.slice(1)}`,
    (t: string) => `[${t}]`,
    (t: string) => `"${t.replace(/"/g, '\\"')}"`,
    (t: string) => `{/* c */${t.slice(1)}`,
    (t: string) => `{"a":09007199254740993,${t.slice(1)}`,
    (t: string) => t.slice(0, Math.max(1, t.length >> 1)),
  ),
);

/** A hostile JSON document: every one is fatal (a reserved key, depth, size or syntax). */
export const hostileJson: fc.Arbitrary<{ doc: string; fatal: boolean }> = fc
  .tuple(harmlessJson, fatalJsonEdit)
  .map(([value, edit]) => ({ doc: edit(JSON.stringify({ MsgType: 'event', CreateTime: 1714037000, ...value })), fatal: true }));

/** Bytes that are not UTF-8, to insert into an otherwise valid body. */
export const invalidUtf8 = fc.constantFrom(
  Buffer.from([0xff]),
  Buffer.from([0xfe, 0xff]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xe0, 0x80, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0x80]),
  Buffer.from([0xe4, 0xb8]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
);

/** Re-encodings of a valid text that a UTF-8 decoder must refuse (UTF-16/32 with and without BOMs). */
export const foreignEncoding: fc.Arbitrary<(text: string) => Buffer> = fc.constantFrom(
  (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()]),
  (t: string) => Buffer.from(`\u00ff${t}`, 'latin1'),
  (t: string) => Buffer.concat([Buffer.from([0x00, 0x00, 0xfe, 0xff]), Buffer.from(t, 'utf8')]),
  (t: string) => Buffer.concat([Buffer.from(t.slice(0, 10), 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(t.slice(10), 'utf16le')]),
);
