import { auditStatusFieldsSchema, infoUpdateAuditFieldsSchema, sceneAuditFieldsSchema, AUDIT_ITEM_STATUS } from '@x/wx-audit-middleware';
import { describe, expect, it } from 'vitest';
import { auditStatusToWire, createFixtures, infoUpdateAuditToWire, INFO_UPDATE_LIMITS, sceneAuditToWire } from '../src/index.js';

const NOW_MS = 1_796_100_000_000;

const all = (seed: number, now = NOW_MS) => {
  const fx = createFixtures({ seed, now });
  return [
    fx.sceneAudit(),
    fx.sceneAudit(),
    fx.infoUpdateAudit(),
    fx.auditStatus(),
    fx.edge.sceneAuditSingleItem(),
    fx.edge.sceneAuditNoItems(),
    fx.edge.sceneAuditEmoji(),
    fx.edge.sceneAuditLongStrings(),
    fx.edge.infoUpdateAuditLongest(),
    fx.edge.infoUpdateAuditMinimal(),
    fx.edge.infoUpdateAuditEmoji(),
    fx.edge.auditStatusAll(AUDIT_ITEM_STATUS.SUCCESS),
  ];
};

describe('determinism', () => {
  it('same seed and same now, deep-equal output, call after call', () => {
    expect(all(42)).toEqual(all(42));
  });

  it('times are fresh: within the five minutes before now, and they move with now', () => {
    const times = (now: number) => {
      const fx = createFixtures({ seed: 9, now });
      const scenes = Array.from({ length: 50 }, () => fx.sceneAudit().createTime);
      const finished = Array.from({ length: 50 }, () => Date.parse(fx.infoUpdateAudit().auditFinishTime!) / 1000);
      return [...scenes, ...finished];
    };
    for (const t of times(NOW_MS)) expect(t).toSatisfy((s: number) => s >= NOW_MS / 1000 - 300 && s <= NOW_MS / 1000);
    const later = NOW_MS + 86_400_000;
    expect(times(later)).toEqual(times(NOW_MS).map((t) => t + 86_400));
    expect(createFixtures({ seed: 9, now: NOW_MS }).now).toBe(NOW_MS);
  });

  it('now defaults to the clock when the set is created', () => {
    const before = Date.now();
    const fx = createFixtures({ seed: 9 });
    expect(fx.now).toBeGreaterThanOrEqual(before);
    expect(fx.now).toBeLessThanOrEqual(Date.now());
    const t = fx.sceneAudit().createTime;
    expect(t).toBeGreaterThanOrEqual(Math.floor(fx.now / 1000) - 300);
    expect(t).toBeLessThanOrEqual(Math.floor(fx.now / 1000));
  });

  it('refuses a now that is not milliseconds', () => {
    for (const now of [Number.NaN, -1, Infinity]) expect(() => createFixtures({ seed: 1, now })).toThrow(/now must be milliseconds/);
  });

  it('different seeds give different payloads', () => {
    expect(createFixtures({ seed: 1 }).sceneAudit()).not.toEqual(createFixtures({ seed: 2 }).sceneAudit());
  });

  it('instances share no state: interleaving calls on another instance changes nothing', () => {
    const alone = createFixtures({ seed: 7, now: NOW_MS });
    const expected = [alone.sceneAudit(), alone.infoUpdateAudit(), alone.auditStatus()];
    const a = createFixtures({ seed: 7, now: NOW_MS });
    const b = createFixtures({ seed: 7, now: NOW_MS });
    const got = [a.sceneAudit(), (b.sceneAudit(), b.sceneAudit(), a.infoUpdateAudit()), (b.auditStatus(), a.auditStatus())];
    expect(got).toEqual(expected);
  });

  it('successive calls differ (the sequence advances)', () => {
    const fx = createFixtures({ seed: 3 });
    expect(fx.sceneAudit()).not.toEqual(fx.sceneAudit());
  });

  it('a fixture is never shared with its overrides', () => {
    const list = [{ extId: 1, status: 1, name: '客服售后' }];
    const msg = createFixtures({ seed: 1 }).sceneAudit({ sceneGroupExtList: list });
    list[0]!.status = 2;
    expect(msg.sceneGroupExtList[0]!.status).toBe(1);
  });
});

