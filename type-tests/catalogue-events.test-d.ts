// Compiled, never run (see wx-audit-events.test-d.ts): every catalogue event is typed by name, `auditResult`
// too, and a user's own event (defineEvent) is typed from its schema, zod or valibot alike.
import * as v from 'valibot';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import {
  type AUDIT_RESULT_KINDS,
  type CATALOGUE,
  createWxAudit,
  defineEvent,
  type AnnualRenewEvent,
  type AuditOutcome,
  type AuditResultEvent,
  type AuditResultKind,
  type AuthorizedEvent,
  type CardMerchantCheckResultEvent,
  type CardNotPassCheckEvent,
  type CardPassCheckEvent,
  type CatalogueEventName,
  type ChannelsEcBrandEvent,
  type ComponentVerifyTicketEvent,
  type NamingVerifyFailEvent,
  type NamingVerifySuccessEvent,
  type Notify3rdWxaAuthAndIcpEvent,
  type NotifyApplyIcpfilingResultEvent,
  type NotifyThirdFasteregisterEvent,
  type OpenProductBrandAuditEvent,
  type OpenProductCategoryAuditEvent,
  type OpenProductSpuAuditEvent,
  type OpenProductSpuStatusUpdateEvent,
  type OrderPathAuditResultNotifyEvent,
  type ProductCategoryAuditEvent,
  type ProductSpuAuditEvent,
  type QualificationVerifyFailEvent,
  type QualificationVerifySuccessEvent,
  type SceneAuditEvent,
  type UnauthorizedEvent,
  type UpdateauthorizedEvent,
  type VerifyExpiredEvent,
  type WeappAuditDelayEvent,
  type WeappAuditFailEvent,
  type WeappAuditSuccessEvent,
  type WxAudit,
  type WxaAppealRecordEvent,
  type WxaCategoryAuditEvent,
  type WxaMediaCheckEvent,
  type WxaNicknameAuditEvent,
  type WxaPrivacyApplyEvent,
} from '@x/wx-audit-middleware';

declare const audit: WxAudit;

// Each of the 33 names gives its listener its own event.
audit.on('weappAuditSuccess', (e) => expectTypeOf(e).toEqualTypeOf<WeappAuditSuccessEvent>());
audit.on('weappAuditFail', (e) => expectTypeOf(e).toEqualTypeOf<WeappAuditFailEvent>());
audit.on('weappAuditDelay', (e) => expectTypeOf(e).toEqualTypeOf<WeappAuditDelayEvent>());
audit.on('wxaNicknameAudit', (e) => expectTypeOf(e).toEqualTypeOf<WxaNicknameAuditEvent>());
audit.on('wxaCategoryAudit', (e) => expectTypeOf(e).toEqualTypeOf<WxaCategoryAuditEvent>());
audit.on('wxaPrivacyApply', (e) => expectTypeOf(e).toEqualTypeOf<WxaPrivacyApplyEvent>());
audit.on('wxaAppealRecord', (e) => expectTypeOf(e).toEqualTypeOf<WxaAppealRecordEvent>());
audit.on('openProductSpuAudit', (e) => expectTypeOf(e).toEqualTypeOf<OpenProductSpuAuditEvent>());
audit.on('openProductSpuStatusUpdate', (e) => expectTypeOf(e).toEqualTypeOf<OpenProductSpuStatusUpdateEvent>());
audit.on('openProductBrandAudit', (e) => expectTypeOf(e).toEqualTypeOf<OpenProductBrandAuditEvent>());
audit.on('openProductCategoryAudit', (e) => expectTypeOf(e).toEqualTypeOf<OpenProductCategoryAuditEvent>());
audit.on('sceneAudit', (e) => expectTypeOf(e).toEqualTypeOf<SceneAuditEvent>());
audit.on('wxaMediaCheck', (e) => expectTypeOf(e).toEqualTypeOf<WxaMediaCheckEvent>());
audit.on('productSpuAudit', (e) => expectTypeOf(e).toEqualTypeOf<ProductSpuAuditEvent>());
audit.on('productCategoryAudit', (e) => expectTypeOf(e).toEqualTypeOf<ProductCategoryAuditEvent>());
audit.on('channelsEcBrand', (e) => expectTypeOf(e).toEqualTypeOf<ChannelsEcBrandEvent>());
audit.on('notifyThirdFasteregister', (e) => expectTypeOf(e).toEqualTypeOf<NotifyThirdFasteregisterEvent>());
audit.on('notifyApplyIcpfilingResult', (e) => expectTypeOf(e).toEqualTypeOf<NotifyApplyIcpfilingResultEvent>());
audit.on('notify3rdWxaAuthAndIcp', (e) => expectTypeOf(e).toEqualTypeOf<Notify3rdWxaAuthAndIcpEvent>());
audit.on('orderPathAuditResultNotify', (e) => expectTypeOf(e).toEqualTypeOf<OrderPathAuditResultNotifyEvent>());
audit.on('componentVerifyTicket', (e) => expectTypeOf(e).toEqualTypeOf<ComponentVerifyTicketEvent>());
audit.on('authorized', (e) => expectTypeOf(e).toEqualTypeOf<AuthorizedEvent>());
audit.on('updateauthorized', (e) => expectTypeOf(e).toEqualTypeOf<UpdateauthorizedEvent>());
audit.on('unauthorized', (e) => expectTypeOf(e).toEqualTypeOf<UnauthorizedEvent>());
audit.on('qualificationVerifySuccess', (e) => expectTypeOf(e).toEqualTypeOf<QualificationVerifySuccessEvent>());
audit.on('qualificationVerifyFail', (e) => expectTypeOf(e).toEqualTypeOf<QualificationVerifyFailEvent>());
audit.on('namingVerifySuccess', (e) => expectTypeOf(e).toEqualTypeOf<NamingVerifySuccessEvent>());
audit.on('namingVerifyFail', (e) => expectTypeOf(e).toEqualTypeOf<NamingVerifyFailEvent>());
audit.on('annualRenew', (e) => expectTypeOf(e).toEqualTypeOf<AnnualRenewEvent>());
audit.on('verifyExpired', (e) => expectTypeOf(e).toEqualTypeOf<VerifyExpiredEvent>());
audit.on('cardPassCheck', (e) => expectTypeOf(e).toEqualTypeOf<CardPassCheckEvent>());
audit.on('cardNotPassCheck', (e) => expectTypeOf(e).toEqualTypeOf<CardNotPassCheckEvent>());
audit.on('cardMerchantCheckResult', (e) => expectTypeOf(e).toEqualTypeOf<CardMerchantCheckResultEvent>());
audit.on('auditResult', (e) => expectTypeOf(e).toEqualTypeOf<AuditResultEvent>());
expectTypeOf<(typeof CATALOGUE)[number]['name']>().toEqualTypeOf<CatalogueEventName>();
expectTypeOf<(typeof AUDIT_RESULT_KINDS)[number]>().toEqualTypeOf<AuditResultKind>();

