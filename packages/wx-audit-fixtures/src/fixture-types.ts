import type { AuditStatusFields, CatalogueEventName, CatalogueFields, InfoUpdateAuditFields, SceneAuditFields } from '@x/wx-audit-middleware';

/** Keys whose value may be `undefined` become optional keys (absent rather than set to undefined). */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type Presentable<T> = Simplify<{ [K in RequiredKeys<T>]: T[K] } & { [K in OptionalKeys<T>]?: Exclude<T[K], undefined> }>;

/** What `fx.sceneAudit()` returns: the `sceneAudit` event's typed fields, plus `type`. */
export type SceneAuditFixture = Simplify<{ type: 'sceneAudit' } & Presentable<SceneAuditFields>>;

/** What `fx.infoUpdateAudit()` returns: the `infoUpdateAudit` event's typed fields, plus `type`. */
export type InfoUpdateAuditFixture = Simplify<{ type: 'infoUpdateAudit' } & Presentable<InfoUpdateAuditFields>>;

/**
 * What `fx.auditStatus()` returns: a check_audit_status result's typed fields (no `raw`), plus `type`.
 * The `auditStatus` event adds `wxName` and `raw`, which belong to the shop queried, not the status.
 */
export type AuditStatusFixture = Simplify<{ type: 'auditStatus' } & Presentable<AuditStatusFields>>;

/** What `fx.<eventName>()` returns for a catalogue event: the event's typed fields, plus `type`. */
export type CatalogueFixture<N extends CatalogueEventName> = Simplify<{ type: N } & Presentable<CatalogueFields<N>>>;

/** Any catalogue event's fixture (what `buildPushRequest` and `wx.push` take). */
export type AnyCatalogueFixture = { [N in CatalogueEventName]: CatalogueFixture<N> }[CatalogueEventName];

/**
 * Typed fields the event computes from others (`screenShotList` from `screenShot`, `auditInfoParsed` from
 * `auditInfo`, `extraInfoJsonParsed` from `extraInfoJson`): a fixture computes them the same way, so they
 * are not overrides; override the field they come from.
 */
export type DerivedField = 'screenShotList' | 'auditInfoParsed' | 'extraInfoJsonParsed';

export type Fixture = SceneAuditFixture | InfoUpdateAuditFixture | AuditStatusFixture | AnyCatalogueFixture;

/** Overrides: objects merge deeply, arrays (and everything else) replace whole; `undefined` removes an optional field. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | (undefined extends T[K] ? undefined : never) }
    : T;

/** Overrides of a fixture; its `type` is fixed, and derived fields follow the fields they come from. */
export type Overrides<T extends Fixture> = DeepPartial<Omit<T, 'type' | DerivedField>>;

/** Overrides of `fx.<eventName>()`. */
export type CatalogueOverrides<N extends CatalogueEventName> = DeepPartial<Omit<CatalogueFixture<N>, 'type' | DerivedField>>;
