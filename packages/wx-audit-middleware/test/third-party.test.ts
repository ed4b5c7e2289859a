import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageEvent, SceneAuditEvent, WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, formats, makeAudit, MOUNT, NOW_S, sceneAuditWire, send, verifySearch } from './helpers/push.js';
import { watch } from './helpers/refusals.js';

const audits: WxAudit[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

// A third-party platform decrypts every authorizer's pushes with its own key; the receiveId is the component appid.
const COMPONENT_APP_ID = 'wxc0c0c0c0c0c0c001';
const AUTHORIZER = 'wx0123456789abcd42';

function platform(flavor: (typeof flavors)[number]) {
  const audit = makeAudit({ appId: COMPONENT_APP_ID });
  audits.push(audit);
  return { audit, app: makeApp(flavor, audit), seen: watch(audit) };
}

describe.each(flavors)('%s: third-party platforms', (flavor) => {
  it('a scene audit posted to <mount>/<authorizerAppId> says which authorizer it was for', async () => {
    const { audit, app } = platform(flavor);
    const scenes: SceneAuditEvent[] = [];
    const messages: MessageEvent[] = [];
    audit.on('sceneAudit', (e) => void scenes.push(e));
    audit.on('message', (e) => void messages.push(e));
    const res = await send(app, buildPush({ message: sceneAuditWire(), receiveId: COMPONENT_APP_ID }), `${MOUNT}/${AUTHORIZER}`);
    expect(res.text).toBe('success');
    expect(scenes[0]).toMatchObject({ authorizerAppId: AUTHORIZER, groupId: 1, toUserName: 'gh_885ece6ed5eb' });
    expect(messages[0]).toMatchObject({ authorizerAppId: AUTHORIZER });
  });

  it('a trailing slash after the authorizer appid is the same path', async () => {
    const { audit, app } = platform(flavor);
    const scenes: SceneAuditEvent[] = [];
    audit.on('sceneAudit', (e) => void scenes.push(e));
    const res = await send(app, buildPush({ message: sceneAuditWire(), receiveId: COMPONENT_APP_ID }), `${MOUNT}/${AUTHORIZER}/`);
    expect(res.text).toBe('success');
    expect(scenes[0]!.authorizerAppId).toBe(AUTHORIZER);
  });

  it('the same message for two authorizers is still one message per authorizer path', async () => {
    const { audit, app } = platform(flavor);
    const seen: Array<string | undefined> = [];
    audit.on('sceneAudit', (e) => void seen.push(e.authorizerAppId));
    const push = buildPush({ message: sceneAuditWire({ FromUserName: 'oA' }), receiveId: COMPONENT_APP_ID });
    const other = buildPush({ message: sceneAuditWire({ FromUserName: 'oB' }), receiveId: COMPONENT_APP_ID });
    expect((await send(app, push, `${MOUNT}/wx1111111111111111`)).text).toBe('success');
    expect((await send(app, other, `${MOUNT}/wx2222222222222222`)).text).toBe('success');
    expect(seen).toEqual(['wx1111111111111111', 'wx2222222222222222']);
  });

  it('a system event (component_verify_ticket) carries <AppId> instead of <ToUserName>', async () => {
    const { audit, app, seen } = platform(flavor);
    const messages: MessageEvent[] = [];
    audit.on('message', (e) => void messages.push(e));
    const ticket = { AppId: COMPONENT_APP_ID, CreateTime: NOW_S - 10, InfoType: 'component_verify_ticket', ComponentVerifyTicket: 'ticket@@@abc' };
    const res = await send(app, buildPush({ message: ticket, receiveId: COMPONENT_APP_ID }));
    expect(res.text).toBe('success');
    expect(seen.rejected).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'message', msgType: 'component_verify_ticket', toUserName: COMPONENT_APP_ID });
    expect(messages[0]!.authorizerAppId).toBeUndefined();
    expect(messages[0]!.raw).toMatchObject({ AppId: COMPONENT_APP_ID, ComponentVerifyTicket: 'ticket@@@abc' });
    expect(messages[0]!.id).toMatch(new RegExp(`^sys:${COMPONENT_APP_ID}\\|\\|${NOW_S - 10}\\|component_verify_ticket\\|`));
  });

  it('an authorization event (unauthorized) is received and de-duplicated (AppId, CreateTime, InfoType and a digest of the message)', async () => {
    const { audit, app } = platform(flavor);
    let calls = 0;
    audit.on('message', () => void calls++);
    const event = { AppId: COMPONENT_APP_ID, CreateTime: NOW_S - 5, InfoType: 'unauthorized', AuthorizerAppid: AUTHORIZER };
    const push = buildPush({ message: event, receiveId: COMPONENT_APP_ID });
    expect((await send(app, push)).text).toBe('success');
    expect((await send(app, push)).text).toBe('success');
    expect(calls).toBe(1);
  });

  it('a push encrypted for the authorizer instead of the component appid is refused', async () => {
    const { app, seen } = platform(flavor);
    const res = await send(app, buildPush({ message: sceneAuditWire(), receiveId: AUTHORIZER }), `${MOUNT}/${AUTHORIZER}`);
    expect(res.status).toBe(401);
    expect(seen.rejected.map((r) => r.code)).toEqual(['APPID_MISMATCH']);
  });

  it('GET verification works at the authorizer path too', async () => {
    const { app } = platform(flavor);
    const res = await request(app).get(`${MOUNT}/${AUTHORIZER}${verifySearch('55')}`);
    expect(res.text).toBe('55');
  });
});

