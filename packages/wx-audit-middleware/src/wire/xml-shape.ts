/** An element name in the ASCII subset every XML name rule accepts (fast-xml-parser's validator included). */
const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * True when `text` is a document of the plain shape WeChat sends: one root element, then only
 * elements without attributes (`<a>`, `</a>`, `<a/>`) with ASCII names, properly nested and closed,
 * CDATA sections and text without '&', and nothing but whitespace around the root.
 *
 * Every such document passes fast-xml-parser's validator, so parseXml can skip that second pass over
 * the text (~15-25 µs on a scene audit) for it. Anything else (attributes, entities, comments,
 * declarations, a BOM, stray text, mismatched tags) answers false and is judged by the validator as before:
 * this function only picks the path, it never accepts a document on its own. One forward pass; runs after
 * assertXmlWithinLimits, so the element stack is bounded by MAX_DOCUMENT_DEPTH.
 */
export function isPlainXml(text: string): boolean {
  const open: string[] = [];
  let rootClosed = false;
  let at = 0;
  // Next '&' at or after `at`, cached: searching afresh for every text would rescan the rest of the
  // document each time (quadratic on a 64 KiB body of many elements and no '&').
  let nextAmp = text.indexOf('&');
  for (;;) {
    const lt = text.indexOf('<', at);
    const textEnd = lt === -1 ? text.length : lt;
    if (open.length > 0) {
      // Inside the root: any text but entity references (left to the validator).
      if (nextAmp !== -1 && nextAmp < at) nextAmp = text.indexOf('&', at);
      if (nextAmp !== -1 && nextAmp < textEnd) return false;
    } else {
      // Outside the root: whitespace only.
      for (let i = at; i < textEnd; i++) if (!isSpace(text[i])) return false;
    }
    if (lt === -1) return rootClosed && open.length === 0;
    if (text.startsWith('<![CDATA[', lt)) {
      if (open.length === 0) return false;
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) return false;
      at = end + 3;
      continue;
    }
    const gt = text.indexOf('>', lt + 1);
    if (gt === -1) return false;
    if (text[lt + 1] === '/') {
      if (open.pop() !== text.slice(lt + 2, gt)) return false;
      if (open.length === 0) rootClosed = true;
    } else {
      if (rootClosed) return false;
      const selfClosing = text[gt - 1] === '/';
      const name = text.slice(lt + 1, selfClosing ? gt - 1 : gt);
      if (!SIMPLE_NAME.test(name)) return false;
      if (!selfClosing) open.push(name);
      else if (open.length === 0) rootClosed = true;
    }
    at = gt + 1;
  }
}
