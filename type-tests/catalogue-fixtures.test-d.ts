// The catalogue fixtures' public types, as a user's project sees them (the built packages).
import { expectTypeOf } from 'vitest';
import type { CatalogueEventOf, WeappAuditFailEvent } from '@x/wx-audit-middleware';
import { buildPushRequest, createFixtures, type AnyCatalogueFixture, type CatalogueFixture, type CatalogueOverrides } from '@x/wx-audit-fixtures';

const fx = createFixtures({ seed: 1 });

// fx.<eventName>() for every catalogue event, shaped like the event plus `type`.
expectTypeOf(fx.weappAuditFail()).toEqualTypeOf<CatalogueFixture<'weappAuditFail'>>();
expectTypeOf(fx.weappAuditFail().type).toEqualTypeOf<'weappAuditFail'>();
expectTypeOf(fx.weappAuditFail().screenShotList).toEqualTypeOf<string[]>();
expectTypeOf(fx.productSpuAudit().productId).toEqualTypeOf<string>();
expectTypeOf(fx.componentVerifyTicket().appId).toEqualTypeOf<string>();
expectTypeOf(fx.wxaAppealRecord().material[0]!.appealMaterial!.proofMaterialId).toEqualTypeOf<string[]>();
expectTypeOf(fx.edge.wxaMediaCheckV1()).toEqualTypeOf<CatalogueFixture<'wxaMediaCheck'>>();

// A fixture's fields are the event's: an event can stand where a fixture's fields are expected.
expectTypeOf<WeappAuditFailEvent>().toMatchTypeOf<Omit<CatalogueFixture<'weappAuditFail'>, 'type'>>();
expectTypeOf<CatalogueEventOf<'productSpuAudit'>>().toMatchTypeOf<Omit<CatalogueFixture<'productSpuAudit'>, 'type'>>();

// Overrides are deep-partial; derived fields and `type` are not overrides; values keep their types.
fx.notifyThirdFasteregister({ info: { name: '深圳市测试科技有限公司' } });
fx.orderPathAuditResultNotify({ list: [{ appid: 'wx0123456789abcdef', auditId: '1001', status: 4 }] });
expectTypeOf<CatalogueOverrides<'weappAuditFail'>>().not.toHaveProperty('screenShotList');
// @ts-expect-error derived from screenShot
fx.weappAuditFail({ screenShotList: ['a'] });
// @ts-expect-error a number field
fx.productSpuAudit({ status: '3' });
// @ts-expect-error the type is fixed
fx.authorized({ type: 'unauthorized' });

// buildPushRequest takes any catalogue fixture, and nothing else.
expectTypeOf(buildPushRequest).parameter(0).toEqualTypeOf<AnyCatalogueFixture>();
buildPushRequest(fx.channelsEcBrand(), { token: 't' });
// @ts-expect-error an info-update notification is built with buildInfoUpdateRequest
buildPushRequest(fx.infoUpdateAudit(), { token: 't' });
