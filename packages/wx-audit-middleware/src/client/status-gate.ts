import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WxAuditError } from '../errors.js';
import { auditStatusId, statusChangeKey } from '../events/audit-status-id.js';
import type { CheckAuditStatusResult } from '../events/audit-status.js';
import type { SharedStateStore } from '../stores/store.js';

/** Hands a change to the listeners; false when the watch has stopped and emitted nothing. */
export type EmitStatus = (status: CheckAuditStatusResult, id: string) => boolean;

/** Decides which watch polls and which polled statuses are changes to emit. */
export interface StatusGate {
  /** Whether this watch polls now: always on its own; while it holds the lease when shared. */
  mayPoll(): Promise<boolean>;
  /** Emits `status` when it is a change from the last one recorded: once per change between the sharers. */
  record(status: CheckAuditStatusResult): Promise<void>;
  /** Frees what the gate holds (the lease); undefined when there is nothing to wait for. */
  stop(): Promise<void> | undefined;
}

/** A watch on its own (today's behaviour): its own last status, its own change count. */
export function createLocalStatusGate(wxName: string, emit: EmitStatus): StatusGate {
  let lastKey: string | undefined;
  let change = 0;
  return {
    mayPoll: async () => true,
    async record(status) {
      const key = statusChangeKey(status);
      if (key === lastKey) return;
      lastKey = key;
      emit(status, auditStatusId(wxName, ++change, status));
    },
    stop: () => undefined,
  };
}

export interface SharedGateOptions {
  store: SharedStateStore;
  wxName: string;
  leaseMs: number;
  emit: EmitStatus;
  /** A lease renewal failed (the store is away): reported, the watch goes on. */
  onRenewError: (error: unknown) => void;
}

/** The last change recorded for a shop; `done` once its listeners were called and the claim completed. */
const recordSchema = z.object({
  id: z.string(),
  change: z.number().int().positive(),
  done: z.boolean(),
  status: z.looseObject({
    registerStatus: z.number(),
    merchantInfoStatus: z.number(),
    acctVerifyStatus: z.number(),
    basicInfoStatus: z.number(),
    paySignStatus: z.number(),
    auditRejectReasons: z.string().optional(),
    payAuditDetail: z.object({ paramName: z.string(), rejectReason: z.string() }).optional(),
    registeredAppid: z.string().optional(),
    raw: z.record(z.string(), z.unknown()),
  }),
});
type ChangeRecord = z.infer<typeof recordSchema>;

/** Kept while no watch refreshes it (each successful poll does); after that the first status is news again. */
const RECORD_TTL_MS = 7 * 86_400_000;

/**
 * Watches of one shop sharing a store take turns: the one holding the lease `auditStatus:<wxName>` polls
 * (and renews it every third of `leaseMs` meanwhile); the others try to take it over at each tick. The
 * last change is a shared record, replaced only by a compare-and-swap, so two pollers racing during a
 * takeover cannot both record one change; the change is then claimed, emitted and completed like a push,
 * and a record left not done by a poller that died is emitted by the next one (at least once, never lost).
 */
export function createSharedStatusGate(o: SharedGateOptions): StatusGate {
  const { store, wxName, leaseMs, emit } = o;
  const name = `auditStatus:${wxName}`;
  const owner = randomUUID();
  let renewTimer: NodeJS.Timeout | undefined;
  let renewing = false;

  const stopRenewing = () => {
    clearInterval(renewTimer);
    renewTimer = undefined;
  };
  const renew = async () => {
    if (renewing) return;
    renewing = true;
    try {
      if (!(await store.renewLease(name, owner, leaseMs))) stopRenewing();
    } catch (error) {
      o.onRenewError(error);
    } finally {
      renewing = false;
    }
  };

  const parse = (text: string | undefined): ChangeRecord | undefined => {
    if (text === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = recordSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new WxAuditError(
      'STORE_VALUE_UNEXPECTED',
      `The store's shared value for the registration watch of ${wxName} is not one wx-audit wrote. Give wx-audit a store (keyPrefix) no other program writes to, then delete that value.`,
    );
  };

  /** Claims, emits and completes `record`'s change, then marks the record done; the record as stored after. */
  async function dispatch(record: ChangeRecord, text: string): Promise<string | undefined> {
    const claim = await store.claim(record.id, owner, leaseMs);
    if (claim === 'in-flight') return undefined; // another poller is emitting it right now
    if (claim === 'claimed') {
      if (!emit(record.status as CheckAuditStatusResult, record.id)) {
        await store.release(record.id, owner); // stopped meanwhile: the next poller emits it
        return undefined;
      }
      await store.complete(record.id, owner);
    }
    const done = JSON.stringify({ ...record, done: true });
    return (await store.swapValue(name, text, done, RECORD_TTL_MS)) ? done : undefined;
  }

  return {
    async mayPoll() {
      const holding = await store.acquireLease(name, owner, leaseMs);
      if (!holding) stopRenewing();
      else if (!renewTimer) {
        renewTimer = setInterval(() => void renew(), Math.max(1, Math.floor(leaseMs / 3)));
        renewTimer.unref();
      }
      return holding;
    },
    async record(status) {
      let text = await store.getValue(name);
      let last = parse(text);
      if (last && text !== undefined && !last.done) {
        // Recorded by a poller that did not get to complete it (it died, or is completing it now).
        text = await dispatch(last, text);
        if (text === undefined) return; // in flight elsewhere, or the record moved: see at the next poll
        last = parse(text);
      }
      if (last && text !== undefined && statusChangeKey(last.status) === statusChangeKey(status)) {
        await store.swapValue(name, text, text, RECORD_TTL_MS); // unchanged: keeps the record alive
        return;
      }
      const change = (last?.change ?? 0) + 1;
      const next: ChangeRecord = { id: auditStatusId(wxName, change, status), change, done: false, status };
      const nextText = JSON.stringify(next);
      // Lost the swap: another poller recorded a change since we read; the next poll compares with it.
      if (!(await store.swapValue(name, text, nextText, RECORD_TTL_MS))) return;
      await dispatch(next, nextText);
    },
    stop() {
      stopRenewing();
      return store.releaseLease(name, owner);
    },
  };
}
