import { z } from 'zod';

const INTEGER = /^-?\d{1,15}$/;

/**
 * An integer as WeChat sends it: a JSON number, or the digits of an XML element. Digits are turned into the
 * number first, rather than tried as a second branch of a union: a union runs its number branch to failure
 * (and builds the issue) for every XML integer before it gets to the string one.
 */
export const wxInt = z.preprocess(
  (value) => (typeof value === 'string' && INTEGER.test(value) ? Number(value) : value),
  z.number({ error: 'an integer' }).int({ error: 'an integer' }),
);

/** A 64-bit id (MsgId): always a string, so no digit is lost. */
export const wxId = z.union([z.string().regex(/^\d{1,20}$/, 'digits'), z.number().int().nonnegative().transform(String)]);

/** `{}`: how JSON pushes send an empty value. */
export const isEmptyObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

/** A repeated element: one item and many items all become an array; absent, an empty element and `{}` (JSON's empty value) are []. */
export function wxList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || value === '' || isEmptyObject(value) ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}
