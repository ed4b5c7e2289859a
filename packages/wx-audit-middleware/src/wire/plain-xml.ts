import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES, MAX_XML_MARKUP_LENGTH } from './document-limits.js';
import { nameAt } from './xml-names.js';

/** A decoded WeChat XML document: text, child objects, and repeated elements as arrays. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

/**
 * Names this path does not decode: the reserved keys parseXml refuses (prototype pollution), and every name
 * Object.prototype has (`toString`, `hasOwnProperty`, …), which fast-xml-parser renames or refuses. A Set
 * taken once: `name in Object.prototype` per element was a runtime call, ~5% of this function's time.
 */
const DECLINED_NAMES = new Set(['prototype', '__proto__', ...Object.getOwnPropertyNames(Object.prototype)]);

const isSpaceCode = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isNameStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;

interface Frame {
  name: string;
  node: XmlObject;
  /** The forced arrays at and below this element's children (none for most elements). */
  arrays: ArrayTree | undefined;
}

/** `arrayPaths` as a tree below the root: child name → whether it is a forced array, and the tree below it. */
type ArrayTree = ReadonlyMap<string, { forced: boolean; below: ArrayTree | undefined }>;
const arrayTrees = new WeakMap<ReadonlySet<string>, ArrayTree>();

/** Built once per set: a path string per element to look up was the costliest line of this function. */
function arrayTree(arrayPaths: ReadonlySet<string>): ArrayTree {
  let tree = arrayTrees.get(arrayPaths);
  if (tree) return tree;
  type Level = Map<string, { forced: boolean; below: Level | undefined }>;
  const root: Level = new Map();
  for (const path of arrayPaths) {
    const [first, ...names] = path.split('.');
    if (first !== 'xml' || names.length === 0) continue; // no element below the root can have this path
    let level = root;
    names.forEach((name, i) => {
      let entry = level.get(name);
      if (!entry) level.set(name, (entry = { forced: false, below: undefined }));
      if (i === names.length - 1) entry.forced = true;
      else level = entry.below ??= new Map();
    });
  }
  tree = root;
  arrayTrees.set(arrayPaths, tree);
  return tree;
}

/**
 * Decodes the one XML shape WeChat writes, in a single forward pass, or answers `undefined` for anything
 * else. The shape: `<xml>` as the root, elements without attributes whose ASCII names are refused by no
 * XML rule, each holding either child elements separated by whitespace, or a single value — nothing, one
 * CDATA section, or text without `&` and `<` — and nothing but whitespace around the root.
 *
 * It returns exactly what parseXml's general path (fast-xml-parser, then layout text dropped) returns for
 * the same text; `test/plain-xml.property.test.ts` holds it to that. Whatever it declines goes to
 * assertXmlShape (xml-shape.ts), which refuses attributes, comments, declarations and malformed markup,
 * then to fast-xml-parser, the reference for the rest: entities, mixed content, two CDATA sections in a
 * row, a reserved name.
 * It exists for speed alone (a scene audit in ~1/5 of fast-xml-parser's time, see docs/benchmarks.md).
 * It runs first, before any other pass over the text, so it keeps document-limits.ts itself: past a limit
 * it declines, and the general path's assertXmlShape refuses the document with the reason.
 *
 * `arrayPaths`: element paths that decode to an array even when the element occurs once.
 */
