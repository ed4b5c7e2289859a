import { afterEach, describe, expect, it } from 'vitest';
import { createWxAudit, defineEvent, type StandardSchemaV1, type WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { AES_KEY, APP_ID, buildPush, NOW_S, send, TOKEN } from './helpers/push.js';

const audits: WxAudit<object>[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

const message = { ToUserName: 'gh_1', FromUserName: 'o1', CreateTime: NOW_S - 5, MsgType: 'event', Event: 'thenable_event', drama_id: '2001' };

/** A thenable that is not a native Promise (Bluebird, another realm's Promise, a library's own). */
function thenable<T>(value: T): PromiseLike<T> {
  return { then: (ok, ko) => Promise.resolve(value).then(ok, ko) };
}

function schemaAnswering(answer: (raw: unknown) => unknown): StandardSchemaV1<unknown, { dramaId: string }> {
  return { '~standard': { version: 1, vendor: 'test', validate: answer as StandardSchemaV1<unknown, { dramaId: string }>['~standard']['validate'] } };
}

function audit(schema: StandardSchemaV1<unknown, { dramaId: string }>) {
  const a = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, now: () => NOW_S * 1000, logger: false, events: [defineEvent({ name: 'thenableEvent', wire: { event: 'thenable_event' }, schema })] });
  audits.push(a);
  return a;
}

// Found in review: parse() and pushEvents() told an asynchronous result by `instanceof Promise`, so a
// schema answering with another thenable had its answer taken for the result itself: its issues were
// never read (the push acknowledged, its listener called with no typed fields) and its value never used.
describe.each(flavors)('%s: defineEvent with a schema answering through a thenable', (flavor) => {
  it('issues given through a thenable refuse the push (400), nothing dispatched', async () => {
    const a = audit(schemaAnswering(() => thenable({ issues: [{ message: 'bad', path: ['drama_id'] }] })));
    const seen: unknown[] = [];
    a.on('thenableEvent', (e) => void seen.push(e));
    const res = await send(makeApp(flavor, a as unknown as WxAudit), buildPush({ message }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SCHEMA_INVALID');
    expect(seen).toEqual([]);
  });

  it('a value given through a thenable is the typed fields', async () => {
    const a = audit(schemaAnswering((raw) => thenable({ value: { dramaId: (raw as { drama_id: string }).drama_id } })));
    const seen: Array<{ type: string; dramaId: string }> = [];
    a.on('thenableEvent', (e) => void seen.push(e));
    const res = await send(makeApp(flavor, a as unknown as WxAudit), buildPush({ message }));
    expect(res.text).toBe('success');
    expect(seen).toEqual([expect.objectContaining({ type: 'thenableEvent', dramaId: '2001' })]);
  });
});
