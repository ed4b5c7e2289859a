import { z } from 'zod';

/** An integer as WeChat sends it: a JSON number, or the digits of an XML element. */
export const wxInt = z.union([
  z.number().int(),
  z.string().regex(/^-?\d{1,15}$/, 'an integer').transform(Number),
]);

/** A 64-bit id (MsgId): always a string, so no digit is lost. */
export const wxId = z.union([z.string().regex(/^\d{1,20}$/, 'digits'), z.number().int().nonnegative().transform(String)]);

/** A repeated element: one item (or an empty element) and many items all become an array. */
export function wxList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}
