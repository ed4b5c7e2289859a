// The auditResult mapping tables: every documented status value of every audit event → its outcome,
// by the definition's own parse and auditResult (from the wire as JSON and as XML text), and
// a few through HTTP. The values and outcomes are written here from WeChat's docs, not read from the code.
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { AUDIT_RESULT_KINDS, CATALOGUE, type EventDefinition, type RawMessage } from '../../src/index.js';
import type { XmlInput } from '../../src/wire/index.js';
import { flavors } from '../helpers/apps.js';
import { xmlRaw } from './expected-dispatch.js';
import type { Outcome } from './expected-events.js';
import { accepted, freshWire, receiverPool } from './receiver.js';
import { example, type Channel } from './wire-examples.js';
import { withField, withFields } from './wire-patch.js';

type Case = [label: string, outcome: Outcome, patch: Record<string, XmlInput>];

const values = (path: string, pairs: ReadonlyArray<readonly [XmlInput, Outcome]>): Case[] => pairs.map(([value, outcome]) => [`${path} ${String(value)}`, outcome, { [path]: value }]);
const always = (outcome: Outcome): Case[] => [['(no status)', outcome, {}]];
/** A list of items with these statuses, and the one outcome it reports: rejected if any item is, else pending if any is, else approved if all are (at least one), else other. */
const items = (path: string, make: (status: number, i: number) => Record<string, XmlInput>, lists: ReadonlyArray<readonly [number[], Outcome]>): Case[] =>
  lists.map(([statuses, outcome]) => [`statuses [${statuses.join(',')}]`, outcome, { [path]: statuses.map(make) }]);

/** A v1 media check: no version, result or detail. */
const V1 = { version: undefined, result: undefined, detail: undefined };

