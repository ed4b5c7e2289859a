import { afterEach, describe, expect, it } from 'vitest';
import type { MessageEvent, SceneAuditEvent, WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, formats, makeAudit, sceneAuditWire, send, type Mode } from './helpers/push.js';

const audits: WxAudit[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

/** Adds members beside Encrypt in the body: nothing signs them (msg_signature covers Encrypt only). */
function inject(body: string, format: 'xml' | 'json', fields: Record<string, string>): string {
  if (format === 'json') return JSON.stringify({ ...(JSON.parse(body) as object), ...fields });
  const extra = Object.entries(fields).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('');
  return body.replace('<xml>', `<xml>${extra}`);
}

describe.each(flavors)('%s: fields beside Encrypt are not authenticated', (flavor) => {
  describe.each<Mode>(['safe', 'compatible'])('%s mode', (mode) => {
    it.each(formats)('%s: a replay with a forged MsgId beside Encrypt is not dispatched again, nor does the forged field reach raw', async (format) => {
      const audit = makeAudit();
      audits.push(audit);
      const app = makeApp(flavor, audit);
      const scenes: SceneAuditEvent[] = [];
      const messages: MessageEvent[] = [];
      audit.on('sceneAudit', (e) => void scenes.push(e));
      audit.on('message', (e) => void messages.push(e));

      const push = buildPush({ message: sceneAuditWire(), mode, format });
      expect((await send(app, push)).text).toBe('success');
      expect(scenes).toHaveLength(1);

      // The same captured request, replayed with unsigned extras beside Encrypt.
      const forged = { ...push, body: inject(push.body, format, { MsgId: '42', Forged: 'yes' }) };
      expect((await send(app, forged)).text).toBe('success');

      expect(scenes).toHaveLength(1);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.msgId).toBeUndefined();
      expect(messages[0]!.raw.Forged).toBeUndefined();
    });
  });
});