export function parsePlainXml(text: string, arrayPaths: ReadonlySet<string>): XmlObject | undefined {
  const n = text.length;
  let at = skipSpace(text, 0);
  if (!text.startsWith('<xml>', at)) return undefined;
  const root: XmlObject = {};
  const stack: Frame[] = [{ name: 'xml', node: root, arrays: arrayTree(arrayPaths) }];
  // Tags and CDATA sections, counted as assertXmlShape counts them (an element's start and end tag
  // are counted together when it starts, so a self-closing one counts one too many: declining early is safe).
  let nodes = 2;
  at = skipSpace(text, at + 5);
  // fast-xml-parser makes a root without children a string, which parseXml refuses: leave it to that path.
  if (text.charCodeAt(at) !== 0x3c || text.charCodeAt(at + 1) === 0x2f) return undefined;
  // Invariant at the top of the loop: `at` is inside the element on top of the stack, after its start
  // tag or after one of its children, where only whitespace, a child's start tag or its end tag may come.
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    at = skipSpace(text, at);
    if (text.charCodeAt(at) !== 0x3c /* < */) return undefined;
    if (text.charCodeAt(at + 1) === 0x2f /* / */) {
      // The element's end tag. An element that reaches here has had at least one child (see below).
      const end = endTag(text, at, frame.name);
      if (end === -1) return undefined;
      stack.pop();
      at = end;
      continue;
    }
    // A child's start tag.
    const nameEnd = scanName(text, at + 1);
    if (nameEnd === -1 || nameEnd - at + 1 > MAX_XML_MARKUP_LENGTH || (nodes += 2) > MAX_DOCUMENT_NODES) return undefined;
    // (`</name>` is the longer tag: name + 3 characters, measured as assertXmlShape does, from < to >.)
    // The child is one level below the top of the stack, whose first frame is the root: the root is not
    // one of the document's levels.
    if (stack.length > MAX_DOCUMENT_DEPTH) return undefined;
    const name = nameAt(text, at + 1, nameEnd);
    if (DECLINED_NAMES.has(name)) return undefined;
    const arrays = frame.arrays?.get(name);
    const forced = arrays !== undefined && arrays.forced;
    const close = text.charCodeAt(nameEnd);
    if (close === 0x2f /* / */) {
      if (text.charCodeAt(nameEnd + 1) !== 0x3e) return undefined;
      addChild(frame.node, name, '', forced);
      at = nameEnd + 2;
      continue;
    }
    if (close !== 0x3e /* > */) return undefined;
    const contentStart = nameEnd + 1;
    const lt = text.indexOf('<', contentStart);
    if (lt === -1) return undefined;
    if (text.startsWith('<![CDATA[', lt)) {
      // A single CDATA section, straight after the start tag, then the end tag.
      if (lt !== contentStart || ++nodes > MAX_DOCUMENT_NODES) return undefined;
      const cdataEnd = text.indexOf(']]>', lt + 9);
      if (cdataEnd === -1) return undefined;
      const end = endTag(text, cdataEnd + 3, name);
      if (end === -1) return undefined;
      addChild(frame.node, name, lineEnds(text.slice(lt + 9, cdataEnd)), forced);
      at = end;
      continue;
    }
    if (text.charCodeAt(lt + 1) === 0x2f) {
      // Text (possibly none) then the end tag: a value.
      const end = endTag(text, lt, name);
      if (end === -1) return undefined;
      const value = text.slice(contentStart, lt);
      if (value.includes('&')) return undefined;
      addChild(frame.node, name, lineEnds(value), forced);
      at = end;
      continue;
    }
    // Child elements: only whitespace may precede the first one (anything else is mixed content).
    if (skipSpace(text, contentStart) !== lt) return undefined;
    const node: XmlObject = {};
    addChild(frame.node, name, node, forced);
    stack.push({ name, node, arrays: arrays?.below });
    at = lt;
  }
  return skipSpace(text, at) === n ? root : undefined;
}

/** XML's end-of-line handling, as fast-xml-parser applies it to the whole text: CR LF and a lone CR become LF. */
function lineEnds(value: string): string {
  return value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** End of a name starting at `from` (index of the first character after it), or -1 if there is none. */
function scanName(text: string, from: number): number {
  if (!isNameStart(text.charCodeAt(from))) return -1;
  let i = from + 1;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

/** `</name>` at `at`: the index after it, or -1. */
function endTag(text: string, at: number, name: string): number {
  if (text.charCodeAt(at) !== 0x3c || text.charCodeAt(at + 1) !== 0x2f || !text.startsWith(name, at + 2)) return -1;
  const gt = at + 2 + name.length;
  return text.charCodeAt(gt) === 0x3e ? gt + 1 : -1;
}

/** A repeated element becomes an array of its occurrences, as fast-xml-parser makes it. */
function addChild(parent: XmlObject, name: string, value: XmlValue, forced: boolean): void {
  const existing = parent[name];
  if (existing === undefined) parent[name] = forced ? [value] : value;
  // An element's own value is never an array, so an array under a name is the occurrences so far.
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
}