const TABLE: Readonly<Record<(typeof AUDIT_RESULT_KINDS)[number], Case[]>> = {
  weappAuditSuccess: always('approved'),
  weappAuditFail: always('rejected'),
  weappAuditDelay: always('pending'),
  wxaNicknameAudit: values('ret', [[2, 'rejected'], [3, 'approved'], [1, 'other']]),
  wxaCategoryAudit: values('ret', [[2, 'rejected'], [3, 'approved'], [1, 'other']]),
  wxaPrivacyApply: values('result_info.status', [[2, 'rejected'], [3, 'approved'], [1, 'other'], [5, 'other']]),
  wxaAppealRecord: values('appeal_status', [[1, 'pending'], [2, 'approved'], [3, 'rejected'], [4, 'cancelled'], [0, 'other']]),
  openProductSpuAudit: values('OpenProductSpuAudit.status', [[3, 'rejected'], [4, 'approved'], [13, 'other']]),
  openProductBrandAudit: values('QualificationAuditResult.status', [[1, 'approved'], [9, 'rejected'], [0, 'other']]),
  openProductCategoryAudit: values('QualificationAuditResult.status', [[1, 'approved'], [9, 'rejected'], [2, 'other']]),
  sceneAudit: items('SceneGroupAudit.scene_group_ext_list', (status, i) => ({ ext_id: i + 1, status, name: `场景${i}` }), [
    [[], 'other'],
    [[0], 'pending'],
    [[1], 'approved'],
    [[2], 'rejected'],
    [[3], 'other'],
    [[1, 1], 'approved'],
    [[1, 0], 'pending'],
    [[0, 2], 'rejected'],
    [[1, 2], 'rejected'],
    [[1, 3], 'other'],
  ]),
  wxaMediaCheck: [
    ...values('result.suggest', [['pass', 'approved'], ['risky', 'rejected'], ['review', 'other']]),
    ['v1 isrisky 0', 'approved', { ...V1, isrisky: 0 }],
    ['v1 isrisky 1', 'rejected', { ...V1, isrisky: 1 }],
    ['v1 isrisky 1, status_code 4294966288', 'other', { ...V1, isrisky: 1, status_code: 4294966288 }],
    ['v1 isrisky 0, status_code 0', 'approved', { ...V1, isrisky: 0, status_code: 0 }],
    ['v1 without isrisky', 'other', V1],
  ],
  productSpuAudit: values('ProductSpuAudit.status', [[2, 'rejected'], [3, 'approved'], [4, 'cancelled'], [0, 'other']]),
  productCategoryAudit: values('ProductCategoryAudit.status', [[1, 'pending'], [2, 'rejected'], [3, 'approved'], [12, 'cancelled'], [4, 'other']]),
  channelsEcBrand: values('BrandEvent.status', [[1, 'pending'], [2, 'pending'], [3, 'cancelled'], [4, 'approved'], [5, 'rejected'], [6, 'other'], [7, 'other'], [8, 'other']]),
  notifyThirdFasteregister: values('status', [[0, 'approved'], [89249, 'rejected'], [89250, 'rejected'], [89251, 'rejected'], [89252, 'rejected'], [61070, 'rejected'], [-1, 'rejected']]),
  notifyApplyIcpfilingResult: values('beian_status', [[2, 'pending'], [3, 'rejected'], [4, 'pending'], [5, 'rejected'], [6, 'approved'], [1024, 'other']]),
  notify3rdWxaAuthAndIcp: values('procedure_status', [
    ...[9, 15, 16, 17, 19, 22, 24].map((v) => [v, 'pending'] as const),
    ...[18, 20, 21, 23, 25].map((v) => [v, 'rejected'] as const),
    [26, 'approved'],
    [28, 'cancelled'],
    [29, 'cancelled'],
    [27, 'other'],
  ]),
  orderPathAuditResultNotify: items('list', (status, i) => ({ appid: `wx7ac3e1b5d9f2046${i}`, audit_id: 2000 + i, status }), [
    [[], 'other'],
    [[2], 'pending'],
    [[3], 'rejected'],
    [[4], 'approved'],
    [[5], 'other'],
    [[4, 4], 'approved'],
    [[4, 2], 'pending'],
    [[4, 3], 'rejected'],
    [[2, 3, 4], 'rejected'],
  ]),
  qualificationVerifySuccess: always('approved'),
  qualificationVerifyFail: always('rejected'),
  namingVerifySuccess: always('approved'),
  namingVerifyFail: always('rejected'),
  cardPassCheck: always('approved'),
  cardNotPassCheck: always('rejected'),
  cardMerchantCheckResult: values('IsPass', [[1, 'approved'], [0, 'rejected'], [2, 'other']]),
};

/** The exported enumerations, with WeChat's documented values; each also has a `_TEXT` map with a label per value. */
const ENUMS: Record<string, Array<number | string>> = {
  WXA_NICKNAME_AUDIT_RET: [2, 3],
  WXA_CATEGORY_AUDIT_RET: [2, 3],
  WXA_PRIVACY_APPLY_STATUS: [2, 3],
  WXA_APPEAL_STATUS: [1, 2, 3, 4],
  WXA_APPEAL_FROM: [0, 1],
  OPEN_PRODUCT_SPU_AUDIT_STATUS: [3, 4],
  OPEN_PRODUCT_SPU_STATUS: [5, 13],
  OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS: [1, 9],
  MEDIA_CHECK_SUGGEST: ['risky', 'pass', 'review'],
  MEDIA_CHECK_LABEL: [100, 10001, 20001, 20002, 20003, 20006, 20008, 20012, 20013, 21000],
  PRODUCT_SPU_AUDIT_STATUS: [2, 3, 4],
  PRODUCT_TYPE: [1, 4, 5],
  PRODUCT_CATEGORY_AUDIT_STATUS: [1, 2, 3, 12],
  CHANNELS_EC_BRAND_STATUS: [1, 2, 3, 4, 5, 6, 7, 8],
  FAST_REGISTER_STATUS: [0],
  FAST_REGISTER_CODE_TYPE: [1, 2, 3],
  ICP_FILING_STATUS: [2, 3, 4, 5, 6, 1024],
  AUTH_AND_ICP_PROCEDURE_STATUS: [9, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29],
  ORDER_PATH_AUDIT_STATUS: [2, 3, 4],
  CARD_MERCHANT_IS_PASS: [0, 1],
};

