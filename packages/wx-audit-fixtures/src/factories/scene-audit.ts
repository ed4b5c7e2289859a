import type { Faker } from '@faker-js/faker';
import { SCENE_AUDIT_STATUS } from '@x/wx-audit-middleware';
import { assertKnownKeys, deepMerge } from '../deep-merge.js';
import type { Overrides, SceneAuditFixture } from '../fixture-types.js';
import { assertValidSceneAudit } from '../to-wire.js';
import { EMOJI, EXT_NAMES, FAIL_DETAILS, IN_AUDIT_REASONS, PASS_REASONS, SCENE_GROUPS, ghId, openid, unixSeconds } from './content.js';

type ExtItem = SceneAuditFixture['sceneGroupExtList'][number];

const KEYS = ['toUserName', 'fromUserName', 'createTime', 'groupId', 'reason', 'name', 'sceneGroupExtList'] as const satisfies ReadonlyArray<keyof SceneAuditFixture>;

function extItem(f: Faker, extId: 1 | 2, status: number): ExtItem {
  return { extId, status, name: f.helpers.arrayElement(EXT_NAMES[extId]) };
}

/** The reason WeChat writes for a set of item statuses: failed wins, then in audit, else passed. */
function reasonFor(f: Faker, items: readonly ExtItem[]): string {
  if (items.some((i) => i.status === SCENE_AUDIT_STATUS.FAILED)) {
    return `审核不通过:${f.helpers.arrayElement(FAIL_DETAILS)},请修改后重新提交审核。`;
  }
  if (items.some((i) => i.status === SCENE_AUDIT_STATUS.IN_AUDIT || i.status === SCENE_AUDIT_STATUS.NOT_AUDITED)) {
    return f.helpers.arrayElement(IN_AUDIT_REASONS);
  }
  return f.helpers.arrayElement(PASS_REASONS);
}

function finish(base: SceneAuditFixture, overrides: Overrides<SceneAuditFixture> | undefined): SceneAuditFixture {
  assertKnownKeys('sceneAudit', overrides, KEYS);
  const msg = deepMerge(base, overrides);
  assertValidSceneAudit(msg);
  return msg;
}

/** One or two audit items (ext_id 1 and/or 2), mostly passed, sometimes failed or in audit; the reason agrees. */
export function sceneAudit(f: Faker, overrides?: Overrides<SceneAuditFixture>): SceneAuditFixture {
  const group = f.helpers.arrayElement(SCENE_GROUPS);
  const ids = f.helpers.arrayElement<Array<1 | 2>>([[1, 2], [1, 2], [1], [2]]);
  const status = f.helpers.weightedArrayElement([
    { weight: 6, value: SCENE_AUDIT_STATUS.PASSED },
    { weight: 2, value: SCENE_AUDIT_STATUS.FAILED },
    { weight: 1, value: SCENE_AUDIT_STATUS.IN_AUDIT },
    { weight: 1, value: SCENE_AUDIT_STATUS.NOT_AUDITED },
  ]);
  const items = ids.map((id, index) => extItem(f, id, index === 0 ? status : f.helpers.arrayElement([status, SCENE_AUDIT_STATUS.PASSED])));
  const base: SceneAuditFixture = {
    type: 'sceneAudit',
    toUserName: ghId(f),
    fromUserName: openid(f),
    createTime: unixSeconds(f),
    groupId: group.groupId,
    reason: reasonFor(f, items),
    name: group.name,
    sceneGroupExtList: items,
  };
  return finish(base, overrides);
}

/** Exactly one item: in XML, one `scene_group_ext_list` element, which a naive parser reads as an object. */
export function sceneAuditSingleItem(f: Faker, overrides?: Overrides<SceneAuditFixture>): SceneAuditFixture {
  const base = sceneAudit(f);
  const item = extItem(f, f.helpers.arrayElement([1, 2] as const), SCENE_AUDIT_STATUS.PASSED);
  return finish({ ...base, sceneGroupExtList: [item], reason: reasonFor(f, [item]) }, overrides);
}

/** No item at all: the XML has no `scene_group_ext_list` element; the event still has an (empty) array. */
export function sceneAuditNoItems(f: Faker, overrides?: Overrides<SceneAuditFixture>): SceneAuditFixture {
  return finish({ ...sceneAudit(f), sceneGroupExtList: [] }, overrides);
}

/** Emoji (astral plane, skin tones, ZWJ sequences, flags) in every free-text field, next to Chinese text. */
export function sceneAuditEmoji(f: Faker, overrides?: Overrides<SceneAuditFixture>): SceneAuditFixture {
  const base = sceneAudit(f);
  const pick = () => f.helpers.arrayElements(EMOJI, { min: 2, max: 4 }).join('');
  return finish(
    {
      ...base,
      reason: `${base.reason}${pick()}`,
      name: `${pick()}${base.name}`,
      sceneGroupExtList: base.sceneGroupExtList.map((item) => ({ ...item, name: `${item.name}${pick()}` })),
    },
    overrides,
  );
}

/**
 * Long free text: WeChat documents no limit for these fields, so each is 1,024 characters (Chinese,
 * 3 UTF-8 bytes each) with 20 items; the safe-mode request still fits the middleware's default bodyLimit.
 */
export function sceneAuditLongStrings(f: Faker, overrides?: Overrides<SceneAuditFixture>): SceneAuditFixture {
  const base = sceneAudit(f);
  const text = (length: number) => f.helpers.multiple(() => f.helpers.arrayElement(FAIL_DETAILS), { count: length }).join(',').slice(0, length);
  const items = Array.from({ length: 20 }, (_, i) => ({ extId: (i % 2) + 1, status: SCENE_AUDIT_STATUS.FAILED, name: text(64) }));
  return finish({ ...base, reason: text(1024), name: text(256), sceneGroupExtList: items }, overrides);
}
