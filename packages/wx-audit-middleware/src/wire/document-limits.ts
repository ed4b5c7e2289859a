/**
 * Bounds on a decoded document, so that the work one request causes does not grow with what a hostile
 * body packs into bodyLimit. WeChat's own messages stay far below them (a scene audit is about 40 nodes
 * and 4 levels deep).
 */

/** Deepest nesting of elements (XML) or of objects and arrays (JSON). */
export const MAX_DOCUMENT_DEPTH = 32;

/**
 * Most nodes: XML tags, CDATA sections and entity references (attributes, comments and processing
 * instructions are refused outright, see xml-shape.ts); JSON values. Parsing costs a few microseconds
 * per node, so this caps a document's parse at a few ms whatever bodyLimit allows (see fuzz/cost-bench.ts).
 */
export const MAX_DOCUMENT_NODES = 1000;

/** Longest tag, in characters: WeChat's tags are element names only. */
export const MAX_XML_MARKUP_LENGTH = 1024;
