/**
 * Element names, reused rather than cut out of every document. A message repeats the same few dozen names
 * (ToUserName, CreateTime, …), and a name freshly sliced from the text is a new string: every Set lookup
 * hashes it again and every property store has to find its interned copy first, which was about a third of
 * parsePlainXml's time. A name seen before is instead recognised by a hash of its characters (checked
 * against the text, so a collision only costs a slice) and the interned string is returned.
 *
 * Bounded, so that a stream of made-up names cannot grow it: past MAX_NAMES, new names are simply sliced.
 */
const MAX_NAMES = 512;
const MAX_NAME_LENGTH = 64;
const known = new Map<number, string>();

/** The name `text[from, end)`, as a string equal to `text.slice(from, end)`. */
export function nameAt(text: string, from: number, end: number): string {
  const length = end - from;
  if (length > MAX_NAME_LENGTH) return text.slice(from, end);
  let hash = length;
  for (let i = from; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  const seen = known.get(hash);
  if (seen !== undefined && seen.length === length && text.startsWith(seen, from)) return seen;
  const name = text.slice(from, end);
  if (seen === undefined && known.size < MAX_NAMES) known.set(hash, interned(name));
  return name;
}

/** The engine's own copy of a string used as a property key (V8 interns keys; any engine gives an equal string). */
function interned(name: string): string {
  return Object.keys({ [name]: 0 })[0] ?? name;
}
