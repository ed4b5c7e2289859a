// Security review, finding 2: distinct genuine pushes shared one id, and the second was silently dropped
// (answered success, never dispatched, never re-sent). Each case below was merged by the old id
// (`FromUserName + CreateTime + Event`, no separator, no addressee) and must now be dispatched twice, while a
// real re-delivery (same plaintext, new timestamp, nonce and ciphertext) is still dispatched once.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageEvent, WxAudit } from '../src/index.js';
import { ID_PREFIX, joinIdParts, messageDigest } from '../src/events/ids.js';
import type { XmlInputObject } from '../src/wire/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, makeAudit, MOUNT, NOW_S, sceneAuditWire, send, textWire, type Format } from './helpers/push.js';

const audits: WxAudit[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

const COMPONENT = 'wx0c0a11ed0c0a11ed';

/** Sends each push once (safe mode) and returns the ids dispatched, in order. */
async function dispatchedIds(flavor: (typeof flavors)[number], pushes: Array<{ message: XmlInputObject; path?: string; format?: Format }>, options = {}) {
  const audit = makeAudit({ appId: COMPONENT, ...options });
  audits.push(audit);
  const app = makeApp(flavor, audit);
  const ids: string[] = [];
  audit.on('message', (e: MessageEvent) => void ids.push(e.id));
  for (const { message, path, format } of pushes) {
    const res = await send(app, buildPush({ message, receiveId: COMPONENT, format }), path ?? MOUNT);
    expect([res.status, res.text]).toEqual([200, 'success']);
  }
  return ids;
}

const unauthorized = (authorizer: string) => ({ AppId: COMPONENT, CreateTime: NOW_S - 5, InfoType: 'unauthorized', AuthorizerAppid: authorizer });

describe.each(flavors)('%s: distinct pushes keep distinct ids', (flavor) => {
  it("two authorizers' unauthorized in the same second on the authorization-event URL", async () => {
    const ids = await dispatchedIds(flavor, [{ message: unauthorized('wx1111111111111111') }, { message: unauthorized('wx2222222222222222') }]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]!.startsWith(ID_PREFIX.infoType)).toBe(true);
  });

  it('two scene audits of one Mini Program in the same second', async () => {
    const ids = await dispatchedIds(flavor, [
      { message: sceneAuditWire() },
      { message: sceneAuditWire({ SceneGroupAudit: { group_id: 2, reason: '审核中', name: '小程序直播场景', scene_group_ext_list: [{ ext_id: 1, status: 0, name: '客服售后' }] } }) },
    ]);
    expect(new Set(ids).size).toBe(2);
  });

  it('the same event for two authorizers under <mount>/<appid>', async () => {
    const ids = await dispatchedIds(flavor, [
      { message: sceneAuditWire(), path: `${MOUNT}/wx1111111111111111` },
      { message: sceneAuditWire(), path: `${MOUNT}/wx2222222222222222` },
    ]);
    expect(new Set(ids).size).toBe(2);
  });

  it('("o", 1796100003) and ("o1", 796100003): no field can run into the next', async () => {
    const ids = await dispatchedIds(
      flavor,
      [{ message: sceneAuditWire({ FromUserName: 'o', CreateTime: 1_796_100_003 }) }, { message: sceneAuditWire({ FromUserName: 'o1', CreateTime: 796_100_003 }) }],
      { maxMessageAgeSeconds: false },
    );
    expect(new Set(ids).size).toBe(2);
  });

  it("a JSON event whose 16-digit CreateTime equals another push's MsgId", async () => {
    const msgId = '1234567890123456';
    const ids = await dispatchedIds(
      flavor,
      [
        { message: textWire(msgId), format: 'json' },
        { message: { ToUserName: 'gh_885ece6ed5eb', CreateTime: Number(msgId), MsgType: 'event' }, format: 'json' },
      ],
      { maxMessageAgeSeconds: false },
    );
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toBe(`${ID_PREFIX.message}gh_885ece6ed5eb||${msgId}`);
  });

  it('two different pushes of an event no schema knows, same sender, same second, same Event', async () => {
    // wxa_punish_event is not typed (CATALOGUE §8): its id is a digest of the whole message.
    const check = (traceId: string) => ({ ToUserName: 'gh_885ece6ed5eb', FromUserName: 'oSystem', CreateTime: NOW_S - 1, MsgType: 'event', Event: 'wxa_punish_event', trace_id: traceId });
    const ids = await dispatchedIds(flavor, [{ message: check('60f96f1d-1') }, { message: check('60f96f1d-2') }]);
    expect(new Set(ids).size).toBe(2);
  });

  it('a re-delivery (new timestamp, nonce and ciphertext, same plaintext) keeps its id and is dispatched once', async () => {
    const audit = makeAudit({ appId: COMPONENT });
    audits.push(audit);
    const app = makeApp(flavor, audit);
    const ids: string[] = [];
    audit.on('message', (e) => void ids.push(e.id));
    for (const message of [sceneAuditWire(), unauthorized('wx1111111111111111'), { ToUserName: 'gh_1', FromUserName: 'o', CreateTime: NOW_S, MsgType: 'event', Event: 'x_unknown' }]) {
      for (const [timestamp, nonce] of [[NOW_S, '1'], [NOW_S + 5, '22']] as const) {
        const res = await send(app, buildPush({ message, receiveId: COMPONENT, timestamp: String(timestamp), nonce }));
        expect(res.text).toBe('success');
      }
    }
    expect(ids).toHaveLength(3);
  });
});

describe('joinIdParts', () => {
  const part = fc.oneof(fc.string(), fc.constantFrom('|', '%', '%7C', '||', 'a|b', '%25'), fc.integer());
  it('is injective: distinct (non-empty) part lists never give the same id', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), fc.array(part, { minLength: 1, maxLength: 5 }), (a, b) => {
        const same = a.length === b.length && a.every((x, i) => String(x) === String(b[i]));
        expect(joinIdParts('evt:', a) === joinIdParts('evt:', b)).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps readable parts readable', () => {
    expect(joinIdParts(ID_PREFIX.event, ['gh_1', '', 'o1', 796100003, 'open_product_scene_group_audit', 1])).toBe('evt:gh_1||o1|796100003|open_product_scene_group_audit|1');
  });

  it('messageDigest ignores key order and sees every value', () => {
    expect(messageDigest({ a: 1, b: { c: '2', d: [1, 2] } })).toBe(messageDigest({ b: { d: [1, 2], c: '2' }, a: 1 }));
    expect(messageDigest({ a: 1 })).not.toBe(messageDigest({ a: '1' }));
    expect(messageDigest({ a: [1, 2] })).not.toBe(messageDigest({ a: [2, 1] }));
  });
});
