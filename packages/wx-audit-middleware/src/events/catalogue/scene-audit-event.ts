import { aggregateOutcome, verdict } from '../audit-result.js';
import type { CatalogueEvent } from '../catalogue-event.js';
import { WxAuditError } from '../../errors.js';
import { describeIssues } from '../issues.js';
import { SCENE_AUDIT_EVENT, sceneAuditFieldsSchema, type SceneAuditFields } from '../scene-audit.js';
import { defineStatuses } from '../statuses.js';
import { MINI_PROGRAM_OR_PLATFORM } from './channels.js';

/** `scene_group_ext_list[].status` as an outcome: 3 (not audited) is neither. Labels: SCENE_AUDIT_STATUS_TEXT. */
const itemStatus = defineStatuses({
  IN_AUDIT: { value: 0, zh: '审核中', en: 'in audit', outcome: 'pending' },
  PASSED: { value: 1, zh: '审核成功', en: 'passed', outcome: 'approved' },
  FAILED: { value: 2, zh: '审核失败', en: 'failed', outcome: 'rejected' },
  NOT_AUDITED: { value: 3, zh: '未审核', en: 'not audited' },
});
export const SCENE_AUDIT_STATUS_TEXT = itemStatus.text;

const extId = defineStatuses({
  CUSTOMER_SERVICE: { value: 1, zh: '客服售后', en: 'customer service and after-sales' },
  ECOMMERCE_PLATFORM: { value: 2, zh: '电商平台', en: 'e-commerce platform' },
});
export const SCENE_EXT_ID_TEXT = extId.text;

const number = { kind: 'number' } as const;
const text = { kind: 'text' } as const;

/**
 * The seed push, in the catalogue like the others. Its fields were fixed before the catalogue's rules
 * (`groupId` is a number), so its schema is its own (scene-audit.ts) and its layout is written here.
 */
export const sceneAudit: CatalogueEvent<'sceneAudit', SceneAuditFields> = {
  name: 'sceneAudit',
  wire: { event: SCENE_AUDIT_EVENT },
  ...MINI_PROGRAM_OR_PLATFORM,
  wrapper: 'SceneGroupAudit',
  layout: [
    { wire: 'group_id', name: 'groupId', optional: false, node: number },
    { wire: 'reason', name: 'reason', optional: false, node: text },
    { wire: 'name', name: 'name', optional: false, node: text },
    {
      wire: 'scene_group_ext_list',
      name: 'sceneGroupExtList',
      optional: false,
      node: {
        kind: 'list',
        item: {
          kind: 'object',
          fields: [
            { wire: 'ext_id', name: 'extId', optional: false, node: number },
            { wire: 'status', name: 'status', optional: false, node: number },
            { wire: 'name', name: 'name', optional: false, node: text },
          ],
        },
      },
    },
  ],
  schema: sceneAuditFieldsSchema,
  parse(raw) {
    const parsed = sceneAuditFieldsSchema.safeParse(raw);
    if (!parsed.success) throw new WxAuditError('SCHEMA_INVALID', `The scene audit push does not match its schema: ${describeIssues(parsed.error)}.`);
    return parsed.data;
  },
  idKeys: (e) => [e.groupId],
  auditResult: (e) => verdict(aggregateOutcome(e.sceneGroupExtList.map((item) => itemStatus.outcomeOf(item.status))), e.groupId, e.reason),
};