// The fields follow the value rules: envelope, wrapper flattened, camelCase, numbers, ids as strings, lists as arrays.
expectTypeOf<Pick<WeappAuditFailEvent, 'type' | 'id' | 'toUserName' | 'fromUserName' | 'createTime' | 'reason' | 'failTime' | 'screenShotList'>>().toEqualTypeOf<{ type: 'weappAuditFail'; id: string; toUserName: string; fromUserName: string; createTime: number; reason: string; failTime: number; screenShotList: string[] }>();
expectTypeOf<WeappAuditFailEvent['screenShot']>().toEqualTypeOf<string | undefined>();
expectTypeOf<WeappAuditSuccessEvent['succTime']>().toEqualTypeOf<number>();
expectTypeOf<Pick<WxaPrivacyApplyEvent, 'apiName' | 'applyTime' | 'auditId' | 'auditTime' | 'status'>>().toEqualTypeOf<{ apiName: string; applyTime: number; auditId: string; auditTime: number; status: number }>();
expectTypeOf<WxaAppealRecordEvent['material'][number]['appealMaterial']>().toEqualTypeOf<{ reason?: string; proofMaterialId: string[] } | undefined>();
expectTypeOf<Pick<OpenProductSpuAuditEvent, 'outProductId' | 'productId' | 'status'>>().toEqualTypeOf<{ outProductId: string; productId: string; status: number }>();
expectTypeOf<OpenProductSpuAuditEvent['rejectReason']>().toEqualTypeOf<string | undefined>();
expectTypeOf<OpenProductBrandAuditEvent['brandId']>().toEqualTypeOf<string | undefined>();
expectTypeOf<Pick<WxaMediaCheckEvent, 'appid' | 'traceId' | 'version' | 'detail'>>().toEqualTypeOf<{ appid: string; traceId: string; version: number; detail: Array<{ strategy: string; errcode: number; suggest?: string; label?: number; prob?: number; keyword?: string }> }>();
expectTypeOf<WxaMediaCheckEvent['result']>().toEqualTypeOf<{ suggest: string; label: number } | undefined>();
expectTypeOf<WxaMediaCheckEvent['extraInfoJsonParsed']>().toEqualTypeOf<unknown>();
expectTypeOf<Pick<ProductSpuAuditEvent, 'productId' | 'status'>>().toEqualTypeOf<{ productId: string; status: number }>();
expectTypeOf<ProductSpuAuditEvent['auditInfoParsed']>().toEqualTypeOf<unknown>();
expectTypeOf<ChannelsEcBrandEvent['auditId']>().toEqualTypeOf<string | undefined>();
expectTypeOf<Pick<NotifyThirdFasteregisterEvent, 'appId' | 'createTime' | 'status'>>().toEqualTypeOf<{ appId: string; createTime: number; status: number }>();
expectTypeOf<NotifyThirdFasteregisterEvent['info']['codeType']>().toEqualTypeOf<number | undefined>();
expectTypeOf<NotifyThirdFasteregisterEvent['info']['componentPhone']>().toEqualTypeOf<string | undefined>();
expectTypeOf<Pick<OrderPathAuditResultNotifyEvent['list'][number], 'appid' | 'auditId'>>().toEqualTypeOf<{ appid: string; auditId: string }>();
expectTypeOf<OrderPathAuditResultNotifyEvent['list'][number]['status']>().toEqualTypeOf<number | undefined>();
expectTypeOf<Pick<AuthorizedEvent, 'appId' | 'authorizerAppid' | 'authorizationCode' | 'authorizationCodeExpiredTime'>>().toEqualTypeOf<{ appId: string; authorizerAppid: string; authorizationCode: string; authorizationCodeExpiredTime: number }>();
expectTypeOf<Pick<CardMerchantCheckResultEvent, 'merchantId' | 'isPass'>>().toEqualTypeOf<{ merchantId: string; isPass: number }>();
expectTypeOf<Pick<Notify3rdWxaAuthAndIcpEvent, 'procedureId' | 'procedureStatus'>>().toEqualTypeOf<{ procedureId: string; procedureStatus: number }>();
expectTypeOf<Pick<AuditResultEvent, 'type' | 'id' | 'kind' | 'outcome'>>().toEqualTypeOf<{ type: 'auditResult'; id: string; kind: AuditResultKind; outcome: AuditOutcome }>();
expectTypeOf<AuditOutcome>().toEqualTypeOf<'approved' | 'rejected' | 'pending' | 'cancelled' | 'other'>();
// InfoType pushes have no sender; Event pushes have no AppId.
// @ts-expect-error an InfoType push has no fromUserName
expectTypeOf<AuthorizedEvent['fromUserName']>();
// @ts-expect-error an Event push has no appId
expectTypeOf<WeappAuditFailEvent['appId']>();
// @ts-expect-error wire names are not typed fields
expectTypeOf<WeappAuditFailEvent['FailTime']>();
// @ts-expect-error lifecycle events are not auditResult kinds
expectTypeOf<'componentVerifyTicket'>().toExtend<AuditResultKind>();

