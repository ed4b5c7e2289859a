import type { Faker } from '@faker-js/faker';
import type { CatalogueEventName, WireField, WireNode } from '@x/wx-audit-middleware';
import { catalogueDefinition, envelopeFields, isRecord, parseCatalogueFixture } from '../catalogue-to-wire.js';
import { deepMerge, FORBIDDEN_KEYS } from '../deep-merge.js';
import type { CatalogueFixture, CatalogueOverrides, DerivedField } from '../fixture-types.js';

/**
 * What a factory draws: the fixture without what the event derives (`screenShotList`, `auditInfoParsed`,
 * `extraInfoJsonParsed`; a media check's `version`, absent from v1 pushes). The finished fixture gets them
 * from the middleware's own parse of the draft's wire document.
 */
export type CatalogueDraft<N extends CatalogueEventName> = N extends 'wxaMediaCheck'
  ? Omit<CatalogueFixture<N>, DerivedField | 'version'> & { version?: number }
  : Omit<CatalogueFixture<N>, DerivedField>;

/** Draws one event's draft from the set's Faker; the overrides it will get may choose among its shapes (a media check's version). */
export type DraftMaker<N extends CatalogueEventName> = (f: Faker, overrides?: unknown) => CatalogueDraft<N>;

/** The catalogue's events other than `sceneAudit` (whose factory predates the catalogue and stays its own). */
export type NewCatalogueEventName = Exclude<CatalogueEventName, 'sceneAudit'>;

export type DraftMakers = { [N in NewCatalogueEventName]: DraftMaker<N> };

/** The field each derived field is computed from: the one to override instead. */
const DERIVED_FROM: Readonly<Record<DerivedField, string>> = {
  screenShotList: 'screenShot',
  auditInfoParsed: 'auditInfo',
  extraInfoJsonParsed: 'extraInfoJson',
};

/**
 * Unknown override keys, at any depth the layout describes, are refused: the wire builder only writes the
 * layout's fields, so a misspelt nested key would otherwise vanish without a word.
 */
function checkNode(what: string, path: string, node: WireNode, value: unknown): void {
  if (node.kind === 'list' && Array.isArray(value)) value.forEach((item: unknown, i) => checkNode(what, `${path}.${i}`, node.item, item));
  // One object where a list belongs is one item, to the middleware as on the wire: its keys are an item's.
  if (node.kind === 'list' && isRecord(value)) checkNode(what, path, node.item, value);
  if (node.kind === 'object' && isRecord(value)) checkFields(what, `${path}.`, node.fields, value);
}

function checkFields(what: string, prefix: string, fields: ReadonlyArray<WireField>, value: Record<string, unknown>): void {
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new TypeError(`The override key "${key}" is not allowed.`);
    const field = fields.find((f) => f.name === key);
    if (!field) throw new TypeError(`${what}: unknown field "${prefix}${key}"; the fields there are ${fields.map((f) => f.name).join(', ')}.`);
    checkNode(what, `${prefix}${key}`, field.node, item);
  }
}

/** Throws a clear TypeError for overrides the fixture cannot take: `type`, a derived field, a key it does not have. */
export function assertCatalogueOverrides(name: CatalogueEventName, overrides: unknown): void {
  if (overrides === undefined) return;
  if (!isRecord(overrides)) throw new TypeError(`${name} overrides must be a plain object.`);
  const definition = catalogueDefinition(name)!;
  const envelope = envelopeFields(definition);
  const known = [...envelope, ...definition.layout.map((f) => f.name)];
  for (const [key, value] of Object.entries(overrides)) {
    if (FORBIDDEN_KEYS.has(key)) throw new TypeError(`The override key "${key}" is not allowed.`);
    if (key === 'type') throw new TypeError(`${name}: "type" cannot be overridden.`);
    if (Object.hasOwn(DERIVED_FROM, key)) {
      throw new TypeError(`${name}: "${key}" is computed from "${DERIVED_FROM[key as DerivedField]}", as the middleware computes it; override "${DERIVED_FROM[key as DerivedField]}".`);
    }
    if (envelope.includes(key)) continue;
    const field = definition.layout.find((f) => f.name === key);
    if (!field) throw new TypeError(`${name}: unknown field "${key}"; the fields are ${known.join(', ')}.`);
    checkNode(name, key, field.node, value);
  }
}

/**
 * A draft with its overrides merged (objects deeply, arrays whole, `undefined` removes), checked and
 * completed by the middleware's schema: the fixture is exactly the typed event the push will produce,
 * plus `type`. Throws FixtureInvalidError when the middleware would refuse the push.
 */
export function finishCatalogue<N extends CatalogueEventName>(draft: CatalogueDraft<N> & { type: N }, overrides?: CatalogueOverrides<N>): CatalogueFixture<N> {
  assertCatalogueOverrides(draft.type, overrides);
  const merged: { type: N } = deepMerge(draft, overrides);
  const fields = parseCatalogueFixture(merged) as object;
  return { type: draft.type, ...fields } as CatalogueFixture<N>;
}