describe('realistic content, valid against the middleware schemas', () => {
  it.each(Array.from({ length: 40 }, (_, seed) => seed))('seed %i', (seed) => {
    const fx = createFixtures({ seed });
    const scene = fx.sceneAudit();
    expect(scene.type).toBe('sceneAudit');
    expect(scene.toUserName).toMatch(/^gh_[0-9a-f]{12}$/);
    expect(scene.fromUserName).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(scene.reason).toMatch(/[\u4e00-\u9fff]/);
    expect(scene.name).toMatch(/[\u4e00-\u9fff]/);
    expect(scene.sceneGroupExtList.length).toBeGreaterThan(0);
    for (const item of scene.sceneGroupExtList) {
      expect([1, 2]).toContain(item.extId);
      expect([0, 1, 2, 3]).toContain(item.status);
    }
    expect(sceneAuditFieldsSchema.parse(sceneAuditToWire(scene))).toEqual({ ...scene, type: undefined });

    const info = fx.infoUpdateAudit();
    expect(info.mchid).toMatch(/^1\d{9}$/);
    expect(info.auditFinishTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(info.auditResult === 'REJECT').toBe(info.failCode !== undefined);
    const { type: _t, ...infoFields } = info;
    expect(infoUpdateAuditFieldsSchema.parse(infoUpdateAuditToWire(info))).toMatchObject(infoFields);

    const status = fx.auditStatus();
    expect('raw' in status).toBe(false);
    const { type: _s, ...statusFields } = status;
    expect(auditStatusFieldsSchema.parse(auditStatusToWire(status))).toMatchObject(statusFields);
    if (status.registerStatus !== 0) expect(status.registeredAppid).toBeUndefined();
    else expect(status.registeredAppid).toMatch(/^wx[0-9a-f]{16}$/);
  });
});

// Issue #17, item 6: a fixture set models one shop; only what the caller asks to vary varies.
describe('registration statuses of one set', () => {
  it('share the shop: appid, links and reject reasons; the same arguments give the same status', () => {
    const fx = createFixtures({ seed: 23 });
    expect(fx.edge.auditStatusAll(3)).toEqual(fx.edge.auditStatusAll(3));
    expect(fx.edge.auditStatusAll(4)).toEqual(fx.edge.auditStatusAll(4));
    const [a, b] = [fx.auditStatus({ registerStatus: 0, acctVerifyStatus: 2, paySignStatus: 2 }), fx.edge.auditStatusAll(2)];
    expect(b.registeredAppid).toBe(a.registeredAppid);
    expect([b.legalValidationUrl, b.signUrl]).toEqual([a.legalValidationUrl, a.signUrl]);
    expect(a.legalValidationUrl).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/wxopen\/legalverify\?token=\w{24}$/);
  });

  it('is drawn from a stream of its own: the same whenever the first status is made; another seed, another shop', () => {
    const early = createFixtures({ seed: 5 });
    const late = createFixtures({ seed: 5 });
    late.sceneAudit();
    late.infoUpdateAudit();
    expect(late.edge.auditStatusAll(5).registeredAppid).toBe(early.edge.auditStatusAll(5).registeredAppid);
    expect(createFixtures({ seed: 6 }).edge.auditStatusAll(5).registeredAppid).not.toBe(early.edge.auditStatusAll(5).registeredAppid);
  });

  it('pushes stay distinct messages: toUserName, fromUserName and mchid are drawn per call', () => {
    const fx = createFixtures({ seed: 29 });
    const [one, two] = [fx.sceneAudit(), fx.sceneAudit()];
    expect(two.toUserName).not.toBe(one.toUserName);
    expect(two.fromUserName).not.toBe(one.fromUserName);
    expect(fx.infoUpdateAudit().mchid).not.toBe(fx.infoUpdateAudit().mchid);
  });
});

