import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWxAudit, defineEvent, isWxAuditError, type WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { AES_KEY, APP_ID, buildPush, makeAudit, NOW_S, send, TOKEN } from './helpers/push.js';
import { watch } from './helpers/refusals.js';

const audits: WxAudit<object>[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

// wxa_illegal_record is not in the catalogue (CATALOGUE.md §8): the user types it.
const illegalRecordWire = (id: string, extra: Record<string, unknown> = {}) => ({
  ToUserName: 'gh_fb9688c2a4b2',
  FromUserName: 'od1P50M-fNQI5Gcq-trm4a7apsU8',
  CreateTime: NOW_S - 30,
  MsgType: 'event',
  Event: 'wxa_illegal_record',
  illegal_record_id: id,
  create_time: String(NOW_S - 40),
  illegal_reason: '小程序涉嫌提供违规内容',
  ...extra,
});

const illegalRecord = defineEvent({
  name: 'wxaIllegalRecord',
  wire: { event: 'wxa_illegal_record' },
  schema: z
    .object({ illegal_record_id: z.string(), create_time: z.coerce.number(), illegal_reason: z.string() })
    .transform((m) => ({ illegalRecordId: m.illegal_record_id, createTime: m.create_time, illegalReason: m.illegal_reason })),
  id: (raw) => String(raw.illegal_record_id),
});

function withEvents(events: Parameters<typeof createWxAudit>[0]['events']) {
  const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, now: () => NOW_S * 1000, logger: false, events: events ?? [] });
  audits.push(audit);
  return audit;
}

