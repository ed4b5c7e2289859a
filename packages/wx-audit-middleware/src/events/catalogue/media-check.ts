import { verdict, type AuditVerdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { parseJsonText } from './json-text.js';
import { wxArray, wxNumber, wxObject, wxOptionalNumber, wxOptionalObject, wxText } from '../wire-fields.js';
import { MINI_PROGRAM } from './channels.js';

/** `suggest` of `result` and `detail[]` (msgSecCheck's, which the push page points to). */
const suggest = defineStatuses({
  RISKY: { value: 'risky', zh: '违规', en: 'risky', outcome: 'rejected' },
  PASS: { value: 'pass', zh: '通过', en: 'pass', outcome: 'approved' },
  REVIEW: { value: 'review', zh: '疑似,建议人工复核', en: 'needs human review' },
});
export const MEDIA_CHECK_SUGGEST = suggest.values;
export const MEDIA_CHECK_SUGGEST_TEXT = suggest.text;

const label = defineStatuses({
  NORMAL: { value: 100, zh: '正常', en: 'normal' },
  ADVERTISING: { value: 10001, zh: '广告', en: 'advertising' },
  POLITICS: { value: 20001, zh: '时政', en: 'politics' },
  PORNOGRAPHY: { value: 20002, zh: '色情', en: 'pornography' },
  ABUSE: { value: 20003, zh: '辱骂', en: 'abuse' },
  ILLEGAL: { value: 20006, zh: '违法犯罪', en: 'illegal' },
  FRAUD: { value: 20008, zh: '欺诈', en: 'fraud' },
  VULGAR: { value: 20012, zh: '低俗', en: 'vulgar' },
  COPYRIGHT: { value: 20013, zh: '版权', en: 'copyright' },
  OTHER: { value: 21000, zh: '其他', en: 'other' },
});
export const MEDIA_CHECK_LABEL = label.values;
export const MEDIA_CHECK_LABEL_TEXT = label.text;

const isrisky = defineStatuses({
  NO_RISK: { value: 0, zh: '暂未检测到风险', en: 'no risk detected', outcome: 'approved' },
  RISKY: { value: 1, zh: '风险', en: 'risky', outcome: 'rejected' },
});
export const MEDIA_CHECK_ISRISKY = isrisky.values;
export const MEDIA_CHECK_ISRISKY_TEXT = isrisky.text;

/**
 * Result of `wxa/media_check_async` (CATALOGUE §4.1), v1 and v2 under one event. `version` is 1 when
 * absent (v1 pushes carry none). The push does not echo the media URL: match by `traceId`.
 */
export const wxaMediaCheck = catalogueEvent({
  name: 'wxaMediaCheck',
  wire: { event: 'wxa_media_check' },
  ...MINI_PROGRAM,
  payload: {
    appid: wxText,
    trace_id: wxText,
    version: wxOptionalNumber,
    isrisky: wxOptionalNumber,
    extra_info_json: wxText.optional(),
    status_code: wxOptionalNumber,
    result: wxOptionalObject({ suggest: wxText, label: wxNumber }),
    detail: wxArray(
      wxObject({
        strategy: wxText,
        errcode: wxNumber,
        suggest: wxText.optional(),
        label: wxOptionalNumber,
        prob: wxOptionalNumber,
        keyword: wxText.optional(),
      }),
    ),
  },
  derive: (p) => ({ version: p.version ?? 1, ...parseJsonText('extraInfoJsonParsed', p.extraInfoJson) }),
  keys: (e) => [e.traceId],
  auditResult: (e) => verdict(mediaCheckOutcome(e), e.traceId),
});

function mediaCheckOutcome(e: { result?: { suggest: string }; statusCode?: number; isrisky?: number }): AuditVerdict['outcome'] {
  if (e.result) return suggest.outcomeOf(e.result.suggest);
  if (e.statusCode !== undefined && e.statusCode !== 0) return 'other';
  return e.isrisky === undefined ? 'other' : isrisky.outcomeOf(e.isrisky);
}
