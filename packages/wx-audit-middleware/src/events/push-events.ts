import { WxAuditError } from '../errors.js';
import type { EventDefinition } from './catalogue-event.js';
import { ID_PREFIX, joinIdParts, messageDigest, type IdParts } from './ids.js';
import { describeIssues } from './issues.js';
import { messageFieldsSchema, type MessageFields } from './message.js';
import type { EventRegistry } from './registry.js';
import type { AnyDispatchedEvent, RawMessage } from './types.js';

export interface PushEvents {
  id: string;
  events: AnyDispatchedEvent[];
}

export interface PushContext {
  /** The authorizer appid taken from the callback path (`<mount>/<appid>`), if any. */
  authorizerAppId?: string;
  /** The typed events, looked up by Event / InfoType. */
  registry: EventRegistry;
}

/** The fields every push carries (CreateTime above all, checked for freshness before anything else is typed). */
export function pushFields(raw: RawMessage): MessageFields {
  const base = messageFieldsSchema.safeParse(raw);
  if (!base.success) {
    throw new WxAuditError('SCHEMA_INVALID', `The push does not have WeChat's message fields: ${describeIssues(base.error)}.`);
  }
  return base.data;
}

/**
 * Turns a verified, decoded push into its events and the id they share (ids.ts): the typed event (if
 * its Event or InfoType is defined), then `auditResult` (if it reports an audit's outcome), then
 * `message`. A promise only when a user's definition validates asynchronously: the catalogue's never do,
 * and a promise here would cost every push a turn of the microtask queue.
 */
export function pushEvents(raw: RawMessage, fields: MessageFields, context: PushContext): PushEvents | Promise<PushEvents> {
  const definition = context.registry.find(raw);
  if (!definition) return assemble(raw, fields, context.authorizerAppId, undefined, undefined);
  const parsed = definition.parse(raw);
  if (parsed instanceof Promise) return parsed.then((typed) => assemble(raw, fields, context.authorizerAppId, definition, typed));
  return assemble(raw, fields, context.authorizerAppId, definition, parsed);
}

function assemble(raw: RawMessage, fields: MessageFields, authorizerAppId: string | undefined, definition: EventDefinition | undefined, typed: unknown): PushEvents {
  const keys = definition ? definition.idKeys(typed, raw) : undefined;
  const id = pushId(raw, fields, authorizerAppId, keys);
  const events: AnyDispatchedEvent[] = [];
  const authorizer = authorizerAppId ? { authorizerAppId } : undefined;
  if (definition) {
    // The envelope first, then written again: a user's schema cannot override `type`, `id`, `raw` or
    // `authorizerAppId`. (Spreading the fields first and adding the envelope after costs V8 ~1.8 µs a push:
    // the added keys leave the cloned object's fast path; writing keys it already has does not.)
    const event: Record<string, unknown> = { type: definition.name, id, raw, ...authorizer, ...(typed as object) };
    event.type = definition.name;
    event.id = id;
    event.raw = raw;
    if (authorizer) event.authorizerAppId = authorizerAppId;
    else if ('authorizerAppId' in event) delete event.authorizerAppId;
    events.push(event as AnyDispatchedEvent);
    const result = definition.auditResult?.(typed);
    if (result) events.push({ type: 'auditResult', id, raw, ...authorizer, kind: definition.name, ...result } as AnyDispatchedEvent);
  }
  events.push({ type: 'message', id, raw, ...authorizer, ...fields });
  return { id, events };
}

/** `keys`: the typed event's own keys; undefined when it has none documented (then a digest stands in). */
function pushId(raw: RawMessage, fields: MessageFields, authorizer: string | undefined, keys: IdParts | undefined): string {
  const path = authorizer ?? '';
  if (fields.msgId !== undefined) return joinIdParts(ID_PREFIX.message, [fields.toUserName, path, fields.msgId]);
  const own = keys ?? [messageDigest(raw)];
  if (typeof raw.Event === 'string') {
    return joinIdParts(ID_PREFIX.event, [fields.toUserName, path, fields.fromUserName, fields.createTime, raw.Event, ...own]);
  }
  if (typeof raw.InfoType === 'string') {
    return joinIdParts(ID_PREFIX.infoType, [fields.toUserName, path, fields.createTime, raw.InfoType, ...own]);
  }
  return joinIdParts(ID_PREFIX.digest, [fields.toUserName, path, messageDigest(raw)]);
}
