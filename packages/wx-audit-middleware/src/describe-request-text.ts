/** Most characters (code points) of request text a message quotes; the rest is cut and marked with "…". */
export const REQUEST_TEXT_MAX = 64;

// Control characters (C0, DEL, C1: newlines, ESC sequences), format characters (bidi overrides,
// zero-width), line and paragraph separators and lone surrogates: what a terminal, a log viewer or a
// line-based log could act on instead of showing. Quotes and backslashes are escaped so the quoted text
// stays one JSON string whatever it holds.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}"\\]/gu;

const escapeOne = (c: string): string => {
  if (c === '"' || c === '\\') return `\\${c}`;
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
};

/** The first `max` code points of `text`, and whether anything was cut. */
function head(text: string, max: number): { kept: string; cut: boolean } {
  // Walks code points, so that the cut never splits a surrogate pair, and stops at the bound: a query
  // or a header may hold kilobytes.
  let kept = '';
  let count = 0;
  for (const c of text) {
    if (count === max) return { kept, cut: true };
    kept += c;
    count++;
  }
  return { kept, cut: false };
}

/**
 * Request text made safe to put in a message (which lands in `rejected.message`, the HTTP answer and
 * logs): at most `max` code points, each unsafe character written as a `\uXXXX` escape, a cut marked
 * with "…". Unquoted, for a caller that shows the text unquoted (a schema path).
 */
export function escapeRequestText(text: string, max = REQUEST_TEXT_MAX): string {
  const { kept, cut } = head(text, max);
  return kept.replace(UNSAFE, escapeOne) + (cut ? '…' : '');
}

/** `text` as a JSON string literal, escaped and bounded as `escapeRequestText` does: for every message quoting request text. */
export function describeRequestText(text: string, max = REQUEST_TEXT_MAX): string {
  const { kept, cut } = head(text, max);
  // The cut mark goes after the closing quote: inside it, it would read as part of the text.
  return `"${kept.replace(UNSAFE, escapeOne)}"${cut ? '…' : ''}`;
}
