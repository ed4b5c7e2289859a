// audit.close() in the default mode: it waits for running listeners, but no longer than `timeoutMs`.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { isWxAuditError } from '../src/index.js';
import { buildPush, makeAudit, MOUNT, textWire } from './helpers/push.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('audit.close({ timeoutMs })', () => {
  it('returns once timeoutMs has passed although a listener never settles', async () => {
    const audit = makeAudit({ ackTimeoutMs: 50 });
    audit.on('message', () => new Promise(() => undefined));
    const push = buildPush({ message: textWire('9990001') });
    const res = await request(express().use(MOUNT, audit.middleware())).post(`${MOUNT}${push.search}`).set('content-type', push.contentType).send(push.body);
    expect(res.status).toBe(503); // HANDLER_TIMEOUT: the listener is still running
    const outcome = await Promise.race([audit.close({ timeoutMs: 100 }).then(() => 'closed'), sleep(3000).then(() => 'still closing')]);
    expect(outcome).toBe('closed');
  });

  it('refuses a timeoutMs that is not a number of milliseconds', async () => {
    const audit = makeAudit();
    const error = await audit.close({ timeoutMs: -1 }).catch((e: unknown) => e);
    expect(isWxAuditError(error) && error.code).toBe('CONFIG_INVALID');
    await audit.close();
  });
});
