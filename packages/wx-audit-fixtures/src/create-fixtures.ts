import { Faker, base, en, zh_CN } from '@faker-js/faker';
import { catalogueEdgeFactories, catalogueFactories, type CatalogueEdgeFactories, type CatalogueFactories } from './factories/catalogue-factories.js';
import { auditStatus, auditStatusAll, drawShopIdentity, type ShopIdentity } from './factories/audit-status.js';
import { infoUpdateAudit, infoUpdateAuditEmoji, infoUpdateAuditLongest, infoUpdateAuditMinimal } from './factories/info-update-audit.js';
import { sceneAudit, sceneAuditEmoji, sceneAuditLongStrings, sceneAuditNoItems, sceneAuditSingleItem } from './factories/scene-audit.js';
import type { AuditStatusFixture, InfoUpdateAuditFixture, Overrides, SceneAuditFixture } from './fixture-types.js';

export interface CreateFixturesOptions {
  /** Same seed, same payloads, call after call. Default: a random seed (see `fx.seed`). */
  seed?: number;
  /**
   * The clock the payloads' times are drawn against, milliseconds like `Date.now()`: `createTime` and the
   * other times of a payload fall within the five minutes before it, so a fixture is fresh when it is sent
   * (the middleware refuses pushes older than `maxMessageAgeSeconds`). Default: the clock when the set is
   * created. Same seed and same `now`, same payloads.
   */
  now?: number;
}

type Factory<T extends SceneAuditFixture | InfoUpdateAuditFixture | AuditStatusFixture> = (overrides?: Overrides<T>) => T;

/** The edge cases integration tests most often need, each with the same deep-partial overrides. */
export interface EdgeCaseFactories extends CatalogueEdgeFactories {
  /** One `scene_group_ext_list` item: in XML a single element, which naive parsers read as an object. */
  sceneAuditSingleItem: Factory<SceneAuditFixture>;
  /** No `scene_group_ext_list` item at all: the event still carries an empty array. */
  sceneAuditNoItems: Factory<SceneAuditFixture>;
  /** Emoji (astral plane, ZWJ sequences, flags, skin tones) in reason, name and item names. */
  sceneAuditEmoji: Factory<SceneAuditFixture>;
  /** 1,024-character reason, 256-character name, 20 items (WeChat documents no limit). */
  sceneAuditLongStrings: Factory<SceneAuditFixture>;
  /** Every string at the longest length the schema allows (out_request_no 64, fail_msg 1024, …). */
  infoUpdateAuditLongest: Factory<InfoUpdateAuditFixture>;
  /** Only out_request_no, mchid and audit_result. */
  infoUpdateAuditMinimal: Factory<InfoUpdateAuditFixture>;
  /** Emoji in attach_info and fail_msg. */
  infoUpdateAuditEmoji: Factory<InfoUpdateAuditFixture>;
  /** A registered shop whose four item statuses are all `value` (AUDIT_ITEM_STATUS): the same status call after call. */
  auditStatusAll: (value: number, overrides?: Overrides<AuditStatusFixture>) => AuditStatusFixture;
}

/**
 * A set of seeded factories: `fx.sceneAudit()`, `fx.infoUpdateAudit()`, `fx.auditStatus()`, and
 * `fx.<eventName>()` for every other event of the middleware's catalogue (`fx.weappAuditFail()`,
 * `fx.productSpuAudit()`, `fx.componentVerifyTicket()`…), each shaped like its typed event plus `type`.
 */
export interface Fixtures extends CatalogueFactories {
  /** The seed this instance was created with. */
  readonly seed: number;
  /** The `now` this instance draws times against, ms. */
  readonly now: number;
  /** The faker instance behind this set of factories (its own: instances never share state). */
  readonly faker: Faker;
  sceneAudit: Factory<SceneAuditFixture>;
  infoUpdateAudit: Factory<InfoUpdateAuditFixture>;
  /**
   * One registration status of the set's shop: the statuses not overridden are drawn per call; the
   * shop's `registeredAppid`, links and reject reasons are the same for every status of the set.
   */
  auditStatus: Factory<AuditStatusFixture>;
  edge: EdgeCaseFactories;
}

/** Which sub-stream of a set's seed draws what (see subStream). */
const SHOP_STREAM = 1;

/** A Faker of its own, seeded by the set's seed and a stream number: same seed, same values. */
function subStream(seed: number, stream: number): Faker {
  const sub = new Faker({ locale: [zh_CN, en, base] });
  sub.seed([seed, stream]);
  return sub;
}

/**
 * Seeded factories for every typed event. Each instance owns its Faker (zh_CN first, then en), so two
 * instances with the same seed produce the same sequence of payloads whatever else runs in between.
 */
export function createFixtures(options: CreateFixturesOptions = {}): Fixtures {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new TypeError(`createFixtures: seed must be an integer, got ${String(options.seed)}.`);
  const now = options.now ?? Date.now();
  if (!Number.isFinite(now) || now < 0) throw new TypeError(`createFixtures: now must be milliseconds since 1970 (like Date.now()), got ${String(options.now)}.`);
  const f = new Faker({ locale: [zh_CN, en, base], seed });
  f.setDefaultRefDate(now);
  // The shop the set's statuses belong to, drawn on first use from a stream of its own: the payloads
  // `f` draws are the same whether, and whenever, a status is made.
  let identity: ShopIdentity | undefined;
  const shop = () => (identity ??= drawShopIdentity(subStream(seed, SHOP_STREAM)));
  return {
    seed,
    now,
    faker: f,
    ...catalogueFactories(f),
    sceneAudit: (overrides) => sceneAudit(f, overrides),
    infoUpdateAudit: (overrides) => infoUpdateAudit(f, overrides),
    auditStatus: (overrides) => auditStatus(f, shop, overrides),
    edge: {
      sceneAuditSingleItem: (overrides) => sceneAuditSingleItem(f, overrides),
      sceneAuditNoItems: (overrides) => sceneAuditNoItems(f, overrides),
      sceneAuditEmoji: (overrides) => sceneAuditEmoji(f, overrides),
      sceneAuditLongStrings: (overrides) => sceneAuditLongStrings(f, overrides),
      infoUpdateAuditLongest: (overrides) => infoUpdateAuditLongest(f, overrides),
      infoUpdateAuditMinimal: (overrides) => infoUpdateAuditMinimal(f, overrides),
      infoUpdateAuditEmoji: (overrides) => infoUpdateAuditEmoji(f, overrides),
      auditStatusAll: (value, overrides) => auditStatusAll(f, shop, value, overrides),
      ...catalogueEdgeFactories(f),
    },
  };
}