describe.each(flavors)('%s: defineEvent', (flavor) => {
  it('a zod 4 schema types the push: the user event, then message, one id; no auditResult', async () => {
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, now: () => NOW_S * 1000, logger: false, events: [illegalRecord] });
    audits.push(audit);
    const order: string[] = [];
    const records: unknown[] = [];
    audit.on('wxaIllegalRecord', (e) => {
      order.push(e.type);
      records.push(e);
    });
    audit.on('auditResult', (e) => void order.push(e.type));
    audit.on('message', (e) => void order.push(`${e.type}:${e.id}`));
    const res = await send(makeApp(flavor, audit as unknown as WxAudit), buildPush({ message: illegalRecordWire('4111001') }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    expect(records[0]).toMatchObject({ type: 'wxaIllegalRecord', illegalRecordId: '4111001', createTime: NOW_S - 40, illegalReason: '小程序涉嫌提供违规内容' });
    const id = (records[0] as { id: string }).id;
    expect(id.startsWith('evt:gh_fb9688c2a4b2|')).toBe(true);
    expect(id.endsWith('|wxa_illegal_record|4111001')).toBe(true);
    expect(order).toEqual(['wxaIllegalRecord', `message:${id}`]);
  });

  it('its id keeps two records of the same second apart, and a re-delivery is dispatched once', async () => {
    const audit = withEvents([illegalRecord]);
    const ids: string[] = [];
    audit.on('wxaIllegalRecord' as never, (e: { id: string }) => void ids.push(e.id));
    const app = makeApp(flavor, audit as unknown as WxAudit);
    for (const [id, nonce] of [['1', 'a'], ['2', 'b'], ['1', 'c']] as const) {
      expect((await send(app, buildPush({ message: illegalRecordWire(id), nonce }))).text).toBe('success');
    }
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('valibot works too, asynchronous validation included', async () => {
    const audit = withEvents([
      defineEvent({
        name: 'secvodAudit',
        wire: { event: 'secvod_audit_event' },
        schema: v.pipeAsync(
          v.objectAsync({ drama_id: v.string(), audit_detail: v.optional(v.string()) }),
          v.checkAsync(async (m) => m.drama_id !== '', 'drama_id is empty'),
        ),
      }),
    ]);
    const seen: unknown[] = [];
    audit.on('secvodAudit' as never, (e: unknown) => void seen.push(e));
    const message = { ToUserName: 'gh_1', FromUserName: 'o1', CreateTime: NOW_S - 5, MsgType: 'event', Event: 'secvod_audit_event', drama_id: '2001' };
    const res = await send(makeApp(flavor, audit as unknown as WxAudit), buildPush({ message, format: 'json' }));
    expect(res.text).toBe('success');
    expect(seen).toEqual([expect.objectContaining({ type: 'secvodAudit', drama_id: '2001' })]);
  });

  it('a push that fails the schema is 400 SCHEMA_INVALID naming the field, never its value; nothing dispatched', async () => {
    const audit = withEvents([illegalRecord]);
    const seen = watch(audit as unknown as WxAudit);
    let called = 0;
    audit.on('message', () => void called++);
    const res = await send(makeApp(flavor, audit as unknown as WxAudit), buildPush({ message: illegalRecordWire('9', { illegal_reason: { nested: 'SECRET-CONTENT' } }) }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SCHEMA_INVALID');
    expect(res.body.message).toContain('illegal_reason');
    expect(res.body.message).toContain('wxaIllegalRecord');
    expect(res.text).not.toContain('SECRET-CONTENT');
    expect(seen.rejected.map((r) => r.code)).toEqual(['SCHEMA_INVALID']);
    expect(called).toBe(0);
  });

  it('a definition that throws (its schema, or id()) is a 500 INTERNAL_ERROR naming it, never what it threw', async () => {
    const throwing = defineEvent({
      name: 'throwingSchema',
      wire: { event: 'throwing_schema' },
      schema: z.object({ secret: z.string() }).transform((m): { secret: string } => {
        throw new Error(`cannot handle ${m.secret}`);
      }),
    });
    const badId = defineEvent({
      name: 'throwingId',
      wire: { event: 'throwing_id' },
      schema: z.object({}),
      id: (raw) => {
        throw new Error(`no id in ${String(raw.secret)}`);
      },
    });
    const audit = withEvents([throwing, badId]);
    const app = makeApp(flavor, audit as unknown as WxAudit);
    for (const [event, what] of [['throwing_schema', 'defineEvent "throwingSchema": its schema threw'], ['throwing_id', 'defineEvent "throwingId": id(raw) threw']] as const) {
      const message = { ToUserName: 'gh_1', FromUserName: 'o1', CreateTime: NOW_S - 5, MsgType: 'event', Event: event, secret: 'SECRET-CONTENT' };
      const res = await send(app, buildPush({ message }));
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('INTERNAL_ERROR');
      expect(res.body.message).toContain(what);
      expect(res.text).not.toContain('SECRET-CONTENT');
    }
  });

  it("a schema's output cannot override type, id or raw", async () => {
    const audit = withEvents([defineEvent({ name: 'sneaky', wire: { event: 'sneaky_event' }, schema: z.object({ type: z.string(), id: z.string() }) })]);
    const seen: Array<{ type: string; id: string }> = [];
    audit.on('sneaky' as never, (e: { type: string; id: string }) => void seen.push(e));
    const message = { ToUserName: 'gh_1', FromUserName: 'o1', CreateTime: NOW_S - 5, MsgType: 'event', Event: 'sneaky_event', type: 'message', id: 'forged' };
    expect((await send(makeApp(flavor, audit as unknown as WxAudit), buildPush({ message }))).text).toBe('success');
    expect(seen[0]!.type).toBe('sneaky');
    expect(seen[0]!.id).not.toBe('forged');
  });
});

describe('defineEvent and createWxAudit({ events }) refuse what cannot work, with CONFIG_INVALID', () => {
  const config = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(isWxAuditError(error) && error.code).toBe('CONFIG_INVALID');
      return (error as Error).message;
    }
    throw new Error('expected CONFIG_INVALID');
  };
  const schema = z.object({});

  it('a name the middleware emits, or given twice', () => {
    expect(config(() => withEvents([defineEvent({ name: 'message', wire: { event: 'x1' }, schema })]))).toContain('"message"');
    expect(config(() => withEvents([defineEvent({ name: 'weappAuditFail', wire: { event: 'x2' }, schema })]))).toContain('"weappAuditFail"');
    const a = defineEvent({ name: 'twice', wire: { event: 'x3' }, schema });
    const b = defineEvent({ name: 'twice', wire: { event: 'x4' }, schema });
    expect(config(() => withEvents([a, b]))).toContain('"twice"');
  });

  it('a push the catalogue already types, or two definitions of one push', () => {
    const message = config(() => withEvents([defineEvent({ name: 'myFail', wire: { event: 'weapp_audit_fail' }, schema })]));
    expect(message).toContain('already types');
    expect(message).toContain('"weappAuditFail"');
    expect(config(() => withEvents([defineEvent({ name: 'myTicket', wire: { infoType: 'component_verify_ticket' }, schema })]))).toContain('"componentVerifyTicket"');
    const a = defineEvent({ name: 'one', wire: { event: 'same' }, schema });
    const b = defineEvent({ name: 'two', wire: { event: 'same' }, schema });
    expect(config(() => withEvents([a, b]))).toContain('another event also claims');
  });

  it('malformed definitions', () => {
    expect(config(() => defineEvent({ name: '', wire: { event: 'x' }, schema }))).toContain('name');
    expect(config(() => defineEvent({ name: 'x', wire: {} as { event: string }, schema }))).toContain('exactly one');
    expect(config(() => defineEvent({ name: 'x', wire: { event: 'a', infoType: 'b' } as unknown as { event: string }, schema }))).toContain('exactly one');
    expect(config(() => defineEvent({ name: 'x', wire: { event: '' }, schema }))).toContain('non-empty');
    expect(config(() => defineEvent({ name: 'x', wire: { event: 'x' }, schema: { parse: () => 1 } as never }))).toContain('Standard Schema');
    expect(config(() => withEvents([{ name: 'x' } as never]))).toContain('defineEvent');
  });

  it('an audit without events is unchanged (the catalogue alone)', () => {
    const audit = makeAudit();
    audits.push(audit);
    expect(audit).toBeDefined();
  });
});
