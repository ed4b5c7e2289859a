import { z } from 'zod';
import { wxInt, wxList } from './fields.js';
import { wxText } from './wire-fields.js';

export const SCENE_AUDIT_EVENT = 'open_product_scene_group_audit';

/** `scene_group_ext_list[].ext_id`: which audit item. */
export const SCENE_EXT_ID = {
  /** 客服售后 */ CUSTOMER_SERVICE: 1,
  /** 电商平台 */ ECOMMERCE_PLATFORM: 2,
} as const;

/** `scene_group_ext_list[].status`. */
export const SCENE_AUDIT_STATUS = {
  /** 审核中 */ IN_AUDIT: 0,
  /** 审核成功 */ PASSED: 1,
  /** 审核失败 */ FAILED: 2,
  /** 未审核 */ NOT_AUDITED: 3,
} as const;

const sceneGroupExtSchema = z
  .object({ ext_id: wxInt, status: wxInt, name: wxText })
  .transform((item) => ({ extId: item.ext_id, status: item.status, name: item.name }));

/** The wire shape of `Event=open_product_scene_group_audit`, transformed to the event's typed fields. */
export const sceneAuditFieldsSchema = z
  .object({
    ToUserName: z.string(),
    FromUserName: z.string(),
    CreateTime: wxInt,
    MsgType: z.literal('event'),
    Event: z.literal(SCENE_AUDIT_EVENT),
    SceneGroupAudit: z.object({
      group_id: wxInt,
      // The catalogue's value rules hold here too: JSON pushes send `{}` for an empty string, which is ''.
      reason: wxText,
      name: wxText,
      scene_group_ext_list: wxList(sceneGroupExtSchema),
    }),
  })
  .transform((m) => ({
    toUserName: m.ToUserName,
    fromUserName: m.FromUserName,
    createTime: m.CreateTime,
    groupId: m.SceneGroupAudit.group_id,
    reason: m.SceneGroupAudit.reason,
    name: m.SceneGroupAudit.name,
    sceneGroupExtList: m.SceneGroupAudit.scene_group_ext_list,
  }));

export type SceneAuditFields = z.output<typeof sceneAuditFieldsSchema>;
