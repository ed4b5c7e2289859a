import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageEvent, SceneAuditEvent, WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, formats, makeAudit, modes, MOUNT, NOW_S, sceneAuditWire, SEED_CREATE_TIME, send, textWire, verifySearch } from './helpers/push.js';
import seed from '../../../fixtures/seed/scene-audit.json' with { type: 'json' };

const audits: WxAudit[] = [];
const track = (audit: WxAudit) => (audits.push(audit), audit);
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

// Written by hand from the seed, not derived through the schema under test.
const expectedScene = { ...seed.event, createTime: SEED_CREATE_TIME };

describe.each(flavors)('%s: every mode x format', (flavor) => {
  describe.each(modes)('%s mode', (mode) => {
    it.each(formats)('a scene audit in %s becomes sceneAudit and message, answered success', async (format) => {
      const audit = track(makeAudit());
      const scenes: SceneAuditEvent[] = [];
      const messages: MessageEvent[] = [];
      audit.on('sceneAudit', (e) => void scenes.push(e));
      audit.on('message', (e) => void messages.push(e));

      const res = await send(makeApp(flavor, audit), buildPush({ message: sceneAuditWire(), mode, format }));

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe('success');
      expect(scenes).toHaveLength(1);
      expect(scenes[0]).toMatchObject(expectedScene);
      // No MsgId on events: receiving account, path, sender, CreateTime, Event, group_id.
      expect(scenes[0]!.id).toBe(`evt:gh_885ece6ed5eb||oMKbH5MtRalx0-1bIdmAuduh|${SEED_CREATE_TIME}|open_product_scene_group_audit|1`);
      expect(scenes[0]!.raw.Encrypt).toBeUndefined();
      expect(scenes[0]!.authorizerAppId).toBeUndefined();
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ type: 'message', id: scenes[0]!.id, msgType: 'event', event: 'open_product_scene_group_audit' });
    });

    it.each(formats)('a text message in %s keeps its 64-bit MsgId exact as id', async (format) => {
      const audit = track(makeAudit());
      const messages: MessageEvent[] = [];
      audit.on('message', (e) => void messages.push(e));
      const msgId = '6054768590064713728';
      // JSON: the MsgId as a bare number, the way WeChat writes it, which JSON.parse would round.
      const serialized = format === 'json' ? JSON.stringify(textWire('MSGID')).replace('"MSGID"', msgId) : undefined;

      const res = await send(makeApp(flavor, audit), buildPush({ message: textWire(msgId), mode, format, serialized }));

      expect(res.text).toBe('success');
      expect(messages[0]).toMatchObject({ id: `msg:gh_885ece6ed5eb||${msgId}`, msgId, msgType: 'text', event: undefined });
      expect(messages[0]!.raw.MsgId).toBe(msgId);
      expect(messages[0]!.raw.Content).toBe('hello');
    });
  });

  it('compatible mode: the decrypted fields win over the plaintext ones', async () => {
    const audit = track(makeAudit());
    const scenes: SceneAuditEvent[] = [];
    audit.on('sceneAudit', (e) => void scenes.push(e));
    const push = buildPush({ message: sceneAuditWire(), mode: 'compatible' });
    // Tamper with the unauthenticated plaintext copy only; msg_signature covers Encrypt, not these.
    const tampered = push.body.replace('<group_id>1</group_id>', '<group_id>99</group_id>').replace('gh_885ece6ed5eb', 'gh_attacker');
    expect(tampered).not.toBe(push.body);

    const res = await send(makeApp(flavor, audit), { ...push, body: tampered });

    expect(res.text).toBe('success');
    expect(scenes[0]).toMatchObject({ groupId: 1, toUserName: 'gh_885ece6ed5eb' });
  });

  it('GET URL verification echoes echostr verbatim', async () => {
    const audit = track(makeAudit());
    const res = await request(makeApp(flavor, audit)).get(MOUNT + verifySearch('7329456780124563'));
    expect(res.status).toBe(200);
    expect(res.text).toBe('7329456780124563');
  });

  it('a plaintext-only audit (token alone) accepts plaintext pushes', async () => {
    const audit = track(makeAudit({ encodingAESKey: undefined, appId: undefined }));
    const scenes: SceneAuditEvent[] = [];
    audit.on('sceneAudit', (e) => void scenes.push(e));
    const res = await send(makeApp(flavor, audit), buildPush({ message: sceneAuditWire(), mode: 'plain', timestamp: String(NOW_S - 10) }));
    expect(res.text).toBe('success');
    expect(scenes).toHaveLength(1);
  });
});
