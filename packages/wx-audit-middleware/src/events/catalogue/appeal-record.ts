import { verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { wxArray, wxNumber, wxObject, wxOptionalNumber, wxText } from '../wire-fields.js';
import { THIRD_PARTY_MESSAGE } from './channels.js';

const appealStatus = defineStatuses({
  IN_PROGRESS: { value: 1, zh: '处理中', en: 'in progress', outcome: 'pending' },
  UPHELD: { value: 2, zh: '申诉通过', en: 'appeal upheld', outcome: 'approved' },
  DISMISSED: { value: 3, zh: '申诉不通过', en: 'appeal dismissed', outcome: 'rejected' },
  WITHDRAWN: { value: 4, zh: '已撤销', en: 'withdrawn', outcome: 'cancelled' },
});
export const WXA_APPEAL_STATUS = appealStatus.values;
export const WXA_APPEAL_STATUS_TEXT = appealStatus.text;

const appealFrom = defineStatuses({
  USER: { value: 0, zh: '用户', en: 'user' },
  SERVICE_PROVIDER: { value: 1, zh: '服务商', en: 'service provider' },
});
export const WXA_APPEAL_FROM = appealFrom.values;
export const WXA_APPEAL_FROM_TEXT = appealFrom.text;

/** Both lists (`material`, `proof_material_id`) repeat without a wrapper: one element is still an array. */
const material = wxObject({
  illegal_material: wxObject({ content: wxText.optional(), content_url: wxText.optional() }).optional(),
  appeal_material: wxObject({ reason: wxText.optional(), proof_material_id: wxArray(wxText) }).optional(),
});

/** An appeal against a penalty, filed or moved on (CATALOGUE §2.5). `auditTime`/`auditReason` are absent while in progress and once withdrawn. */
export const wxaAppealRecord = catalogueEvent({
  name: 'wxaAppealRecord',
  wire: { event: 'wxa_appeal_record' },
  ...THIRD_PARTY_MESSAGE,
  payload: {
    appeal_record_id: wxText,
    appid: wxText,
    appeal_time: wxNumber,
    appeal_count: wxNumber,
    appeal_from: wxNumber,
    appeal_status: wxNumber,
    audit_time: wxOptionalNumber,
    audit_reason: wxText.optional(),
    punish_description: wxText,
    material: wxArray(material),
  },
  keys: (e) => [e.appealRecordId, e.appealStatus],
  auditResult: (e) => verdict(appealStatus.outcomeOf(e.appealStatus), e.appealRecordId, e.auditReason),
});
