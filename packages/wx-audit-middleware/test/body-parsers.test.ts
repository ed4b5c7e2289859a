import { afterEach, describe, expect, it } from 'vitest';
import type { MessageEvent, RejectedEvent, SceneAuditEvent, WxAudit } from '../src/index.js';
import { flavors, makeApp, parsers } from './helpers/apps.js';
import { buildPush, formats, makeAudit, modes, sceneAuditWire, send, textWire } from './helpers/push.js';

const audits: WxAudit[] = [];
const track = (audit: WxAudit) => (audits.push(audit), audit);
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

// A push's signatures cover the query and Encrypt, not the body bytes: whatever parser ran first, the push is accepted.
describe.each(flavors)('%s: pushes behind every body parser', (flavor) => {
  describe.each(parsers)('parser %s', (parser) => {
    describe.each(modes)('%s mode', (mode) => {
      it.each(formats)('%s scene audit is received once and answered success', async (format) => {
        const audit = track(makeAudit());
        const scenes: SceneAuditEvent[] = [];
        audit.on('sceneAudit', (e) => void scenes.push(e));
        const res = await send(makeApp(flavor, audit, parser), buildPush({ message: sceneAuditWire(), mode, format }));
        expect(res.status).toBe(200);
        expect(res.text).toBe('success');
        expect(scenes).toHaveLength(1);
        expect(scenes[0]).toMatchObject({ groupId: 1, sceneGroupExtList: [{ extId: 1 }, { extId: 2 }] });
      });
    });
  });

  const msgId = '6054768590064713728';
  const bigIntJson = JSON.stringify(textWire('MSGID')).replace('"MSGID"', msgId);

  it.each(['none', 'text', 'raw', 'urlencoded', 'json-rawBody'] as const)(
    'parser %s: a plaintext JSON MsgId beyond 2^53 stays exact',
    async (parser) => {
      const audit = track(makeAudit());
      const messages: MessageEvent[] = [];
      audit.on('message', (e) => void messages.push(e));
      const res = await send(makeApp(flavor, audit, parser), buildPush({ message: textWire(msgId), mode: 'plain', format: 'json', serialized: bigIntJson }));
      expect(res.text).toBe('success');
      expect(messages[0]!.msgId).toBe(msgId);
      expect(messages[0]!.id).toBe(`msg:gh_885ece6ed5eb||${msgId}`);
    },
  );

  it('express.json() without rawBody already rounded a 64-bit MsgId: refused with the fix, never a wrong id', async () => {
    const audit = track(makeAudit());
    const messages: MessageEvent[] = [];
    const rejected: RejectedEvent[] = [];
    audit.on('message', (e) => void messages.push(e));
    audit.on('rejected', (e) => void rejected.push(e));
    const res = await send(makeApp(flavor, audit, 'json'), buildPush({ message: textWire(msgId), mode: 'plain', format: 'json', serialized: bigIntJson }));
    expect(res.status).toBe(500);
    expect(messages).toEqual([]);
    expect(rejected).toMatchObject([{ code: 'RAW_BODY_UNAVAILABLE', status: 500 }]);
    expect(rejected[0]!.message).toMatch(/rawBody/);
  });

  it('express.json() in compatible mode: the decrypted MsgId wins over the rounded plaintext copy', async () => {
    const audit = track(makeAudit());
    const messages: MessageEvent[] = [];
    audit.on('message', (e) => void messages.push(e));
    const push = buildPush({ message: textWire(msgId), mode: 'compatible', format: 'json', serialized: bigIntJson });
    const res = await send(makeApp(flavor, audit, 'json'), { ...push, body: push.body.replace(`"${msgId}"`, msgId) });
    expect(res.text).toBe('success');
    expect(messages[0]!.msgId).toBe(msgId);
      expect(messages[0]!.id).toBe(`msg:gh_885ece6ed5eb||${msgId}`);
  });

  it('express.json() with a MsgId that fits a double is accepted', async () => {
    const audit = track(makeAudit());
    const messages: MessageEvent[] = [];
    audit.on('message', (e) => void messages.push(e));
    const small = JSON.stringify(textWire('MSGID')).replace('"MSGID"', '1234567');
    const res = await send(makeApp(flavor, audit, 'json'), buildPush({ message: textWire('1234567'), mode: 'plain', format: 'json', serialized: small }));
    expect(res.text).toBe('success');
    expect(messages[0]!.id).toBe('msg:gh_885ece6ed5eb||1234567');
  });
});
