import { aggregateOutcome, verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { wxArray, wxInteger, wxObject, wxText } from '../wire-fields.js';
import { MINI_PROGRAM_OR_PLATFORM } from './channels.js';

export const SCENE_AUDIT_EVENT = 'open_product_scene_group_audit';

/** `scene_group_ext_list[].ext_id`: which audit item. */
const extId = defineStatuses({
  CUSTOMER_SERVICE: { value: 1, zh: '客服售后', en: 'customer service and after-sales' },
  ECOMMERCE_PLATFORM: { value: 2, zh: '电商平台', en: 'e-commerce platform' },
});
export const SCENE_EXT_ID = extId.values;
export const SCENE_EXT_ID_TEXT = extId.text;

/** `scene_group_ext_list[].status`, and what each says as an outcome: 3 (not audited) is neither. */
const itemStatus = defineStatuses({
  IN_AUDIT: { value: 0, zh: '审核中', en: 'in audit', outcome: 'pending' },
  PASSED: { value: 1, zh: '审核成功', en: 'passed', outcome: 'approved' },
  FAILED: { value: 2, zh: '审核失败', en: 'failed', outcome: 'rejected' },
  NOT_AUDITED: { value: 3, zh: '未审核', en: 'not audited' },
});
export const SCENE_AUDIT_STATUS = itemStatus.values;
export const SCENE_AUDIT_STATUS_TEXT = itemStatus.text;

/**
 * The seed push (`Event=open_product_scene_group_audit`), defined like the rest of the catalogue. Its fields
 * were fixed before the catalogue's value rules: `groupId`, `extId` and `status` are integers (wxInteger),
 * and it keeps its API name rather than the camelCase of its Event. The catalogue's text rule holds: JSON
 * pushes send `{}` for an empty reason or name, which is `''`.
 */
export const sceneAudit = catalogueEvent({
  name: 'sceneAudit',
  wire: { event: SCENE_AUDIT_EVENT },
  ...MINI_PROGRAM_OR_PLATFORM,
  wrapper: 'SceneGroupAudit',
  payload: {
    group_id: wxInteger,
    reason: wxText,
    name: wxText,
    scene_group_ext_list: wxArray(wxObject({ ext_id: wxInteger, status: wxInteger, name: wxText })),
  },
  keys: (e) => [e.groupId],
  auditResult: (e) => verdict(aggregateOutcome(e.sceneGroupExtList.map((item) => itemStatus.outcomeOf(item.status))), e.groupId, e.reason),
});

/** The wire shape of `Event=open_product_scene_group_audit`, transformed to the event's typed fields. */
export const sceneAuditFieldsSchema = sceneAudit.schema;

export type SceneAuditFields = NonNullable<(typeof sceneAudit)['~fields']>;