// Wrong names do not compile.
// @ts-expect-error the wire name is not the event name
audit.on('weapp_audit_fail', () => undefined);
// @ts-expect-error 'weappAuditFailed' is not an event
audit.on('weappAuditFailed', () => undefined);
// @ts-expect-error 'openProductSceneGroupAudit' is sceneAudit
audit.on('openProductSceneGroupAudit', () => undefined);
// @ts-expect-error 'notifyThirdFastRegister' is spelt as WeChat spells it: notifyThirdFasteregister
audit.once('notifyThirdFastRegister', () => undefined);
// @ts-expect-error a listener of another event
audit.on('weappAuditFail', (e: WeappAuditSuccessEvent) => e.succTime);

// defineEvent: `audit.on(name, …)` is typed from the schema's output, zod 4 and valibot alike.
const illegalRecord = defineEvent({
  name: 'wxaIllegalRecord',
  wire: { event: 'wxa_illegal_record' },
  schema: z.object({ illegal_record_id: z.string(), CreateTime: z.coerce.number() }).transform((m) => ({ illegalRecordId: m.illegal_record_id, createTime: m.CreateTime })),
  id: (raw) => String(raw.illegal_record_id),
});
const dramaAudit = defineEvent({
  name: 'secvodAudit',
  wire: { event: 'secvod_audit_event' },
  schema: v.object({ drama_id: v.string(), audit_detail: v.optional(v.string()) }),
});
const custom = createWxAudit({ token: 't', events: [illegalRecord, dramaAudit] });
custom.on('wxaIllegalRecord', (e) => {
  expectTypeOf(e.illegalRecordId).toEqualTypeOf<string>();
  expectTypeOf(e.createTime).toEqualTypeOf<number>();
  expectTypeOf(e.type).toEqualTypeOf<'wxaIllegalRecord'>();
  expectTypeOf(e.id).toEqualTypeOf<string>();
  // @ts-expect-error the schema's input names are not the event's
  void e.illegal_record_id;
});
custom.on('secvodAudit', (e) => {
  expectTypeOf(e.drama_id).toEqualTypeOf<string>();
  expectTypeOf(e.audit_detail).toEqualTypeOf<string | undefined>();
});
// The catalogue's events stay typed beside the user's own.
custom.on('weappAuditFail', (e) => expectTypeOf(e).toEqualTypeOf<WeappAuditFailEvent>());
// @ts-expect-error a user's event name misspelt
custom.on('wxaIllegalRecords', () => undefined);
// @ts-expect-error an audit without `events` does not know the user's names
audit.on('wxaIllegalRecord', () => undefined);
// @ts-expect-error a schema is required to be a Standard Schema
defineEvent({ name: 'x', wire: { event: 'x' }, schema: { parse: () => 1 } });
export const asPlain: WxAudit = custom;
