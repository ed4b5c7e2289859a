import { WxAuditError } from '../errors.js';
import { describeIssues } from './issues.js';
import { messageFieldsSchema } from './message.js';
import { SCENE_AUDIT_EVENT, sceneAuditFieldsSchema } from './scene-audit.js';
import type { DispatchedEvent, RawMessage } from './types.js';

export interface PushEvents {
  id: string;
  events: DispatchedEvent[];
}

/**
 * Turns a verified, decoded push into its events: the modelled one (if any) and `message`.
 * Dedup key: MsgId for messages; FromUserName + CreateTime + Event for events (AppId + CreateTime + InfoType
 * for third-party platform notifications).
 */
export function pushEvents(raw: RawMessage, context: { authorizerAppId?: string }): PushEvents {
  const base = messageFieldsSchema.safeParse(raw);
  if (!base.success) {
    throw new WxAuditError('SCHEMA_INVALID', `The push does not have WeChat's message fields: ${describeIssues(base.error)}.`);
  }
  const fields = base.data;
  const id =
    fields.msgId ??
    `${String(raw.FromUserName ?? raw.AppId ?? '')}${fields.createTime}${String(raw.Event ?? raw.InfoType ?? '')}`;
  const envelope = { id, raw, ...(context.authorizerAppId ? { authorizerAppId: context.authorizerAppId } : {}) };
  const events: DispatchedEvent[] = [];

  if (raw.Event === SCENE_AUDIT_EVENT) {
    const scene = sceneAuditFieldsSchema.safeParse(raw);
    if (!scene.success) {
      throw new WxAuditError('SCHEMA_INVALID', `The scene audit push does not match its schema: ${describeIssues(scene.error)}.`);
    }
    events.push({ type: 'sceneAudit', ...envelope, ...scene.data });
  }
  events.push({ type: 'message', ...envelope, ...fields });
  return { id, events };
}
