import { z } from 'zod';
import { wxId, wxInt } from './fields.js';

/**
 * What every push carries. Third-party platform notifications (component_verify_ticket, authorized, …)
 * carry `AppId` and `InfoType` instead of `ToUserName` and `MsgType`.
 */
export const pushWireSchema = z
  .object({
    ToUserName: z.string().optional(),
    FromUserName: z.string().optional(),
    AppId: z.string().optional(),
    CreateTime: wxInt,
    MsgType: z.string().optional(),
    InfoType: z.string().optional(),
    Event: z.string().optional(),
    MsgId: wxId.optional(),
  })
  .refine((m) => m.MsgType !== undefined || m.InfoType !== undefined, { message: 'MsgType (or InfoType) is required' });

export type PushWire = z.output<typeof pushWireSchema>;

/** Typed fields of the `message` event. */
export const messageFieldsSchema = pushWireSchema.transform((m) => ({
  toUserName: m.ToUserName ?? m.AppId ?? '',
  fromUserName: m.FromUserName ?? '',
  createTime: m.CreateTime,
  /** MsgType; for third-party platform notifications, which have none, the InfoType. */
  msgType: m.MsgType ?? m.InfoType ?? '',
  event: m.Event,
  msgId: m.MsgId,
}));

export type MessageFields = z.output<typeof messageFieldsSchema>;
