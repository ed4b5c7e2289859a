import type { Faker } from '@faker-js/faker';
import { MEDIA_CHECK_ISRISKY, MEDIA_CHECK_LABEL, MEDIA_CHECK_SUGGEST } from '@x/wx-audit-middleware';
import { RISK_LABELS } from './audit-content.js';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { appId, ghId, openid, traceId, unixSeconds } from './content.js';

/** The asynchronous media check's result (`wxa/media_check_async`), to the Mini Program's own push URL. */

type Draft = CatalogueDraft<'wxaMediaCheck'>;
type Detail = Draft['detail'][number];
type Suggest = (typeof MEDIA_CHECK_SUGGEST)[keyof typeof MEDIA_CHECK_SUGGEST];

const KEYWORDS = ['代开发票', '兼职刷单', '高额返利', '私彩'];
/** Worst first: the result's suggest is the worst of its strategies'. */
const SEVERITY: readonly Suggest[] = [MEDIA_CHECK_SUGGEST.RISKY, MEDIA_CHECK_SUGGEST.REVIEW, MEDIA_CHECK_SUGGEST.PASS];

const envelope = (f: Faker) => ({ toUserName: ghId(f), fromUserName: openid(f), createTime: unixSeconds(f), appid: appId(f), traceId: traceId(f) });

function detail(f: Faker, strategy: 'content_model' | 'keyword', suggest: Suggest): Detail {
  const label = suggest === MEDIA_CHECK_SUGGEST.PASS ? MEDIA_CHECK_LABEL.NORMAL : f.helpers.arrayElement(RISK_LABELS);
  if (strategy === 'keyword') {
    return { strategy, errcode: 0, suggest, label, ...(suggest === MEDIA_CHECK_SUGGEST.PASS ? {} : { keyword: f.helpers.arrayElement(KEYWORDS) }) };
  }
  return { strategy, errcode: 0, suggest, label, prob: suggest === MEDIA_CHECK_SUGGEST.PASS ? 90 : f.number.int({ min: 60, max: 99 }) };
}

function v2(f: Faker, strategies: ReadonlyArray<'content_model' | 'keyword'>): Draft {
  const suggest = f.helpers.weightedArrayElement<Suggest>([
    { weight: 6, value: MEDIA_CHECK_SUGGEST.PASS },
    { weight: 3, value: MEDIA_CHECK_SUGGEST.RISKY },
    { weight: 1, value: MEDIA_CHECK_SUGGEST.REVIEW },
  ]);
  // The first strategy decides; the others agree or pass.
  const items = strategies.map((strategy, i) => detail(f, strategy, i === 0 ? suggest : f.helpers.arrayElement([suggest, MEDIA_CHECK_SUGGEST.PASS])));
  const worst = SEVERITY.find((s) => items.some((item) => item.suggest === s)) ?? suggest;
  const label = items.find((item) => item.suggest === worst)?.label ?? MEDIA_CHECK_LABEL.NORMAL;
  return { type: 'wxaMediaCheck', ...envelope(f), version: 2, detail: items, result: { suggest: worst, label } };
}

/** v2 (`result` and `detail[]`, version 2), one or two strategies. */
export function wxaMediaCheckV2(f: Faker): Draft {
  return v2(f, f.helpers.arrayElement<ReadonlyArray<'content_model' | 'keyword'>>([['content_model'], ['content_model', 'keyword']]));
}

/**
 * v1, which stopped changing in 2021 and still arrives: `isrisky`, `extra_info_json`, `status_code`, no
 * `version` (the event says 1) and no `detail`. Now and then the media URL could not be downloaded
 * (status_code 4294966288, that is -1008).
 */
export function wxaMediaCheckV1(f: Faker): Draft {
  const unreachable = f.datatype.boolean({ probability: 0.1 });
  return {
    type: 'wxaMediaCheck',
    ...envelope(f),
    isrisky: unreachable ? MEDIA_CHECK_ISRISKY.NO_RISK : f.helpers.arrayElement(Object.values(MEDIA_CHECK_ISRISKY)),
    extraInfoJson: f.helpers.arrayElement(['', '{}']),
    statusCode: unreachable ? 4294966288 : 0,
    detail: [],
  };
}

const V2_FIELDS = ['result', 'detail'] as const;
const V1_FIELDS = ['isrisky', 'extraInfoJson', 'statusCode'] as const;

/** The version the overrides' fields belong to, when they name one: a partial `result` only completes a v2 draw. */
function versionOf(overrides: unknown): 1 | 2 | undefined {
  if (overrides === null || typeof overrides !== 'object') return undefined;
  const o = overrides as Record<string, unknown>;
  if (o.version === 1 || V1_FIELDS.some((key) => o[key] !== undefined)) return 1;
  if (typeof o.version === 'number' || V2_FIELDS.some((key) => o[key] !== undefined)) return 2;
  return undefined;
}

/** v2 three times in four, v1 otherwise; the version whose fields the overrides name, when they name one. */
export function wxaMediaCheck(f: Faker, overrides?: unknown): Draft {
  const version = versionOf(overrides) ?? (f.datatype.boolean({ probability: 0.75 }) ? 2 : 1);
  return version === 2 ? wxaMediaCheckV2(f) : wxaMediaCheckV1(f);
}

/** v2 with exactly one `detail` item: in XML one element, in JSON an array of one. */
export function wxaMediaCheckSingleDetail(f: Faker): Draft {
  return v2(f, ['content_model']);
}

/** v2 without any `detail`: absent on the wire, `[]` in the event. */
export function wxaMediaCheckNoDetail(f: Faker): Draft {
  return { ...v2(f, ['content_model']), detail: [] };
}
