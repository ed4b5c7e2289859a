import { XMLParser } from 'fast-xml-parser';
import { WxAuditError } from '../errors.js';
import { MAX_DOCUMENT_DEPTH } from './document-limits.js';
import { assertSafeKeys } from './safe-keys.js';
import { parsePlainXml, type XmlObject } from './plain-xml.js';
import { assertXmlShape } from './xml-shape.js';

/** Elements that repeat without a wrapper element: one item and many items must both decode to an array. */
const ARRAY_PATHS = new Set(['xml.SceneGroupAudit.scene_group_ext_list']);
/** Their last names: the cheap test, so that the path is only built for the few elements that may match. */
const ARRAY_NAMES = new Set([...ARRAY_PATHS].map((path) => path.slice(path.lastIndexOf('.') + 1)));

// Safe configuration: values stay strings (raw keeps every digit), no attributes, only the five
// predefined entities (a DOCTYPE is refused before parsing, so no entity can be declared), bounded nesting
// and size (xml-shape.ts, checked before parsing), and fast-xml-parser itself refuses `__proto__` /
// `constructor` as tag names.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DOCUMENT_DEPTH,
  // jPath: false hands callbacks the parser's path matcher instead of a path string built for every tag
  // and every text value (~10 µs a scene audit); the string is made only for a candidate name.
  jPath: false,
  isArray: (name, jpath) => ARRAY_NAMES.has(name) && ARRAY_PATHS.has(String(jpath)),
});

export type { XmlObject, XmlValue } from './plain-xml.js';

/** Decodes a WeChat `<xml>…</xml>` document to the object of its children. */
export function parseXml(text: string): XmlObject {
  // WeChat's own shape in one pass. parsePlainXml only answers for a strict subset of what assertXmlShape
  // accepts (no attribute, comment, declaration or '&' at all) and declines at the first byte outside it,
  // so running it first costs a hostile body one partial linear pass and spares every valid push a second
  // one. Anything it declines is held to WeChat's shape and the limits, then parsed by fast-xml-parser.
  const plain = parsePlainXml(text, ARRAY_PATHS);
  if (plain !== undefined) return plain;
  assertXmlShape(text);
  return parseXmlDocument(text);
}

/**
 * The general path: fast-xml-parser, for every document parsePlainXml declines (and, in tests, the
 * reference its output is compared with). Expects assertXmlShape to have accepted `text`: the parser
 * does not check that end tags match (it takes `<a>1</b>` as `a: "1"`), the scan does.
 */
export function parseXmlDocument(text: string): XmlObject {
  let doc: unknown;
  try {
    // No validator: it was a second full pass whose attribute handling cost ~2 µs per attribute, and
    // every document assertXmlShape accepts is one it accepts (test/xml-shape.property.test.ts).
    doc = parser.parse(text);
  } catch {
    throw new WxAuditError('BODY_MALFORMED', 'The body is not well-formed XML.');
  }
  const root = (doc as { xml?: unknown } | undefined)?.xml;
  if (root === undefined || typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new WxAuditError('BODY_MALFORMED', 'The XML body must have a single <xml> root element with children.');
  }
  assertSafeKeys(root, MAX_DOCUMENT_DEPTH);
  return dropLayoutText(root) as XmlObject;
}

/** Whitespace between elements comes back as "#text"; it is layout, not content. */
function dropLayoutText(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropLayoutText);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text') {
      if (typeof value === 'string' && value.trim() === '') continue;
      throw new WxAuditError('BODY_MALFORMED', 'The XML body mixes text and elements.');
    }
    out[key] = dropLayoutText(value);
  }
  return out;
}

export type XmlInput = string | number | bigint | boolean | null | undefined | XmlInputObject | XmlInput[];
export interface XmlInputObject {
  [key: string]: XmlInput;
}

const cdata = (value: string) => `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;

/**
 * Serializes a message the way WeChat writes it: strings in CDATA, numbers bare, arrays as repeated
 * elements with no wrapper, one element per line under `<xml>`.
 */
export function buildXml(message: XmlInputObject): string {
  const lines = Object.entries(message).map(([key, value]) => element(key, value)).filter(Boolean);
  return `<xml>${lines.join('\n')}\n</xml>`;
}

function element(name: string, value: XmlInput): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  }
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  return `<${name}>${String(value)}</${name}>`;
}
