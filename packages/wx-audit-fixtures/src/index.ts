// @x/wx-audit-fixtures: seeded payloads, WeChat-exact requests, a fake WeChat server (and the `wx-audit` command).
export { createFixtures } from './create-fixtures.js';
export type { CreateFixturesOptions, Fixtures, EdgeCaseFactories } from './create-fixtures.js';
export type { CatalogueFactory, CatalogueFactories, CatalogueEdgeFactories } from './factories/catalogue-factories.js';
export type {
  SceneAuditFixture,
  InfoUpdateAuditFixture,
  AuditStatusFixture,
  CatalogueFixture,
  AnyCatalogueFixture,
  CatalogueOverrides,
  DerivedField,
  Fixture,
  DeepPartial,
  Overrides,
} from './fixture-types.js';
export { FixtureInvalidError } from './fixture-invalid-error.js';
export type { FixtureIssue } from './fixture-invalid-error.js';
export { catalogueToWire } from './catalogue-to-wire.js';
export { INFO_UPDATE_LIMITS } from './factories/info-update-audit.js';
export { sceneAuditToWire, infoUpdateAuditToWire, auditStatusToWire } from './to-wire.js';
export type { WireMessage, InfoUpdateAuditWire } from './to-wire.js';
export { buildPushRequest, buildRawPushRequest, serializeMessage, PUSH_MODES, PUSH_FORMATS } from './build-push-request.js';
export type { PushMode, PushFormat, PushRequestOptions, BuiltRequest, BuiltPushRequest } from './build-push-request.js';
export { buildVerifyRequest } from './build-verify-request.js';
export type { VerifyRequestOptions, BuiltVerifyRequest } from './build-verify-request.js';
export { startFakeWeChat } from './fake-wechat/server.js';
export type { StartFakeWeChatOptions, FakeWeChat, FakePushOptions } from './fake-wechat/server.js';
export { deliver, isAcknowledgement } from './fake-wechat/deliver.js';
export type { DeliveryOptions, DeliveryAttempt, DeliveryReport } from './fake-wechat/deliver.js';
export { API_PATHS } from './fake-wechat/api-routes.js';
export { buildInfoUpdateRequest } from './build-info-update-request.js';
export type { InfoUpdateAuditMessage, InfoUpdateRequestOptions, InfoUpdateRequest } from './build-info-update-request.js';
export { generateTestKeys } from './generate-test-keys.js';
export type { TestKeys, GenerateTestKeysOptions } from './generate-test-keys.js';
export { notifyInfoUpdate, WECHAT_PAY_RETRY_DELAYS_MS } from './fake-wechat/notify-info-update.js';
export type { NotifyInfoUpdateOptions, NotifyAttempt, NotifyReport } from './fake-wechat/notify-info-update.js';
export type { FakeWeChatApi, FakeWeChatApiOptions, ApiFault, ApiCall } from './fake-wechat/api-routes.js';
