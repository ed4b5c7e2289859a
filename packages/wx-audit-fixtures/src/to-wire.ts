import { auditStatusFieldsSchema, infoUpdateAuditFieldsSchema, sceneAuditFieldsSchema, type AuditStatusData } from '@x/wx-audit-middleware';
import { catalogueToWire, type WireMessage } from './catalogue-to-wire.js';
import { checkWire } from './fixture-invalid-error.js';
import type { AuditStatusFixture, InfoUpdateAuditFixture, SceneAuditFixture } from './fixture-types.js';

export type { WireMessage } from './catalogue-to-wire.js';

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

/**
 * A scene audit fixture as WeChat sends it (`open_product_scene_group_audit`): `SceneGroupAudit.scene_group_ext_list[]`,
 * field order as WeChat's. The catalogue's generic builder, from the event's layout (the golden files pin its output).
 */
export function sceneAuditToWire(msg: SceneAuditFixture): WireMessage {
  return catalogueToWire(msg);
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

/** A path in WeChat's snake_case or PascalCase field names in the fixtures' camelCase: `pay_audit_detail.param_name` → `payAuditDetail.paramName`. */
export function camelPath(wirePath: string): string {
  return wirePath
    .split('.')
    .map((part) => part.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase()))
    .join('.');
}

export { FixtureInvalidError, type FixtureIssue } from './fixture-invalid-error.js';

const check = (what: string, schema: Parameters<typeof checkWire>[1], wire: unknown): void => void checkWire(what, schema, wire);

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
