// Dead letters against a real Redis: list them, replay them through the same idempotency, drop them, and
// leave no empty `:dead` stream key behind.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createWxAudit, openDeadLetters, WxAuditError, type DurableOptions, type WxAudit } from '../src/index.js';
import { APP_ID, AES_KEY, TOKEN, textPush, textPushId } from './redis-helpers/push.js';
import { claimKey, dropPrefix, REDIS_URL, redisAvailable, sleep, testClient, uniquePrefix, until } from './redis-helpers/redis.js';

describe.skipIf(!redisAvailable)('dead letters against a real Redis', () => {
  const client = redisAvailable ? testClient() : undefined;
  const prefixes: string[] = [];
  const audits: WxAudit[] = [];
  afterAll(async () => {
    await Promise.all(audits.map((a) => a.close()));
    for (const p of prefixes) await dropPrefix(client!, p);
    client?.disconnect();
  });

  /** A durable audit whose listener fails while `failing` is set, with `n` pushes already dead-lettered. */
  async function withDeadLetters(name: string, msgIds: string[], extra: Partial<DurableOptions> = {}) {
    const keyPrefix = uniquePrefix(name);
    prefixes.push(keyPrefix);
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, logger: false, durable: { url: REDIS_URL, keyPrefix, blockMs: 100, maxAttempts: 2, backoff: { baseMs: 10, maxMs: 20 }, claimIdleMs: 500, ...extra } });
    audits.push(audit);
    const state = { failing: true, runs: [] as string[] };
    audit.on('message', (event) => {
      state.runs.push(event.id);
      if (state.failing) throw new Error('listener down');
    });
    const app = express().use('/wechat/audit', audit.middleware());
    for (const msgId of msgIds) {
      const push = textPush(msgId);
      expect((await request(app).post(`/wechat/audit${push.search}`).set('content-type', push.contentType).send(push.body)).status).toBe(200);
    }
    const dead = `${keyPrefix}{events}:dead`;
    await until(async () => (await client!.xlen(dead)) === msgIds.length, 'the dead letters');
    state.runs.length = 0;
    return { audit, keyPrefix, dead, state };
  }

  it('lists each dead letter with its id, attempts, error, time and events, a page at a time', async () => {
    const { audit } = await withDeadLetters('list', ['5550001', '5550002']);
    const all = await audit.deadLetters().list();
    expect(all.map((d) => [d.id, d.attempts, d.error])).toEqual([
      [textPushId('5550001'), 2, 'Error: listener down'],
      [textPushId('5550002'), 2, 'Error: listener down'],
    ]);
    expect(all[0]!.events).toHaveLength(1);
    expect(all[0]!.events[0]).toMatchObject({ type: 'message', id: textPushId('5550001'), msgType: 'text' });
    expect(all[0]!.failedAt).toBeInstanceOf(Date);
    expect(Math.abs(all[0]!.failedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await audit.deadLetters().count()).toBe(2);
    const first = await audit.deadLetters().list({ count: 1 });
    expect(first.map((d) => d.entryId)).toEqual([all[0]!.entryId]);
    const next = await audit.deadLetters().list({ count: 1, after: first[0]!.entryId });
    expect(next.map((d) => d.entryId)).toEqual([all[1]!.entryId]);
    expect(await audit.deadLetters().list({ after: all[1]!.entryId })).toEqual([]);
  });

  it('replays an entry: the listener runs once, the entry leaves the dead letters, the last one takes the key with it', async () => {
    const { audit, keyPrefix, dead, state } = await withDeadLetters('replay', ['5550003']);
    const [letter] = await audit.deadLetters().list();
    const rawFields = ((await client!.xrange(dead, '-', '+')) as Array<[string, string[]]>)[0]![1];
    state.failing = false;
    expect(await audit.deadLetters().replay(letter!.entryId)).toEqual({ replayed: [letter!.entryId], notFound: [], malformed: [] });
    expect(await client!.exists(dead)).toBe(0);
    await until(async () => (await client!.get(claimKey(keyPrefix, textPushId('5550003')))) === 'd' && (await client!.xlen(`${keyPrefix}{events}`)) === 0, 'the replayed entry to be done');
    expect(state.runs).toEqual([textPushId('5550003')]);

    // The same id dead-lettered again (a copy of the entry): already done in the store, so not run again.
    const copy = await client!.xadd(dead, '*', ...rawFields);
    expect(await audit.deadLetters().replay([copy!])).toEqual({ replayed: [copy], notFound: [], malformed: [] });
    await until(async () => (await client!.xlen(`${keyPrefix}{events}`)) === 0, 'the copy to be acknowledged');
    await sleep(200);
    expect(state.runs).toEqual([textPushId('5550003')]);
    expect(await client!.exists(dead)).toBe(0);
    // Replaying it a second time finds nothing.
    expect(await audit.deadLetters().replay(letter!.entryId)).toEqual({ replayed: [], notFound: [letter!.entryId], malformed: [] });
  });

  it('a replayed entry that fails again goes back to the dead letters, once', async () => {
    const { audit, dead, state } = await withDeadLetters('refail', ['5550004']);
    const [letter] = await audit.deadLetters().list();
    await audit.deadLetters().replay(letter!.entryId);
    await until(async () => (await client!.xlen(dead)) === 1 && state.runs.length === 2, 'the entry to be dead-lettered again');
    const [again] = await audit.deadLetters().list();
    expect(again!.entryId).not.toBe(letter!.entryId);
    expect([again!.id, again!.attempts]).toEqual([textPushId('5550004'), 2]);
  });

  it('drops entries, says which were not there, and deletes the key with the last one', async () => {
    const { audit, dead, state } = await withDeadLetters('drop', ['5550005', '5550006']);
    const [a, b] = await audit.deadLetters().list();
    expect(await audit.deadLetters().drop(a!.entryId)).toEqual({ dropped: [a!.entryId], notFound: [] });
    expect((await audit.deadLetters().list()).map((d) => d.entryId)).toEqual([b!.entryId]);
    expect(await audit.deadLetters().drop([b!.entryId, a!.entryId])).toEqual({ dropped: [b!.entryId], notFound: [a!.entryId] });
    expect(await client!.exists(dead)).toBe(0);
    await sleep(200);
    expect(state.runs).toEqual([]);
  });

  it('leaves an entry wx-audit did not write where it is on replay (malformed), and drops it', async () => {
    const { audit, dead } = await withDeadLetters('malformed', []);
    const stray = (await client!.xadd(dead, '*', 'id', '', 'events', '["x"]', 'error', 'ENTRY_MALFORMED: …', 'attempts', '0'))!;
    expect(await audit.deadLetters().list()).toMatchObject([{ entryId: stray, id: '', events: [] }]);
    expect(await audit.deadLetters().replay(stray)).toEqual({ replayed: [], notFound: [], malformed: [stray] });
    expect(await client!.xlen(dead)).toBe(1);
    expect((await audit.deadLetters().drop(stray)).dropped).toEqual([stray]);
    expect(await client!.exists(dead)).toBe(0);
  });

  it('openDeadLetters reaches the same dead letters without an audit', async () => {
    const { keyPrefix } = await withDeadLetters('open', ['5550007']);
    const letters = openDeadLetters({ url: REDIS_URL, keyPrefix });
    try {
      expect((await letters.list()).map((d) => d.id)).toEqual([textPushId('5550007')]);
    } finally {
      await letters.close();
    }
  });

  it('refuses an entry id that is not one, naming what to pass', async () => {
    const { audit } = await withDeadLetters('bad-id', []);
    await expect(audit.deadLetters().replay('nope')).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('list()') });
  });

  it('the wx-audit dead-letters command lists, replays and drops them (the built CLI)', async () => {
    const { keyPrefix, dead, state } = await withDeadLetters('cli', ['5560001', '5560002', '5560003']);
    const wxAudit = (...args: string[]) => runCli(['dead-letters', ...args, '--redis-url', REDIS_URL, '--key-prefix', keyPrefix]);
    const listed = await wxAudit('list', '--json');
    expect(listed.code).toBe(0);
    const entries = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { entryId: string; id: string; attempts: number });
    expect(entries.map((e) => [e.id, e.attempts])).toEqual(['5560001', '5560002', '5560003'].map((m) => [textPushId(m), 2]));
    const text = await wxAudit('list');
    expect(text.stdout).toContain('3 of 3 dead letter(s)');

    state.failing = false;
    const replayed = await wxAudit('replay', entries[0]!.entryId);
    expect([replayed.code, replayed.stdout.trim()]).toEqual([0, 'replayed 1; not found 0; malformed (left, drop them) 0']);
    await until(() => state.runs.includes(textPushId('5560001')), 'the replayed listener');
    expect((await wxAudit('replay', entries[0]!.entryId)).code).toBe(1); // no longer a dead letter

    const dropped = await wxAudit('drop', '--all');
    expect([dropped.code, dropped.stdout.trim()]).toEqual([0, 'dropped 2; not found 0']);
    expect(await client!.exists(dead)).toBe(0);
    expect(state.runs).toEqual([textPushId('5560001')]);

    for (const usage of [[], ['replay'], ['replay', 'x-1'], ['drop', '--all', entries[1]!.entryId], ['list', '--all'], ['purge']]) {
      const res = await wxAudit(...usage);
      expect(res.code, usage.join(' ')).toBe(2);
      expect(res.stderr).toContain('dead-letters --help');
    }
  }, 30_000);
});

describe('dead letters outside durable mode', () => {
  it('audit.deadLetters() is NOT_CONFIGURED, saying how to get them', () => {
    const audit = createWxAudit({ token: TOKEN });
    const error = (() => {
      try {
        audit.deadLetters();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WxAuditError);
    expect(error).toMatchObject({ code: 'NOT_CONFIGURED', message: expect.stringContaining('durable') });
  });
});

const cliPath = fileURLToPath(new URL('../../wx-audit-fixtures/dist/cli.js', import.meta.url));
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
