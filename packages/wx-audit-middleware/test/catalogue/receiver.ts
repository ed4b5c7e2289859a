import { expect } from 'vitest';
import type { Response } from 'supertest';
import type { AnyDispatchedEvent, RejectedEvent, WxAudit } from '../../src/index.js';
import type { XmlInputObject } from '../../src/wire/index.js';
import { makeApp, type ExpressFlavor } from '../helpers/apps.js';
import { buildPush, makeAudit, send, type BuiltPush, type PushSpec } from '../helpers/push.js';
import { CHANNELS } from './channels.js';
import { CREATED, example, WIRE_EXAMPLES, type Channel } from './wire-examples.js';

/** Every event a catalogue push can dispatch: the 33 typed ones (named by the oracle, not the registry), auditResult, message. */
export const DISPATCHED_NAMES = [...WIRE_EXAMPLES.map((e) => e.name), 'auditResult', 'message'];

export interface Posted {
  /** What was sent. */
  push: BuiltPush;
  res: Response;
  /** What this push dispatched, in order. */
  events: AnyDispatchedEvent[];
  rejected: RejectedEvent[];
}

export interface Receiver {
  audit: WxAudit;
  /** Sends a push the way `channel` does (its receiveId and path unless overridden) and returns what it dispatched. */
  post(channel: Channel, message: XmlInputObject, spec?: Omit<PushSpec, 'message'> & { path?: string }): Promise<Posted>;
}

type Listen = (name: string, listener: (event: AnyDispatchedEvent) => void) => void;

function openReceiver(flavor: ExpressFlavor, appId: string): Receiver {
  const audit = makeAudit({ appId });
  const app = makeApp(flavor, audit);
  const events: AnyDispatchedEvent[] = [];
  const rejected: RejectedEvent[] = [];
  const listen = audit.on.bind(audit) as unknown as Listen;
  for (const name of DISPATCHED_NAMES) listen(name, (event) => void events.push(event));
  audit.on('rejected', (event) => void rejected.push(event));
  return {
    audit,
    async post(channel, message, spec = {}) {
      const { path, ...push } = spec;
      const from = events.length;
      const refusedFrom = rejected.length;
      const built = buildPush({ receiveId: CHANNELS[channel].receiveId, ...push, message });
      const res = await send(app, built, path ?? CHANNELS[channel].path);
      return { push: built, res, events: events.slice(from), rejected: rejected.slice(refusedFrom) };
    },
  };
}

/**
 * Receivers shared by a test file: one audit and one app per Express flavor and receiving appid. Tests that
 * send one push several times change its CreateTime (or another field), or it is, rightly, a re-delivery.
 */
export function receiverPool() {
  const open = new Map<string, Receiver>();
  return {
    get(flavor: ExpressFlavor, channel: Channel): Receiver {
      const appId = CHANNELS[channel].receiveId;
      const key = `${flavor}:${appId}`;
      let receiver = open.get(key);
      if (!receiver) open.set(key, (receiver = openReceiver(flavor, appId)));
      return receiver;
    },
    async close(): Promise<void> {
      await Promise.all([...open.values()].map((r) => r.audit.close()));
      open.clear();
    },
  };
}

/** A dispatched event read loosely: the tests compare its fields with the oracle's. */
export type LooseEvent = { type: string; id: string; raw: Record<string, unknown>; [field: string]: unknown };

/** Asserts that a push was accepted and dispatched once (typed event and auditResult if any, then message, one id) and returns its events. */
export function accepted({ res, events, rejected }: Posted) {
  expect(rejected).toEqual([]);
  expect([res.status, res.text]).toEqual([200, 'success']);
  expect(events.length).toBeGreaterThanOrEqual(1);
  expect(events.at(-1)!.type).toBe('message');
  expect(new Set(events.map((e) => e.id)).size).toBe(1);
  const loose = events as unknown as LooseEvent[];
  return { typed: loose[0]!, audit: loose.find((e) => e.type === 'auditResult'), message: loose.at(-1)!, events: loose };
}

/** Asserts a refusal: its status and code, one `rejected` event with them, nothing dispatched. Returns the message it gave. */
export function refused({ res, events, rejected }: Posted, status: number, code: string): string {
  expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
  expect(rejected.map((r) => [r.status, r.code])).toEqual([[status, code]]);
  expect(events).toEqual([]);
  return rejected[0]!.message;
}

let sent = 0;
/** A CreateTime no other push of this file used: a new push for the shared receivers, never a re-delivery. */
export const freshCreateTime = (): number => CREATED - 100 - sent++;

/** The wire example of `name`, sent at a fresh CreateTime. */
export const freshWire = (name: string): XmlInputObject => ({ ...example(name).wire, CreateTime: freshCreateTime() });
