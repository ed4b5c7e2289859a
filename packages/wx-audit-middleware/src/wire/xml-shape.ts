import { WxAuditError } from '../errors.js';
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES, MAX_XML_MARKUP_LENGTH } from './document-limits.js';

const refuse = (why: string) => new WxAuditError('BODY_MALFORMED', `The XML body ${why}.`);
/** Said after each kind of markup WeChat never writes, so that a sender knows what to remove. */
const NONE = "; WeChat's XML has none (its tags are only <name>, </name> and <name/>): send the message as WeChat writes it";

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isNameStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
/** The names parsePlainXml accepts: ASCII letters, digits, `_`, `.` and `-` (no `:`, WeChat uses no namespaces). */
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isWord = (c: number) => isNameStart(c) || isDigit(c);

/**
 * Refuses, in one forward pass and before fast-xml-parser sees the text, every XML document that is not
 * of the shape WeChat writes, or is past the limits of document-limits.ts. The shape: whitespace, one
 * `<xml>` root element, whitespace; inside, tags that are only `<name>`, `</name>` or `<name/>` (whitespace
 * allowed before the `>`), properly nested and closed, CDATA sections, and text whose `&` start entity or
 * character references. No attributes, comments, processing instructions, XML declaration, DOCTYPE or
 * other `<!` declarations: WeChat sends none, and each was a way to make the parser (or its validator)
 * work per byte past what the node count sees.
 *
 * A tag is read character by character from its `<`, never searched for its `>`: a `>` anywhere but in
 * text or CDATA is simply an error, so no quote can hide markup from this scan. Every position is visited
 * a bounded number of times (indexOf searches resume where the last one stopped), so the cost is linear
 * in the length of the text. Whatever it accepts, fast-xml-parser's validator accepts too
 * (`test/xml-shape.property.test.ts`), which is why parseXml no longer runs the validator.
 */
