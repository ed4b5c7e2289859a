import { buildXml, type XmlInput, type XmlInputObject } from '../../src/wire/index.js';

/** A copy of `wire` with the field at `path` (dot-separated, `Wrapper.field`) set to `value`, or removed when `value` is undefined. */
export function withField(wire: XmlInputObject, path: string, value: XmlInput): XmlInputObject {
  const copy = structuredClone(wire);
  const names = path.split('.');
  let node = copy;
  for (const name of names.slice(0, -1)) node = node[name] as XmlInputObject;
  const last = names.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** `withField` for several fields at once. */
export function withFields(wire: XmlInputObject, fields: Record<string, XmlInput>): XmlInputObject {
  return Object.entries(fields).reduce((out, [path, value]) => withField(out, path, value), wire);
}

/** JSON with bare integers where `big` names them: JSON.stringify cannot write an integer past 2^53. */
export function jsonWithBigIntegers(wire: XmlInputObject, big: Record<string, string>): string {
  let text = JSON.stringify(wire);
  for (const [placeholder, digits] of Object.entries(big)) text = text.replace(`"${placeholder}"`, digits);
  return text;
}

/** Our XML without CDATA sections, as the trading component's examples are written (values without `<` or `&`). */
export function xmlWithoutCdata(wire: XmlInputObject): string {
  return buildXml(wire).replace(/<!\[CDATA\[(.*?)\]\]>/gs, '$1');
}
