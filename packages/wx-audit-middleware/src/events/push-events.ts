import { WxAuditError } from '../errors.js';
import { ID_PREFIX, joinIdParts, messageDigest } from './ids.js';
import { describeIssues } from './issues.js';
import { messageFieldsSchema, type MessageFields } from './message.js';
import { SCENE_AUDIT_EVENT, sceneAuditFieldsSchema, type SceneAuditFields } from './scene-audit.js';
import type { DispatchedEvent, RawMessage } from './types.js';

export interface PushEvents {
  id: string;
  events: DispatchedEvent[];
}

export interface PushContext {
  /** The authorizer appid taken from the callback path (`<mount>/<appid>`), if any. */
  authorizerAppId?: string;
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
 * Turns a verified, decoded push into its events, the modelled one (if any) and then `message`, and the id
 * they share (ids.ts): a message by its MsgId; an event by its receiving account, path, sender, CreateTime,
 * Event and the event's own keys (a digest of the whole message when it has none documented).
 */
export function pushEvents(raw: RawMessage, fields: MessageFields, context: PushContext): PushEvents {
  let scene: SceneAuditFields | undefined;
  if (raw.Event === SCENE_AUDIT_EVENT) {
    const parsed = sceneAuditFieldsSchema.safeParse(raw);
    if (!parsed.success) {
      throw new WxAuditError('SCHEMA_INVALID', `The scene audit push does not match its schema: ${describeIssues(parsed.error)}.`);
    }
    scene = parsed.data;
  }
  const id = pushId(raw, fields, context.authorizerAppId, scene && [scene.groupId]);
  const envelope = { id, raw, ...(context.authorizerAppId ? { authorizerAppId: context.authorizerAppId } : {}) };
  const events: DispatchedEvent[] = [];
  if (scene) events.push({ type: 'sceneAudit', ...envelope, ...scene });
  events.push({ type: 'message', ...envelope, ...fields });
  return { id, events };
}

/** `keys`: the modelled event's documented keys; undefined when it has none (then a digest stands in). */
function pushId(raw: RawMessage, fields: MessageFields, authorizer: string | undefined, keys: ReadonlyArray<string | number> | undefined): string {
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
