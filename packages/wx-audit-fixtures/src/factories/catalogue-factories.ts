import type { Faker } from '@faker-js/faker';
import type { CatalogueEventName } from '@x/wx-audit-middleware';
import type { CatalogueFixture, CatalogueOverrides } from '../fixture-types.js';
import { wxaCategoryAudit, wxaNicknameAudit } from './account-audit.js';
import { wxaAppealRecord, wxaAppealRecordEmoji, wxaAppealRecordNoMaterial, wxaAppealRecordSingleMaterial } from './appeal-record.js';
import { authorized, componentVerifyTicket, unauthorized, updateauthorized } from './authorization.js';
import { cardMerchantCheckResult, cardNotPassCheck, cardPassCheck } from './cards.js';
import { finishCatalogue, type CatalogueDraft, type DraftMakers, type NewCatalogueEventName } from './catalogue-fixture.js';
import { weappAuditDelay, weappAuditFail, weappAuditFailEmoji, weappAuditSuccess } from './code-audit.js';
import { wxaMediaCheck, wxaMediaCheckNoDetail, wxaMediaCheckSingleDetail, wxaMediaCheckV1, wxaMediaCheckV2 } from './media-check.js';
import { openProductBrandAudit, openProductCategoryAudit, openProductSpuAudit, openProductSpuStatusUpdate } from './open-product.js';
import { wxaPrivacyApply } from './privacy-apply.js';
import {
  notify3rdWxaAuthAndIcp,
  notifyApplyIcpfilingResult,
  notifyThirdFasteregister,
  notifyThirdFasteregisterFailure,
  orderPathAuditResultNotify,
  orderPathAuditResultNotifyMissingStatus,
  orderPathAuditResultNotifyNoItems,
  orderPathAuditResultNotifySingleItem,
} from './registration.js';
import { annualRenew, namingVerifyFail, namingVerifySuccess, qualificationVerifyFail, qualificationVerifySuccess, verifyExpired } from './verification.js';
import { channelsEcBrand, productCategoryAudit, productSpuAudit, productSpuAuditEmoji } from './wechat-shop.js';

/** `fx.<eventName>(overrides?)`: the next fixture of the event, drawn from the set's Faker. */
export type CatalogueFactory<N extends CatalogueEventName> = (overrides?: CatalogueOverrides<N>) => CatalogueFixture<N>;

/** A factory for every catalogue event but `sceneAudit` (which keeps its own). */
export type CatalogueFactories = { [N in NewCatalogueEventName]: CatalogueFactory<N> };

/** The catalogue's edge cases, under `fx.edge`, each with the same deep-partial overrides. */
export interface CatalogueEdgeFactories {
  /** Emoji (astral plane, ZWJ sequences, flags) around the `<br>`s of a code-audit rejection. */
  weappAuditFailEmoji: CatalogueFactory<'weappAuditFail'>;
  /** One `material` with one `proof_material_id`: single XML elements where lists belong. */
  wxaAppealRecordSingleMaterial: CatalogueFactory<'wxaAppealRecord'>;
  /** No `material` at all: the event still carries an empty array. */
  wxaAppealRecordNoMaterial: CatalogueFactory<'wxaAppealRecord'>;
  /** Emoji in the penalty's description and the materials' text. */
  wxaAppealRecordEmoji: CatalogueFactory<'wxaAppealRecord'>;
  /** Media check v1: `isrisky`, `extra_info_json`, `status_code`, no `version` on the wire (the event says 1). */
  wxaMediaCheckV1: CatalogueFactory<'wxaMediaCheck'>;
  /** Media check v2: `version` 2, `result` and `detail[]`. */
  wxaMediaCheckV2: CatalogueFactory<'wxaMediaCheck'>;
  /** v2 with one `detail` item. */
  wxaMediaCheckSingleDetail: CatalogueFactory<'wxaMediaCheck'>;
  /** v2 without `detail`: `[]` in the event. */
  wxaMediaCheckNoDetail: CatalogueFactory<'wxaMediaCheck'>;
  /** A rejected shop product whose reasons, in `reason` and inside `audit_info`'s JSON, carry emoji. */
  productSpuAuditEmoji: CatalogueFactory<'productSpuAudit'>;
  /** A failed fast registration as seen on the wire: negative status, no appid or auth_code, `info` empty. */
  notifyThirdFasteregisterFailure: CatalogueFactory<'notifyThirdFasteregister'>;
  /** One order-path item: a single `list` element. */
  orderPathAuditResultNotifySingleItem: CatalogueFactory<'orderPathAuditResultNotify'>;
  /** No order-path item: `list` is `[]`. */
  orderPathAuditResultNotifyNoItems: CatalogueFactory<'orderPathAuditResultNotify'>;
  /** An approved item and one without `status`: the batch is not approved (`auditResult` says other). */
  orderPathAuditResultNotifyMissingStatus: CatalogueFactory<'orderPathAuditResultNotify'>;
}

/** Every event's drafts, in the catalogue's order; the compiler checks that none is missing. */
export const CATALOGUE_DRAFTS: DraftMakers = {
  weappAuditSuccess,
  weappAuditFail,
  weappAuditDelay,
  wxaNicknameAudit,
  wxaCategoryAudit,
  wxaPrivacyApply,
  wxaAppealRecord,
  openProductSpuAudit,
  openProductSpuStatusUpdate,
  openProductBrandAudit,
  openProductCategoryAudit,
  wxaMediaCheck,
  productSpuAudit: (f) => productSpuAudit(f),
  productCategoryAudit,
  channelsEcBrand,
  notifyThirdFasteregister,
  notifyApplyIcpfilingResult,
  notify3rdWxaAuthAndIcp,
  orderPathAuditResultNotify,
  componentVerifyTicket,
  authorized,
  updateauthorized,
  unauthorized,
  qualificationVerifySuccess,
  qualificationVerifyFail,
  namingVerifySuccess,
  namingVerifyFail,
  annualRenew,
  verifyExpired,
  cardPassCheck,
  cardNotPassCheck,
  cardMerchantCheckResult,
};

type EdgeDrafts = { [K in keyof CatalogueEdgeFactories]: (f: Faker) => CatalogueDraft<ReturnType<CatalogueEdgeFactories[K]>['type']> };

const EDGE_DRAFTS: EdgeDrafts = {
  weappAuditFailEmoji,
  wxaAppealRecordSingleMaterial,
  wxaAppealRecordNoMaterial,
  wxaAppealRecordEmoji,
  wxaMediaCheckV1,
  wxaMediaCheckV2,
  wxaMediaCheckSingleDetail,
  wxaMediaCheckNoDetail,
  productSpuAuditEmoji,
  notifyThirdFasteregisterFailure,
  orderPathAuditResultNotifySingleItem,
  orderPathAuditResultNotifyNoItems,
  orderPathAuditResultNotifyMissingStatus,
};

type AnyDraft = (f: Faker, overrides?: unknown) => CatalogueDraft<CatalogueEventName> & { type: CatalogueEventName };

function bind<T>(f: Faker, drafts: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [name, draw] of Object.entries(drafts)) out[name] = (overrides?: unknown) => finishCatalogue((draw as AnyDraft)(f, overrides), overrides as never);
  return out as T;
}

/** The catalogue's factories, drawing from `f` (the set's own Faker, so a set's sequence is one stream). */
export const catalogueFactories = (f: Faker): CatalogueFactories => bind(f, CATALOGUE_DRAFTS);

export const catalogueEdgeFactories = (f: Faker): CatalogueEdgeFactories => bind(f, EDGE_DRAFTS);
