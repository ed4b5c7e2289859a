import type { Server } from 'node:http';
import { once, type EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { type HandlerErrorEvent, type HandlerSlowEvent, type SceneAuditEvent, type WxAuditOptions } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, gate, makeAudit, sceneAuditWire, SEED_CREATE_TIME, send } from './helpers/push.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.each(flavors)('%s: delivery rules', (flavor) => {
  /** One real server per test (requests share it, like WeChat's retries hitting one instance). */
  function setup(overrides: Partial<WxAuditOptions> = {}) {
    const audit = makeAudit(overrides);
    const server: Server = makeApp(flavor, audit).listen(0, '127.0.0.1');
    const handlerErrors: HandlerErrorEvent[] = [];
    const errors: unknown[] = [];
    audit.on('handlerError', (e) => void handlerErrors.push(e));
    cleanup.push(async () => {
      server.close();
      await audit.close();
      expect(errors).toEqual([]); // 'error' is never emitted
    });
    // 'error' is not in the typed event map (it is never emitted); listen through the untyped base class.
    (audit as unknown as EventEmitter).on('error', (e: unknown) => void errors.push(e));
    return { audit, server, handlerErrors };
  }

  it('answers success only after every listener settled', async () => {
    const { audit, server } = setup();
    const log: string[] = [];
    const held = gate();
    const called = gate();
    audit.on('sceneAudit', async () => {
      log.push('listener called');
      called.open();
      await held.promise;
      log.push('listener settled');
    });
    audit.on('message', () => void log.push('message listener'));
    const answer = send(server, push).then((res) => (log.push('answered'), res));
    await called.promise;
    await later(50); // room for a wrong implementation to answer early
    held.open();
    const res = await answer;
    expect(res.text).toBe('success');
    expect(log).toEqual(['listener called', 'message listener', 'listener settled', 'answered']);
  });

  it.each([
    ['throws', () => { throw new Error('db down'); }],
    ['rejects', async () => { throw new Error('db down'); }],
  ])('a listener that %s → 500 HANDLER_FAILED + handlerError; the retry dispatches again', async (_how, failing) => {
    const { audit, server, handlerErrors } = setup();
    const calls: SceneAuditEvent[] = [];
    audit.on('sceneAudit', (e) => {
      calls.push(e);
      if (calls.length === 1) return failing();
    });

    const first = await send(server, push);
    expect(first.status).toBe(500);
    expect(first.body).toMatchObject({ code: 'HANDLER_FAILED' });
    expect(handlerErrors).toHaveLength(1);
    expect(handlerErrors[0]).toMatchObject({ type: 'handlerError', event: { type: 'sceneAudit', groupId: 1 } });
    expect((handlerErrors[0]!.error as Error).message).toBe('db down');

    const retry = await send(server, push);
    expect(retry.text).toBe('success');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.id).toBe(calls[0]!.id);

    const redelivery = await send(server, push);
    expect(redelivery.text).toBe('success');
    expect(calls).toHaveLength(2);
  });

  it('a listener past ackTimeoutMs → 503 HANDLER_TIMEOUT; the message stays in flight until it settles, then retries are acknowledged and handlerSlow (not handlerError) reports it', async () => {
    const { audit, server, handlerErrors } = setup({ ackTimeoutMs: 100 });
    const held = gate();
    const slow = gate<HandlerSlowEvent>();
    audit.on('handlerSlow', (e) => slow.open(e));
    let calls = 0;
    audit.on('sceneAudit', async () => {
      calls++;
      await held.promise;
    });

    const first = await send(server, push);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ code: 'HANDLER_TIMEOUT', message: expect.stringContaining('raise ackTimeoutMs (below 5000') });
    expect((first.body as { message: string }).message).toContain('durable mode');

    // Still running: a retry must not dispatch a second time.
    const whileRunning = await send(server, push);
    expect(whileRunning.status).toBe(503);
    expect(calls).toBe(1);

    held.open();
    const recovered = await slow.promise;
    expect(recovered).toMatchObject({ type: 'handlerSlow', ackTimeoutMs: 100, event: { type: 'sceneAudit' } });
    expect(recovered.elapsedMs).toBeGreaterThanOrEqual(100);
    const afterSettled = await send(server, push);
    expect(afterSettled.text).toBe('success');
    const again = await send(server, push);
    expect(again.text).toBe('success');
    expect(calls).toBe(1);
    // It overran but succeeded: nothing failed, so nothing that alerting on handlerError would page for.
    expect(handlerErrors).toEqual([]);
  });

  it('a listener past ackTimeoutMs that finally fails releases the message: the next retry dispatches again', async () => {
    const { audit, server, handlerErrors } = setup({ ackTimeoutMs: 100 });
    const held = gate();
    let calls = 0;
    audit.on('sceneAudit', async () => {
      if (++calls > 1) return;
      await held.promise;
      throw new Error('gave up');
    });
    const failed = gate();
    audit.on('handlerError', (e) => void ((e.error as Error).message === 'gave up' && failed.open()));
    expect((await send(server, push)).status).toBe(503);
    held.open();
    await failed.promise;
    expect(calls).toBe(1);
    // One handlerError, with the listener's own error: the overrun alone is not a failure.
    expect(handlerErrors.map((e) => (e.error as Error).message)).toEqual(['gave up']);
    expect((await send(server, push)).text).toBe('success');
    expect(calls).toBe(2);
  });

  it('concurrent duplicates: 10 at once → the listener runs once, every answer is success', async () => {
    const { audit, server } = setup();
    const held = gate();
    const called = gate();
    let calls = 0;
    audit.on('sceneAudit', async () => {
      calls++;
      called.open();
      await held.promise;
    });
    const answers = Promise.all(Array.from({ length: 10 }, () => send(server, push)));
    await called.promise;
    await later(50);
    held.open();
    const results = await answers;
    expect(results.map((r) => r.text)).toEqual(Array(10).fill('success'));
    expect(calls).toBe(1);
  });

  it('concurrent duplicates of a failing message: all answered 500, never two dispatches at once', async () => {
    const { audit, server, handlerErrors } = setup();
    const held = gate();
    const called = gate();
    let calls = 0;
    let active = 0;
    let maxActive = 0;
    audit.on('sceneAudit', async () => {
      calls++;
      maxActive = Math.max(maxActive, ++active);
      called.open();
      await held.promise;
      active--;
      throw new Error('nope');
    });
    const answers = Promise.all(Array.from({ length: 5 }, () => send(server, push)));
    await called.promise;
    await later(50);
    held.open();
    const results = await answers;
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(500));
    expect(results.map((r) => (r.body as { code: string }).code)).toEqual(Array(5).fill('HANDLER_FAILED'));
    // Waiting duplicates share the first delivery's outcome; one that arrived after it may dispatch again, but alone.
    expect(maxActive).toBe(1);
    expect(handlerErrors).toHaveLength(calls);
  });

  it('different messages are dispatched independently', async () => {
    const { audit, server } = setup();
    const seen: number[] = [];
    audit.on('sceneAudit', (e) => void seen.push(e.createTime));
    const other = buildPush({ message: sceneAuditWire({ CreateTime: SEED_CREATE_TIME + 1 }), mode: 'safe' });
    const results = await Promise.all([send(server, push), send(server, other)]);
    expect(results.map((r) => r.text)).toEqual(['success', 'success']);
    expect(seen.sort()).toEqual([SEED_CREATE_TIME, SEED_CREATE_TIME + 1]);
  });

  it('`once` and events.once(audit, "sceneAudit") each receive the event once', async () => {
    const { audit, server } = setup();
    const onceSeen: SceneAuditEvent[] = [];
    audit.once('sceneAudit', (e) => void onceSeen.push(e));
    const waiting = once(audit, 'sceneAudit') as Promise<[SceneAuditEvent]>;
    expect((await send(server, push)).text).toBe('success');
    const [event] = await waiting;
    expect(event).toMatchObject({ type: 'sceneAudit', groupId: 1 });
    expect(onceSeen).toEqual([event]);
    expect(audit.listenerCount('sceneAudit')).toBe(0);
    expect((await send(server, buildPush({ message: sceneAuditWire({ CreateTime: SEED_CREATE_TIME + 5 }), mode: 'safe' }))).text).toBe('success');
    expect(onceSeen).toHaveLength(1);
  });

  it('`off` removes a listener', async () => {
    const { audit, server } = setup();
    let calls = 0;
    const listener = () => void calls++;
    audit.on('sceneAudit', listener);
    audit.off('sceneAudit', listener);
    expect((await send(server, push)).text).toBe('success');
    expect(calls).toBe(0);
  });

  it('throwing and rejecting rejected/handlerError listeners crash nothing', async () => {
    const { audit, server } = setup();
    audit.on('rejected', () => {
      throw new Error('sync rejected listener');
    });
    audit.on('rejected', async () => {
      throw new Error('async rejected listener');
    });
    audit.on('handlerError', () => {
      throw new Error('sync handlerError listener');
    });
    audit.on('sceneAudit', async () => {
      throw new Error('failing listener');
    });
    const refused = await send(server, buildPush({ message: sceneAuditWire(), mode: 'safe', token: 'wrong' }));
    expect(refused.status).toBe(401);
    const failed = await send(server, push);
    expect(failed.status).toBe(500);
    await later(10);
    expect((audit as unknown as EventEmitter).listenerCount('error')).toBe(1); // only the test's own recorder
  });
});
