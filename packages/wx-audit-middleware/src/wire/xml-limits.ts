import { WxAuditError } from '../errors.js';
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES, MAX_XML_MARKUP_LENGTH } from './document-limits.js';

const refuse = (why: string) => new WxAuditError('BODY_MALFORMED', `The XML body ${why}.`);

/**
 * A single linear pass over the text before the parser sees it, refusing documents past the limits of
 * document-limits.ts: too many nodes, too deep, or markup too long. fast-xml-parser (and its validator)
 * spend microseconds per tag, attribute and entity, so without this a 64 KiB body of tiny siblings costs
 * tens of ms. CDATA is skipped unread: its content is text, whatever characters it holds.
 *
 * Every search runs forward from a position that only grows (the next '&' and '=' are cached), so the
 * pass is O(length) however the markup is arranged. Counts are an upper bound, not exact XML semantics:
 * anything the scan misjudges, the parser still judges after it.
 */
export function assertXmlWithinLimits(text: string): void {
  let nodes = 0;
  let depth = 0;
  let at = 0;
  // Next known position of '&' and '=': -2 not searched yet, -1 none left in the text.
  let nextAmp = -2;
  let nextEq = -2;
  const count = () => {
    if (++nodes > MAX_DOCUMENT_NODES) throw refuse(`has more than ${MAX_DOCUMENT_NODES} nodes (elements, attributes, CDATA sections, entity references)`);
  };
  /** Counts occurrences of `char` in [from, to), resuming from the cached position `next`. */
  const countIn = (char: string, next: number, from: number, to: number): number => {
    if (next === -1) return -1;
    let i = next >= from ? next : text.indexOf(char, from);
    while (i !== -1 && i < to) {
      count();
      i = text.indexOf(char, i + 1);
    }
    return i;
  };
  for (;;) {
    const lt = text.indexOf('<', at);
    // Entity and character references live in text between markup (never in CDATA, skipped below).
    nextAmp = countIn('&', nextAmp, at, lt === -1 ? text.length : lt);
    if (lt === -1) return;
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) throw refuse('has an unterminated CDATA section');
      count();
      at = end + 3;
      continue;
    }
    const gt = text.indexOf('>', lt + 1);
    if (gt === -1) throw refuse('has an unterminated tag');
    if (gt - lt > MAX_XML_MARKUP_LENGTH) throw refuse(`has a tag, comment or declaration longer than ${MAX_XML_MARKUP_LENGTH} characters`);
    count();
    nextEq = countIn('=', nextEq, lt, gt); // attributes
    const second = text[lt + 1];
    if (second === '/') depth--;
    else if (second !== '!' && second !== '?' && text[gt - 1] !== '/' && ++depth > MAX_DOCUMENT_DEPTH + 1) {
      // +1: the <xml> root is not one of the document's levels.
      throw refuse(`nests deeper than ${MAX_DOCUMENT_DEPTH} levels`);
    }
    at = gt + 1;
  }
}
