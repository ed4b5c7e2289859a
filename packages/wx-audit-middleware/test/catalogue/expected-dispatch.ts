import { expect } from 'vitest';
import type { XmlInput, XmlInputObject } from '../../src/wire/index.js';
import type { Format } from '../helpers/push.js';
import { EXPECTED } from './expected-events.js';
import type { WireExample } from './wire-examples.js';

/**
 * What the XML decoder gives for a message our XML builder wrote: every value text, a repeated element
 * that occurs once a single value (only scene_group_ext_list is always a list), no element for an empty
 * list, '' for an empty element.
 */
export function xmlRaw(value: XmlInput, name = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => xmlRaw(item, name));
    return items.length === 1 && name !== 'scene_group_ext_list' ? items[0] : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
    return entries.length === 0 ? '' : Object.fromEntries(entries.map(([k, v]) => [k, xmlRaw(v, k)]));
  }
  return String(value);
}

/** The decoded message a listener gets in `raw`: the JSON as sent, or the XML's text. */
export const rawOf = (wire: XmlInputObject, format: Format): unknown => (format === 'json' ? wire : xmlRaw(wire));

/**
 * The events one push of `example` (sent as `wire`, its CreateTime possibly moved) must dispatch, in order:
 * the typed event, its auditResult (not for lifecycle events), then message; `id` is any string here, the
 * caller checks that the three are one.
 */
export function expectedDispatch(example: WireExample, wire: XmlInputObject, format: Format, authorizerAppId?: string): unknown[] {
  const expected = EXPECTED[example.name]!;
  const createTime = Number(wire.CreateTime);
  const common = { id: expect.any(String), raw: rawOf(wire, format), ...(authorizerAppId ? { authorizerAppId } : {}) };
  const isEvent = typeof wire.Event === 'string';
  const envelope = isEvent ? { toUserName: wire.ToUserName, fromUserName: wire.FromUserName, createTime } : { appId: wire.AppId, createTime };
  const typed = { ...common, type: example.name, ...envelope, ...expected.fields };
  const audit = expected.audit && { ...common, type: 'auditResult', kind: example.name, ...expected.audit };
  const message = isEvent
    ? { ...common, type: 'message', toUserName: wire.ToUserName, fromUserName: wire.FromUserName, createTime, msgType: 'event', event: wire.Event }
    : { ...common, type: 'message', toUserName: wire.AppId, fromUserName: '', createTime, msgType: wire.InfoType };
  return audit ? [typed, audit, message] : [typed, message];
}
