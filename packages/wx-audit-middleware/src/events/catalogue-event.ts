import { z } from 'zod';
import { WxAuditError } from '../errors.js';
import type { AuditVerdict } from './audit-result.js';
import { camelCase, type CamelKeys } from './camel-case.js';
import { wxInt } from './fields.js';
import type { IdParts } from './ids.js';
import { describeIssues } from './issues.js';
import type { RawMessage } from './envelope.js';
import { layoutOf, renameKeys, type WireField } from './wire-fields.js';

/** What tells a push's kind: its `Event` (message pushes) or its `InfoType` (a third-party platform's authorization-event URL). */
export type WireDiscriminator = { readonly event: string } | { readonly infoType: string };

/**
 * Where WeChat sends a push (CATALOGUE §1.6): a Mini Program's message push URL, a third-party platform's
 * message URL (`…/<authorizer appid>`) or its authorization-event URL, a WeChat Shop's push URL (JSON,
 * safe mode only), an Official Account's push URL (XML).
 */
export type PushChannel = 'mini-program' | 'third-party-message' | 'third-party-authorization' | 'wechat-shop' | 'official-account';
export type PushFormat = 'xml' | 'json';

/** The envelope's typed fields: `Event` pushes name the receiving account and the sender; `InfoType` pushes the platform. */
export type EventEnvelopeFields = { toUserName: string; fromUserName: string; createTime: number };
export type InfoTypeEnvelopeFields = { appId: string; createTime: number };
export type EnvelopeFieldsOf<W extends WireDiscriminator> = W extends { event: string } ? EventEnvelopeFields : InfoTypeEnvelopeFields;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type PayloadFields<P extends z.ZodRawShape> = CamelKeys<z.output<z.ZodObject<P>>>;

/**
 * A push's kind as the middleware knows it: its name, how to recognise it, how to parse it and how to
 * identify it. The catalogue's events and the user's own (`defineEvent`) are both this.
 */
export interface EventDefinition<Name extends string = string, Fields = unknown> {
  readonly name: Name;
  readonly wire: WireDiscriminator;
  /** The raw message to the event's typed fields; throws SCHEMA_INVALID (400), or resolves to them (an async Standard Schema). */
  parse(raw: RawMessage): Fields | Promise<Fields>;
  /** The parts that keep two distinct pushes of this kind apart after the base of the id (ids.ts); undefined: a digest of the whole message. */
  idKeys(fields: Fields, raw: RawMessage): IdParts | undefined;
  /** Present for pushes that report an audit's outcome: what `auditResult` says. */
  auditResult?(fields: Fields): AuditVerdict;
  /** Phantom: the typed fields, for `audit.on(name, …)`. Never set. */
  readonly '~fields'?: Fields;
}

/** One of the catalogue's events: a definition with everything the fixtures and the docs need. */
export interface CatalogueEvent<Name extends string = string, Fields = unknown> extends EventDefinition<Name, Fields> {
  readonly channels: readonly PushChannel[];
  /** The formats the channel uses; the first is the fixtures' default. */
  readonly formats: readonly PushFormat[];
  /** The one element holding the payload, flattened into the event (`OpenProductSpuAudit`, `result_info`…). */
  readonly wrapper: string | undefined;
  /**
   * The payload's fields in WeChat's order: wire name, typed name, layout (the fixtures build documents
   * from it). Fields the event derives from others (`screenShotList`, `auditInfoParsed`) are not in it.
   */
  readonly layout: ReadonlyArray<WireField>;
  /** The raw message to the typed fields (envelope and payload). */
  readonly schema: z.ZodType<Fields>;
}

interface CatalogueSpec<Name extends string, W extends WireDiscriminator, P extends z.ZodRawShape, D extends object> {
  name: Name;
  wire: W;
  channels: readonly PushChannel[];
  formats: readonly PushFormat[];
  wrapper?: string;
  payload: P;
  /** Fields computed from the payload's (never on the wire). */
  derive?: (payload: PayloadFields<P>) => D;
  /**
   * The id's keys after its base (ids.ts). 'digest' where WeChat documents none: a digest of the whole
   * message, so that two pushes of the kind in the same second (a privacy-guideline result and a code
   * audit result share `weapp_audit_*`) stay apart while a re-delivery, the same plaintext, does not.
   */
  keys: 'digest' | ((fields: Simplify<EnvelopeFieldsOf<W> & PayloadFields<P> & D>) => IdParts);
  auditResult?: (fields: Simplify<EnvelopeFieldsOf<W> & PayloadFields<P> & D>) => AuditVerdict;
}

const eventEnvelope = (event: string) => ({ ToUserName: z.string(), FromUserName: z.string(), CreateTime: wxInt, MsgType: z.literal('event'), Event: z.literal(event) });
const infoTypeEnvelope = (infoType: string) => ({ AppId: z.string(), CreateTime: wxInt, InfoType: z.literal(infoType) });

/**
 * Defines a catalogue event from its payload's wire shape: the schema (strict on the envelope and the
 * discriminator, tolerant in the payload as wire-fields.ts says), the typed fields' names (camelCase of
 * the wire's), the wrapper flattened, and the layout the fixtures build documents from: one definition.
 */
export function catalogueEvent<const Name extends string, const W extends WireDiscriminator, P extends z.ZodRawShape, D extends object = Record<never, never>>(
  spec: CatalogueSpec<Name, W, P, D>,
): CatalogueEvent<Name, Simplify<EnvelopeFieldsOf<W> & PayloadFields<P> & D>> {
  type Fields = Simplify<EnvelopeFieldsOf<W> & PayloadFields<P> & D>;
  const { wrapper, payload, derive } = spec;
  const keys = Object.keys(payload);
  const names = keys.map(camelCase);
  const isEvent = 'event' in spec.wire;
  const envelope = 'event' in spec.wire ? eventEnvelope(spec.wire.event) : infoTypeEnvelope(spec.wire.infoType);
  const shape = wrapper ? { ...envelope, [wrapper]: z.object(payload) } : { ...envelope, ...payload };
  const schema = z.object(shape).transform((m): Fields => {
    const message = m as Record<string, unknown>;
    // The payload's fields are written into the envelope's literal key by key: spreading one object after
    // another (`{ ...head, ...fields }`) leaves V8's fast path and cost ~1.7 µs a push.
    const event: Record<string, unknown> = isEvent
      ? { toUserName: message.ToUserName, fromUserName: message.FromUserName, createTime: message.CreateTime }
      : { appId: message.AppId, createTime: message.CreateTime };
    renameKeys((wrapper ? message[wrapper] : message) as Record<string, unknown>, keys, names, event);
    if (derive) Object.assign(event, derive(event as PayloadFields<P>));
    return event as unknown as Fields;
  }) as unknown as z.ZodType<Fields>;
  const what = 'event' in spec.wire ? `Event=${spec.wire.event}` : `InfoType=${spec.wire.infoType}`;
  return {
    name: spec.name,
    wire: spec.wire,
    channels: spec.channels,
    formats: spec.formats,
    wrapper,
    layout: layoutOf(payload),
    schema,
    parse(raw) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new WxAuditError('SCHEMA_INVALID', `The ${spec.name} push (${what}) does not match its schema: ${describeIssues(parsed.error)}.`);
      return parsed.data;
    },
    idKeys: spec.keys === 'digest' ? () => undefined : spec.keys,
    ...(spec.auditResult ? { auditResult: spec.auditResult } : {}),
  };
}
