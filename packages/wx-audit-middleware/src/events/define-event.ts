import { escapeRequestText } from '../describe-request-text.js';
import { WxAuditError } from '../errors.js';
import type { EventDefinition, WireDiscriminator } from './catalogue-event.js';
import type { RawMessage } from './envelope.js';
import type { StandardSchemaIssue, StandardSchemaOutput, StandardSchemaResult, StandardSchemaV1 } from './standard-schema.js';

export interface DefineEventOptions<Name extends string, S extends StandardSchemaV1> {
  /** The event's name for `audit.on(name, …)`: not one the middleware emits itself. */
  name: Name;
  /** The push it types: its `Event` (message pushes) or its `InfoType` (a platform's authorization-event URL), matched exactly. */
  wire: { event: string } | { infoType: string };
  /** Any Standard Schema (zod, valibot, arktype…) from the raw message (WeChat's names, values as sent) to the event's typed fields. */
  schema: S;
  /**
   * What tells two distinct pushes of this kind apart, when the same account's sender, CreateTime and
   * Event are not enough (the receiving account and path are always in the id). Default: a digest of the
   * whole message, which is right unless WeChat's retries could differ in some field.
   */
  id?: (raw: RawMessage) => string;
}

/** A user's event definition: pass it in `createWxAudit({ events: [definition] })`. */
export type DefinedEventDefinition<Name extends string, Fields> = EventDefinition<Name, Fields>;

/**
 * Types a push the middleware does not (CATALOGUE.md's "not typed in this round" ones, or WeChat's next):
 * `audit.on(name, …)` is then typed from the schema's output, and the event follows every delivery rule
 * of the catalogue's (one id, `message` after it; a push that fails the schema is refused 400
 * SCHEMA_INVALID, naming the failing fields but never their values).
 */
export function defineEvent<const Name extends string, S extends StandardSchemaV1>(options: DefineEventOptions<Name, S>): DefinedEventDefinition<Name, StandardSchemaOutput<S>> {
  const { name, schema, id } = checkOptions(options);
  const wire: WireDiscriminator = 'event' in options.wire ? { event: options.wire.event } : { infoType: options.wire.infoType };
  const what = `${name} push (${'event' in wire ? `Event=${wire.event}` : `InfoType=${wire.infoType}`})`;
  type Fields = StandardSchemaOutput<S>;
  // What the user's code threw stays in `cause`: its message may quote the push (decrypted content).
  const threw = (what: string, cause: unknown) =>
    new WxAuditError('INTERNAL_ERROR', `defineEvent "${name}": ${what} threw on a ${what === 'id(raw)' ? 'push' : 'push instead of reporting issues'}; fix the definition (WeChat retries).`, { cause });
  const settle = (result: StandardSchemaResult<Fields>): Fields => {
    if (result.issues) throw new WxAuditError('SCHEMA_INVALID', `The ${what} does not match its schema (defineEvent): ${describeStandardIssues(result.issues)}.`);
    return result.value;
  };
  return {
    name,
    wire,
    parse(raw) {
      let result: StandardSchemaResult<Fields> | PromiseLike<StandardSchemaResult<Fields>>;
      try {
        result = schema['~standard'].validate(raw) as typeof result;
      } catch (cause) {
        throw threw('its schema', cause);
      }
      // Any thenable, not only a native Promise (another realm's, a library's own): read as a result, its
      // issues would go unseen. The answer is a native Promise, which is what pushEvents awaits.
      return isThenable(result) ? Promise.resolve(result).then(settle, (cause: unknown) => Promise.reject(threw('its schema', cause))) : settle(result);
    },
    idKeys: (_fields, raw) => {
      if (!id) return undefined;
      let key: unknown;
      try {
        key = id(raw);
      } catch (cause) {
        throw threw('id(raw)', cause);
      }
      if (typeof key !== 'string') throw new WxAuditError('INTERNAL_ERROR', `defineEvent "${name}": id(raw) must return a string.`);
      return [key];
    },
  };
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Paths only: a schema's messages may quote the value (valibot's do), and a value is decrypted content.
 * Paths are escaped as request text, since a schema may take keys from the message.
 */
function describeStandardIssues(issues: ReadonlyArray<StandardSchemaIssue>): string {
  const paths = issues.slice(0, 5).map((issue) => {
    const path = (issue.path ?? []).map((part) => escapeRequestText(String(typeof part === 'object' ? part.key : part)));
    return path.length ? path.join('.') : '(message)';
  });
  return `${issues.length} issue(s) at ${paths.join(', ')}`;
}

function checkOptions<Name extends string, S extends StandardSchemaV1>(options: DefineEventOptions<Name, S>): DefineEventOptions<Name, S> {
  const fail = (message: string): never => {
    throw new WxAuditError('CONFIG_INVALID', `defineEvent: ${message}`);
  };
  if (options === null || typeof options !== 'object') fail('give { name, wire: { event } | { infoType }, schema, id? }.');
  if (typeof options.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(options.name)) fail('name must be an identifier-like string (letters, digits, _), such as "wxaIllegalRecord".');
  const wire = options.wire as Partial<Record<'event' | 'infoType', unknown>> | undefined;
  const given = wire && typeof wire === 'object' ? (['event', 'infoType'] as const).filter((key) => wire[key] !== undefined) : [];
  if (given.length !== 1) fail(`"${options.name}": wire must be { event: '<Event>' } or { infoType: '<InfoType>' }, exactly one of them.`);
  const value = wire![given[0]!];
  if (typeof value !== 'string' || value === '') fail(`"${options.name}": wire.${given[0]!} must be a non-empty string (WeChat's value, matched exactly).`);
  const standard = (options.schema as Partial<StandardSchemaV1> | undefined)?.['~standard'];
  if (!standard || typeof standard.validate !== 'function') fail(`"${options.name}": schema must be a Standard Schema (zod, valibot, arktype…): an object with ["~standard"].validate.`);
  if (options.id !== undefined && typeof options.id !== 'function') fail(`"${options.name}": id must be a function (raw) => string.`);
  return options;
}