describe.each(flavors)('%s: scene_group_ext_list is always an array', (flavor) => {
  const lists = {
    none: [],
    one: [{ ext_id: 2, status: 0, name: '添加推广员' }],
    many: [
      { ext_id: 1, status: 1, name: 'a' },
      { ext_id: 2, status: 2, name: 'b' },
      { ext_id: 1, status: 3, name: 'c' },
    ],
  };
  describe.each(Object.entries(lists))('%s item(s)', (_count, list) => {
    it.each(formats)('%s', async (format) => {
      const audit = makeAudit();
      audits.push(audit);
      const scenes: SceneAuditEvent[] = [];
      audit.on('sceneAudit', (e) => void scenes.push(e));
      const wire = sceneAuditWire();
      const message = { ...wire, SceneGroupAudit: { group_id: 3, reason: 'r', name: 'n', scene_group_ext_list: list } };
      const res = await send(makeApp(flavor, audit), buildPush({ message, mode: 'plain', format }));
      expect(res.text).toBe('success');
      expect(scenes[0]!.sceneGroupExtList).toEqual(list.map((i) => ({ extId: i.ext_id, status: i.status, name: i.name })));
      expect(Array.isArray(scenes[0]!.sceneGroupExtList)).toBe(true);
      if (list.length > 0) {
        const raw = scenes[0]!.raw.SceneGroupAudit as { scene_group_ext_list: unknown };
        expect(Array.isArray(raw.scene_group_ext_list)).toBe(true);
      }
    });
  });

  it('a JSON sender that wrote a single object instead of a list still yields an array', async () => {
    const audit = makeAudit();
    audits.push(audit);
    const scenes: SceneAuditEvent[] = [];
    audit.on('sceneAudit', (e) => void scenes.push(e));
    const message = { ...sceneAuditWire(), SceneGroupAudit: { group_id: 3, reason: 'r', name: 'n', scene_group_ext_list: { ext_id: 1, status: 1, name: 'x' } } };
    const res = await send(makeApp(flavor, audit), buildPush({ message, mode: 'safe', format: 'json' }));
    expect(res.text).toBe('success');
    expect(scenes[0]!.sceneGroupExtList).toEqual([{ extId: 1, status: 1, name: 'x' }]);
  });
});
