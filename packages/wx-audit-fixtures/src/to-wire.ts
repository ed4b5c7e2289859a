import { SCENE_AUDIT_EVENT, auditStatusFieldsSchema, infoUpdateAuditFieldsSchema, sceneAuditFieldsSchema, type AuditStatusData } from '@x/wx-audit-middleware';
import type { XmlInputObject } from '@x/wx-audit-middleware/wire';
import type { AuditStatusFixture, InfoUpdateAuditFixture, SceneAuditFixture } from './fixture-types.js';

/** A push in WeChat's own field names, ready for `buildXml` or `JSON.stringify`. */
export type WireMessage = XmlInputObject;

/** The body of an info-update audit result notification, WeChat Pay's field names. */
export interface InfoUpdateAuditWire {
  out_request_no: string;
  mchid: string;
  audit_result: 'PASS' | 'REJECT';
  audit_finish_time?: string;
  attach_info?: string;
  fail_code?: string;
  fail_msg?: string;
}

/** Drops keys whose value is undefined, so that wire documents never carry them. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A scene audit fixture as WeChat sends it (`open_product_scene_group_audit`): `SceneGroupAudit.scene_group_ext_list[]`, field order as WeChat's. */
export function sceneAuditToWire(msg: SceneAuditFixture): WireMessage {
  return {
    ToUserName: msg.toUserName,
    FromUserName: msg.fromUserName,
    CreateTime: msg.createTime,
    MsgType: 'event',
    Event: SCENE_AUDIT_EVENT,
    SceneGroupAudit: {
      group_id: msg.groupId,
      reason: msg.reason,
      name: msg.name,
      scene_group_ext_list: msg.sceneGroupExtList.map((item) => ({ ext_id: item.extId, status: item.status, name: item.name })),
    },
  };
}

/** An info-update fixture as the notification's JSON body, field order as in WeChat Pay's example. */
export function infoUpdateAuditToWire(msg: InfoUpdateAuditFixture): InfoUpdateAuditWire {
  return defined({
    out_request_no: msg.outRequestNo,
    mchid: msg.mchid,
    audit_result: msg.auditResult,
    audit_finish_time: msg.auditFinishTime,
    attach_info: msg.attachInfo,
    fail_code: msg.failCode,
    fail_msg: msg.failMsg,
  });
}

/** An audit status fixture as check_audit_status's `data`. */
export function auditStatusToWire(status: AuditStatusFixture): AuditStatusData {
  return defined({
    register_status: status.registerStatus,
    merchant_info_status: status.merchantInfoStatus,
    acct_verify_status: status.acctVerifyStatus,
    basic_info_status: status.basicInfoStatus,
    pay_sign_status: status.paySignStatus,
    audit_reject_reasons: status.auditRejectReasons,
    legal_validation_url: status.legalValidationUrl,
    pay_audit_detail: status.payAuditDetail && { param_name: status.payAuditDetail.paramName, reject_reason: status.payAuditDetail.rejectReason },
    registered_appid: status.registeredAppid,
    sign_url: status.signUrl,
  });
}

interface SafeParser {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/** A path in WeChat's snake_case or PascalCase field names in the fixtures' camelCase: `pay_audit_detail.param_name` → `payAuditDetail.paramName`. */
export function camelPath(wirePath: string): string {
  return wirePath
    .split('.')
    .map((part) => part.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase()))
    .join('.');
}

/** One problem of an invalid fixture: the path in WeChat's field names, and what is wrong there. */
export interface FixtureIssue {
  path: string;
  message: string;
}

/** The TypeError of a fixture the middleware would refuse; `issues` let a caller name the fields its own way (the CLI: `--set` fields). */
export class FixtureInvalidError extends TypeError {
  constructor(
    readonly what: string,
    readonly issues: readonly FixtureIssue[],
  ) {
    const list = issues.map((issue) => `${issue.path || '(message)'}: ${issue.message}`).join('; ');
    super(`${what} is not valid (checked against the middleware's schema, wire field names): ${list}.`);
  }
}

function check(what: string, schema: SafeParser, wire: unknown): void {
  const result = schema.safeParse(wire);
  if (result.success) return;
  const issues = result.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  throw new FixtureInvalidError(what, issues);
}

/** Throws a TypeError naming the bad fields when a fixture would not pass the middleware's own schema. */
export function assertValidSceneAudit(msg: SceneAuditFixture): void {
  if (msg.type !== 'sceneAudit') throw new TypeError(`Expected a sceneAudit fixture, got type "${String(msg.type)}".`);
  check('The sceneAudit fixture', sceneAuditFieldsSchema, sceneAuditToWire(msg));
}

export function assertValidInfoUpdateAudit(msg: InfoUpdateAuditFixture): void {
  if (msg.type !== 'infoUpdateAudit') throw new TypeError(`Expected an infoUpdateAudit fixture, got type "${String(msg.type)}".`);
  check('The infoUpdateAudit fixture', infoUpdateAuditFieldsSchema, infoUpdateAuditToWire(msg));
}

export function assertValidAuditStatus(status: AuditStatusFixture): void {
  if (status.type !== 'auditStatus') throw new TypeError(`Expected an auditStatus fixture, got type "${String(status.type)}".`);
  check('The auditStatus fixture', auditStatusFieldsSchema, auditStatusToWire(status));
}
