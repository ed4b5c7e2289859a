import { CATALOGUE, type CatalogueDefinition, type CatalogueEventName, type CatalogueFields, type WireField, type WireNode } from '@x/wx-audit-middleware';
import type { XmlInput, XmlInputObject } from '@x/wx-audit-middleware/wire';
import { checkWire, type SafeParser } from './fixture-invalid-error.js';
import type { AnyCatalogueFixture } from './fixture-types.js';

/** A push in WeChat's own field names, ready for `buildXml` or `JSON.stringify`. */
export type WireMessage = XmlInputObject;

/** An object of fields, whatever its prototype (deep-merge's isPlainObject also wants Object.prototype). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const DEFINITIONS: ReadonlyMap<string, CatalogueDefinition> = new Map(CATALOGUE.map((definition) => [definition.name, definition]));

/** The middleware's definition of a catalogue event, by name; undefined for any other name. */
export function catalogueDefinition(name: unknown): CatalogueDefinition | undefined {
  return typeof name === 'string' ? DEFINITIONS.get(name) : undefined;
}

/** The envelope's typed names: an `Event` push names its addressee and sender, an `InfoType` push the platform. */
export function envelopeFields(definition: CatalogueDefinition): readonly string[] {
  return 'event' in definition.wire ? ['toUserName', 'fromUserName', 'createTime'] : ['appId', 'createTime'];
}

// A value that does not fit its node (a string where a list belongs) goes through as it is, so that the
// middleware's schema, not this walk, says what is wrong with it, in WeChat's field names.
function nodeToWire(node: WireNode, value: unknown): XmlInput {
  if (node.kind === 'list') return Array.isArray(value) ? value.map((item: unknown) => nodeToWire(node.item, item)) : (value as XmlInput);
  if (node.kind === 'object') return isRecord(value) ? fieldsToWire(node.fields, value) : (value as XmlInput);
  return value as XmlInput;
}

function fieldsToWire(fields: ReadonlyArray<WireField>, value: Record<string, unknown>): XmlInputObject {
  const out: XmlInputObject = {};
  for (const field of fields) {
    const item = value[field.name];
    if (item !== undefined) out[field.wire] = nodeToWire(field.node, item);
  }
  return out;
}

function definitionOf(msg: { type?: unknown }): CatalogueDefinition {
  const definition = catalogueDefinition(msg.type);
  if (!definition) {
    const hint = msg.type === 'infoUpdateAudit' ? ' (info-update notifications are built with buildInfoUpdateRequest)' : '';
    throw new TypeError(`Expected a catalogue fixture (fx.sceneAudit(), fx.weappAuditFail(), …), got type "${String(msg.type)}"${hint}.`);
  }
  return definition;
}

/**
 * A catalogue fixture as WeChat sends it, from the event's definition: the envelope (`ToUserName,
 * FromUserName, CreateTime, MsgType, Event`, or `AppId, CreateTime, InfoType`), then the payload in the
 * layout's order (WeChat's), inside its wrapper element when it has one. Derived fields
 * (`screenShotList`, `auditInfoParsed`…) are not on the wire: they come back when the document is parsed.
 */
export function catalogueToWire(msg: AnyCatalogueFixture): WireMessage {
  const definition = definitionOf(msg);
  const fields = msg as unknown as Record<string, unknown>;
  const envelope: WireMessage =
    'event' in definition.wire
      ? { ToUserName: fields.toUserName as XmlInput, FromUserName: fields.fromUserName as XmlInput, CreateTime: fields.createTime as XmlInput, MsgType: 'event', Event: definition.wire.event }
      : { AppId: fields.appId as XmlInput, CreateTime: fields.createTime as XmlInput, InfoType: definition.wire.infoType };
  const payload = fieldsToWire(definition.layout, fields);
  return definition.wrapper ? { ...envelope, [definition.wrapper]: payload } : { ...envelope, ...payload };
}

/**
 * What the middleware makes of a fixture: its wire document parsed with the event's own schema. Throws
 * FixtureInvalidError (wire field names) when the middleware would refuse the push. Derived fields are
 * computed here, by the middleware's code, so a fixture and its event never disagree.
 */
export function parseCatalogueFixture<N extends CatalogueEventName>(msg: { type: N }): CatalogueFields<N> {
  const definition = definitionOf(msg);
  const schema: SafeParser<unknown> = definition.schema;
  return checkWire(`The ${definition.name} fixture`, schema, catalogueToWire(msg as unknown as AnyCatalogueFixture)) as CatalogueFields<N>;
}
