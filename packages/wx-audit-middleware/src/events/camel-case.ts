/**
 * WeChat's field and event names in the camelCase of the typed events (CATALOGUE §1.1): split on `_`,
 * lower-case the first letter of the first part, upper-case the first letter of every later part, and
 * leave the rest as it is (`notify_3rd_wxa_auth_and_icp` → `notify3rdWxaAuthAndIcp`, `SuccTime` →
 * `succTime`). The type and the function follow the same rule, so a field's type is named as its value is.
 */
type CamelTail<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Capitalize<Head>}${CamelTail<Tail>}` : Capitalize<S>;
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Uncapitalize<Head>}${CamelTail<Tail>}` : Uncapitalize<S>;

/** An object type with its keys camelCased; optional keys stay optional. */
export type CamelKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

export function camelCase(name: string): string {
  const parts = name.split('_');
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    out += i === 0 ? part[0]!.toLowerCase() + part.slice(1) : part[0]!.toUpperCase() + part.slice(1);
  }
  return out;
}