describe('overrides', () => {
  const fx = () => createFixtures({ seed: 11 });

  it('merge objects deeply and keep everything else', () => {
    const base = fx().auditStatus({ registerStatus: 0, paySignStatus: 4 });
    const over = fx().auditStatus({ registerStatus: 0, paySignStatus: 4, payAuditDetail: { rejectReason: '换一个' } });
    expect(over.payAuditDetail).toEqual({ paramName: base.payAuditDetail!.paramName, rejectReason: '换一个' });
    expect({ ...over, payAuditDetail: undefined }).toEqual({ ...base, payAuditDetail: undefined });
  });

  it('replace arrays whole', () => {
    const msg = fx().sceneAudit({ groupId: 7, sceneGroupExtList: [{ extId: 2, status: 2, name: '电商平台' }] });
    expect(msg.groupId).toBe(7);
    expect(msg.sceneGroupExtList).toEqual([{ extId: 2, status: 2, name: '电商平台' }]);
  });

  it('undefined removes an optional field', () => {
    const msg = fx().infoUpdateAudit({ auditFinishTime: undefined });
    expect('auditFinishTime' in msg).toBe(false);
  });

  it('REJECT brings a reason, PASS drops it', () => {
    const rejected = fx().infoUpdateAudit({ auditResult: 'REJECT' });
    expect(rejected.failCode).toBeTruthy();
    expect(rejected.failMsg).toBeTruthy();
    const passed = fx().infoUpdateAudit({ auditResult: 'PASS' });
    expect(passed.failCode).toBeUndefined();
  });

  it('bad overrides fail with a message naming the field', () => {
    // @ts-expect-error a typo is a type error, and a runtime one
    expect(() => fx().sceneAudit({ groupID: 7 })).toThrow(/unknown field "groupID"/);
    // @ts-expect-error wrong type
    expect(() => fx().sceneAudit({ groupId: 'seven' })).toThrow(/SceneGroupAudit\.group_id/);
    expect(() => fx().infoUpdateAudit({ outRequestNo: 'x'.repeat(65) })).toThrow(/out_request_no/);
    // @ts-expect-error type is fixed
    expect(() => fx().auditStatus({ type: 'sceneAudit' })).toThrow(/"type" cannot be overridden/);
    expect(() => createFixtures({ seed: 1.5 })).toThrow(/seed must be an integer/);
  });
});

describe('edge cases', () => {
  const fx = createFixtures({ seed: 5 });

  it('single item and no item', () => {
    expect(fx.edge.sceneAuditSingleItem().sceneGroupExtList).toHaveLength(1);
    expect(fx.edge.sceneAuditNoItems().sceneGroupExtList).toEqual([]);
  });

  it('emoji outside the BMP in every free-text field', () => {
    const astral = /[\u{1F000}-\u{1FFFF}]|[\u2600-\u27BF]/u;
    const msg = fx.edge.sceneAuditEmoji();
    expect(msg.reason).toMatch(astral);
    expect(msg.name).toMatch(astral);
    for (const item of msg.sceneGroupExtList) expect(item.name).toMatch(astral);
    expect(fx.edge.infoUpdateAuditEmoji().failMsg).toMatch(astral);
  });

  it('the longest strings the schema allows, and one more is refused', () => {
    const msg = fx.edge.infoUpdateAuditLongest();
    expect(INFO_UPDATE_LIMITS).toEqual({ outRequestNo: 64, mchid: 32, attachInfo: 1024, failCode: 32, failMsg: 1024 });
    expect(msg.outRequestNo).toHaveLength(64);
    expect(msg.mchid).toHaveLength(32);
    expect(msg.attachInfo).toHaveLength(1024);
    expect(msg.failCode).toHaveLength(32);
    expect(msg.failMsg).toHaveLength(1024);
    expect(() => fx.edge.infoUpdateAuditLongest({ failMsg: `${msg.failMsg!}。` })).toThrow(/fail_msg/);
  });

  it('minimal info update has only the required fields', () => {
    expect(Object.keys(fx.edge.infoUpdateAuditMinimal()).sort()).toEqual(['auditResult', 'mchid', 'outRequestNo', 'type']);
  });

  it('auditStatusAll sets every item status', () => {
    const s = fx.edge.auditStatusAll(AUDIT_ITEM_STATUS.REJECTED);
    expect([s.merchantInfoStatus, s.acctVerifyStatus, s.basicInfoStatus, s.paySignStatus]).toEqual([4, 4, 4, 4]);
    expect(s.registerStatus).toBe(0);
  });
});
