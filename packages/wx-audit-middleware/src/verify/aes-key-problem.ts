/** What the WeChat console shows: 43 base64 characters (the trailing '=' of the 44-character encoding is left off). */
const LENGTH = 43;
const BASE64 = /^[A-Za-z0-9+/]*$/;
const WHITESPACE = /\s/u;

/**
 * What is wrong with an EncodingAESKey as given, said so that it can be fixed without seeing the key: its
 * length, and where a stray character is. Undefined when it is well-formed. Never quotes the value (it is
 * the secret); only positions, lengths and character kinds.
 */
export function aesKeyProblem(value: string): string | undefined {
  const length = [...value].length;
  const space = WHITESPACE.exec(value);
  if (space) {
    // Usually a copy-paste or an env file: a trailing newline, a leading space.
    return `holds ${kindOf(space[0])} ${placeOf(space.index, value.length)} (${length} characters received, 43 expected): remove it`;
  }
  if (value.endsWith('=')) {
    return `ends with "=" (${length} characters received, 43 expected): remove the "=", the console shows the key without it`;
  }
  if (length !== LENGTH) {
    return `has ${length} characters; the EncodingAESKey shown on the WeChat console has ${LENGTH} (letters and digits): copy it again`;
  }
  if (!BASE64.test(value)) {
    const at = value.search(/[^A-Za-z0-9+/]/);
    return `holds a character that is not a letter or a digit ${placeOf(at, value.length)}: copy the key from the WeChat console again`;
  }
  return undefined;
}

function kindOf(c: string): string {
  if (c === ' ') return 'a space';
  if (c === '\t') return 'a tab';
  if (c === '\n' || c === '\r') return 'a line break';
  return 'a whitespace character';
}

function placeOf(index: number, length: number): string {
  if (index === 0) return 'at the start';
  if (index === length - 1) return 'at the end';
  return `at character ${index + 1}`;
}
