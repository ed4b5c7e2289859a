import { z } from 'zod';
import { camelCase, type CamelKeys } from './camel-case.js';
import { isEmptyObject, wxInt, wxList } from './fields.js';

/**
 * The value rules of the catalogue's events (CATALOGUE §1.3), as zod schemas from the wire value to the
 * typed one. Each schema made here also records its wire layout (`wireLayout`), so that the fixtures can
 * turn a typed event back into WeChat's names from the same definition the middleware parses with.
 */

/** How a typed field maps back to the wire: read by `wireLayout` (the fixtures' builders). */
export type WireNode =
  | { kind: 'text' }
  | { kind: 'number' }
  | { kind: 'list'; item: WireNode }
  | { kind: 'object'; fields: ReadonlyArray<WireField> };

export interface WireField {
  /** WeChat's name (`out_product_id`). */
  wire: string;
  /** The typed event's name (`outProductId`). */
  name: string;
  optional: boolean;
  node: WireNode;
}

const LAYOUT = new WeakMap<z.ZodType, WireNode>();

function tagged<T extends z.ZodType>(schema: T, node: WireNode): T {
  LAYOUT.set(schema, node);
  return schema;
}


const NUMBER = /^-?\d{1,20}(?:\.\d+)?$/;

/** Says "required" for an absent field and what was expected otherwise; never the value (decrypted content). */
const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `required (${what})` : what);

/**
 * A number as WeChat sends it: a JSON number, or a string of decimal digits (XML text, and JSON pushes
 * that quote their numbers: `"status": "1"`). Anything else fails the push's schema.
 */
export const wxNumber = tagged(
  z.preprocess((value) => (typeof value === 'string' && NUMBER.test(value) ? Number(value) : value), z.number({ error: expected('a number') })),
  { kind: 'number' },
);

/**
 * Text as WeChat sends it. `{}` (an empty JSON object, sent for an empty string) is `''`; a JSON number is
 * its decimal digits, so that ids (`product_id`, `audit_id`: strings, always) lose no digit and keep no
 * leading zero they never had (the JSON decoder already turns integers past 2^53 into strings).
 */
export const wxText = tagged(
  // A union, string first: text is what every push sends, and its branch succeeds at once (a preprocess
  // step costs every text field of every push a pipe, ~0.1 µs each). The other branches run only for the
  // sloppy shapes, and the error names what was expected when none matches. `{}` is told by a check, not
  // by a strict object: that branch's "Unrecognized key" issue (the only one not aborted, so the union's
  // answer) would quote a key of the decrypted message.
  z.union([z.string(), z.number().finite().transform(String), z.custom<Record<string, never>>(isEmptyObject, { error: expected('text') }).transform(() => '')], {
    error: expected('text'),
  }),
  { kind: 'text' },
);

/** Schemas that accept an absent field without being a ZodOptional (the empty-value ones below). */
const OPTIONAL = new WeakSet<z.ZodType>();

/**
 * An optional number: absent, and also an empty element (`<audit_time></audit_time>`) or `""`, which is
 * how WeChat's XML and JSON leave a number out; absent in the event either way.
 */
export const wxOptionalNumber = tagged(
  z.preprocess((value) => (value === '' ? undefined : value), wxNumber.optional()),
  { kind: 'number' },
);
OPTIONAL.add(wxOptionalNumber);

/**
 * A repeated element: an array always. In XML one element and many look different (a naive parser reads
 * one as an object); JSON pushes have sent a single object where the docs say array. Absent, empty text
 * and `{}` are `[]`.
 */
export function wxArray<T extends z.ZodType>(item: T) {
  return tagged(wxList(item), { kind: 'list', item: nodeOf(item) });
}

/** An integer as the seed push's fields were fixed (`groupId`, `extId`, `status`: at most 15 digits). */
export const wxInteger = tagged(wxInt, { kind: 'number' });

/**
 * A nested object, its keys camelCased. An empty XML element (`''`) is an empty object; unknown keys are
 * dropped from the typed value (they stay in `raw`).
 */
export function wxObject<S extends z.ZodRawShape>(shape: S) {
  const keys = Object.keys(shape);
  const names = keys.map(camelCase);
  return tagged(
    z.preprocess((value) => (value === '' ? {} : value), z.object(shape)).transform((value) => renameKeys(value, keys, names) as CamelKeys<z.output<z.ZodObject<S>>>),
    { kind: 'object', fields: layoutOf(shape) },
  );
}

/** `wxObject`, and `{}` when the element is absent (`info` of a failed fast registration). */
export function wxObjectOrEmpty<S extends z.ZodRawShape>(shape: S) {
  const object = wxObject(shape);
  return tagged(
    z.preprocess((value) => value ?? {}, object),
    nodeOf(object),
  );
}

/** An optional nested object: absent, and also `{}` or an empty element, which WeChat sends for one it left out. */
export function wxOptionalObject<S extends z.ZodRawShape>(shape: S) {
  const object = wxObject(shape);
  const schema = tagged(
    z.preprocess((value) => (value === '' || isEmptyObject(value) ? undefined : value), object.optional()),
    nodeOf(object),
  );
  OPTIONAL.add(schema);
  return schema;
}

/** Copies the keys present, renamed, into `out`; an absent optional field stays absent. */
export function renameKeys(value: Record<string, unknown>, keys: readonly string[], names: readonly string[], out: Record<string, unknown> = {}): Record<string, unknown> {
  for (let i = 0; i < keys.length; i++) {
    const v = value[keys[i]!];
    if (v !== undefined) out[names[i]!] = v;
  }
  return out;
}

function nodeOf(schema: z.ZodType): WireNode {
  const node = LAYOUT.get(schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema);
  if (!node) throw new TypeError('wire-fields: a catalogue field must be made with wxText, wxNumber, wxArray or wxObject (optionally .optional()).');
  return node;
}

/** The wire layout of a payload's shape, in its order (which is WeChat's, for the fixtures' documents). */
export function layoutOf(shape: z.ZodRawShape): WireField[] {
  return Object.entries(shape).map(([wire, schema]) => ({
    wire,
    name: camelCase(wire),
    optional: schema instanceof z.ZodOptional || OPTIONAL.has(schema as z.ZodType),
    node: nodeOf(schema as z.ZodType),
  }));
}