const definitionOf = (name: string) => CATALOGUE.find((d) => d.name === name) as unknown as EventDefinition;

describe('auditResult mapping tables (parse + auditResult of each definition)', () => {
  it('covers every audit event; the 7 lifecycle events have no auditResult', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...AUDIT_RESULT_KINDS].sort());
    const lifecycle = CATALOGUE.filter((d) => !('auditResult' in d)).map((d) => d.name);
    expect(lifecycle.sort()).toEqual(['annualRenew', 'authorized', 'componentVerifyTicket', 'openProductSpuStatusUpdate', 'unauthorized', 'updateauthorized', 'verifyExpired']);
  });

  describe.each(Object.entries(TABLE))('%s', (name, cases) => {
    it.each(cases)('%s → %s', (_label, outcome, patch) => {
      const wire = withFields(example(name).wire, patch);
      for (const raw of [wire, xmlRaw(wire)]) {
        const definition = definitionOf(name);
        const fields = definition.parse(raw as RawMessage);
        expect(fields).not.toBeInstanceOf(Promise);
        expect(definition.auditResult!(fields).outcome).toBe(outcome);
      }
    });
  });

  it.each(Object.entries(ENUMS))('%s and its _TEXT list the documented values', (constant, documented) => {
    const exported = api as unknown as Record<string, Record<string, number | string>>;
    expect(Object.values(exported[constant]!).sort()).toEqual([...documented].sort());
    const text = exported[`${constant}_TEXT`] as unknown as Record<string, { zh: string; en: string }>;
    expect(Object.keys(text).sort()).toEqual(documented.map(String).sort());
    for (const label of Object.values(text)) expect(label).toEqual({ zh: expect.any(String), en: expect.any(String) });
  });
});

const pool = receiverPool();
afterAll(() => pool.close());

describe.each(flavors)('%s: mapping through HTTP', (flavor) => {
  it.each([
    ['channelsEcBrand', 'S', 'BrandEvent.status', 3, { outcome: 'cancelled', subjectId: '10002934', reason: '商标注册证与品牌名称不一致' }],
    ['productCategoryAudit', 'S', 'ProductCategoryAudit.status', 12, { outcome: 'cancelled', subjectId: '123456', reason: '类目资质审核中' }],
    ['wxaAppealRecord', 'T-msg', 'appeal_status', 4, { outcome: 'cancelled', subjectId: '4111001', reason: '申诉材料不足以证明内容合规' }],
    ['notify3rdWxaAuthAndIcp', 'T-auth', 'procedure_status', 26, { outcome: 'approved', subjectId: '1f3b5d7e9a2c4e6f' }],
    ['notifyApplyIcpfilingResult', 'T-auth', 'beian_status', 1024, { outcome: 'other', subjectId: 'wx7ac3e1b5d9f20468' }],
    ['cardMerchantCheckResult', 'OA', 'IsPass', 1, { outcome: 'approved', subjectId: '12', reason: '营业执照与商户名称不一致' }],
  ] as const)('%s (%s) %s %s', async (name, channel: Channel, path, value, verdict) => {
    const format = channel === 'S' ? 'json' : 'xml';
    const { typed, audit } = accepted(await pool.get(flavor, channel).post(channel, withField(freshWire(name), path, value), { format }));
    const authorizer = typed.authorizerAppId === undefined ? {} : { authorizerAppId: typed.authorizerAppId };
    expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, ...authorizer, kind: name, ...verdict });
  });
});