export function assertXmlShape(text: string): void {
  const n = text.length;
  /** Start of each open element's name in `text` (its length in `lengths`): the root first. */
  const starts: number[] = [];
  const lengths: number[] = [];
  let nodes = 0;
  let rootClosed = false;
  let at = 0;
  // Next '&' at or after `at`, cached: searching afresh for every text would rescan the rest of the text.
  let nextAmp = -2;
  const count = () => {
    if (++nodes > MAX_DOCUMENT_NODES) throw refuse(`has more than ${MAX_DOCUMENT_NODES} nodes (elements, CDATA sections, entity references)`);
  };
  for (;;) {
    const lt = text.indexOf('<', at);
    const textEnd = lt === -1 ? n : lt;
    if (starts.length === 0) {
      for (let i = at; i < textEnd; i++) {
        if (!isSpace(text.charCodeAt(i))) throw refuse(rootClosed ? 'has text after its <xml> root element' : 'must start with the <xml> root element');
      }
    } else {
      if (nextAmp !== -1 && nextAmp < at) nextAmp = text.indexOf('&', at);
      while (nextAmp !== -1 && nextAmp < textEnd) {
        count();
        const end = referenceEnd(text, nextAmp + 1);
        if (end === -1 || end > textEnd) throw refuse("has a '&' that starts no entity or character reference (write it as &amp; or inside CDATA)");
        nextAmp = text.indexOf('&', end);
      }
    }
    if (lt === -1) break;
    const second = text.charCodeAt(lt + 1);
    if (second === 0x21 /* ! */) {
      if (starts.length === 0 || !text.startsWith('<![CDATA[', lt)) throw refuse(declarationReason(text, lt));
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) throw refuse('has an unterminated CDATA section');
      count();
      at = end + 3;
      continue;
    }
    if (second === 0x3f /* ? */) {
      const declaration = text.startsWith('<?xml', lt) && (isSpace(text.charCodeAt(lt + 5)) || text.charCodeAt(lt + 5) === 0x3f);
      throw refuse(declaration ? `has an XML declaration (<?xml …?>)${NONE}` : `has a processing instruction (<?…?>)${NONE}`);
    }
    count();
    const closing = second === 0x2f; /* / */
    const nameStart = lt + (closing ? 2 : 1);
    let i = nameStart;
    if (!isNameStart(text.charCodeAt(i))) throw refuse("has a '<' that starts no tag (write it as &lt; or inside CDATA)");
    while (i < n && isNameChar(text.charCodeAt(i)) && i - lt <= MAX_XML_MARKUP_LENGTH) i++;
    const nameEnd = i;
    while (i < n && isSpace(text.charCodeAt(i)) && i - lt <= MAX_XML_MARKUP_LENGTH) i++;
    if (i - lt > MAX_XML_MARKUP_LENGTH) throw refuse(`has a tag longer than ${MAX_XML_MARKUP_LENGTH} characters`);
    const selfClosing = !closing && text.charCodeAt(i) === 0x2f && text.charCodeAt(i + 1) === 0x3e;
    if (!selfClosing && text.charCodeAt(i) !== 0x3e /* > */) {
      // Something after the name that is not the tag's end: an attribute, or broken markup.
      throw refuse(!closing && i > nameEnd && i < n ? `has an attribute${NONE}` : 'has a malformed tag: a tag is only <name>, </name> or <name/>');
    }
    at = selfClosing ? i + 2 : i + 1;
    if (closing) {
      const top = starts.length - 1;
      if (top < 0 || !sameName(text, starts[top]!, lengths[top]!, nameStart, nameEnd)) throw refuse('has an end tag that does not match its start tag');
      starts.pop();
      lengths.pop();
      if (top === 0) rootClosed = true;
      continue;
    }
    if (starts.length === 0) {
      if (rootClosed) throw refuse('has a second root element: it must have a single <xml> root element');
      if (nameEnd - nameStart !== 3 || !text.startsWith('xml', nameStart)) throw refuse('must have a single <xml> root element with children');
    }
    if (selfClosing) {
      if (starts.length === 0) rootClosed = true;
      continue;
    }
    // +1: the <xml> root is not one of the document's levels.
    if (starts.length >= MAX_DOCUMENT_DEPTH + 1) throw refuse(`nests deeper than ${MAX_DOCUMENT_DEPTH} levels`);
    starts.push(nameStart);
    lengths.push(nameEnd - nameStart);
  }
  if (starts.length > 0) throw refuse('has an element that is never closed');
  if (!rootClosed) throw refuse('must have a single <xml> root element with children');
}

/**
 * The index after the reference whose name starts at `from` (after its `&`), or -1: `&#digits;`,
 * `&#xhex;` or `&name;`, each bounded in length (a subset of what fast-xml-parser's validator accepted).
 */
function referenceEnd(text: string, from: number): number {
  let i = from;
  let max: number;
  let ok: (c: number) => boolean;
  if (text.charCodeAt(i) === 0x23 /* # */) {
    i++;
    const hex = text.charCodeAt(i) === 0x78; /* x */
    if (hex) i++;
    ok = hex ? isHex : isDigit;
    max = 8;
  } else {
    if (!isNameStart(text.charCodeAt(i))) return -1;
    ok = isWord;
    max = 20;
  }
  const start = i;
  while (ok(text.charCodeAt(i)) && i - start < max) i++;
  return i > start && text.charCodeAt(i) === 0x3b /* ; */ ? i + 1 : -1;
}

/** Why `<!` at `lt` is refused: a comment, a DOCTYPE/ENTITY, CDATA outside the root, or another declaration. */
function declarationReason(text: string, lt: number): string {
  if (text.startsWith('<!--', lt)) return `has a comment (<!-- -->)${NONE}`;
  if (text.startsWith('<![CDATA[', lt)) return 'has a CDATA section outside its <xml> root element';
  const word = text.slice(lt + 2, lt + 9).toUpperCase();
  if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) return 'has a DOCTYPE or ENTITY declaration, which is refused';
  return `has a declaration (<!…>)${NONE}`;
}

function sameName(text: string, aStart: number, aLength: number, bStart: number, bEnd: number): boolean {
  if (bEnd - bStart !== aLength) return false;
  for (let k = 0; k < aLength; k++) if (text.charCodeAt(aStart + k) !== text.charCodeAt(bStart + k)) return false;
  return true;
}
