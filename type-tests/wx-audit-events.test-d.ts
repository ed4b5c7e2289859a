// Compiled, never run: `pnpm typecheck` compiles this folder twice, against the @types/node 20 the
// workspace uses (tsconfig.json) and against the newest major (tsconfig.types-latest.json), because
// each major types EventEmitter differently and users have either. It imports the built package, as users do.
import { on, once, type EventEmitter } from 'node:events';
import { expectTypeOf } from 'vitest';
import {
  createWxAudit,
  type AuditStatusEvent,
  type HandlerErrorEvent,
  type HandlerSlowEvent,
  type StoreErrorEvent,
  type InfoUpdateAuditEvent,
  type MessageEvent,
  type RejectedEvent,
  type SceneAuditEvent,
  type WatchErrorEvent,
  type WxAudit,
  type WxAuditEventName,
  type CatalogueEventName,
} from '@x/wx-audit-middleware';

declare const audit: WxAudit;
expectTypeOf(createWxAudit({ token: 't' })).toEqualTypeOf<WxAudit>();

// Every event's listener receives that event.
audit.on('sceneAudit', (e) => expectTypeOf(e).toEqualTypeOf<SceneAuditEvent>());
audit.on('message', (e) => expectTypeOf(e).toEqualTypeOf<MessageEvent>());
audit.on('infoUpdateAudit', (e) => expectTypeOf(e).toEqualTypeOf<InfoUpdateAuditEvent>());
audit.on('auditStatus', (e) => expectTypeOf(e).toEqualTypeOf<AuditStatusEvent>());
audit.on('rejected', (e) => expectTypeOf(e).toEqualTypeOf<RejectedEvent>());
audit.on('handlerError', (e) => expectTypeOf(e).toEqualTypeOf<HandlerErrorEvent>());
audit.on('watchError', (e) => expectTypeOf(e).toEqualTypeOf<WatchErrorEvent>());
audit.on('handlerSlow', (e) => expectTypeOf(e).toEqualTypeOf<HandlerSlowEvent>());
audit.on('storeError', (e) => expectTypeOf(e).toEqualTypeOf<StoreErrorEvent>());
expectTypeOf<WxAuditEventName>().toEqualTypeOf<CatalogueEventName | 'auditResult' | 'message' | 'infoUpdateAudit' | 'auditStatus' | 'rejected' | 'handlerError' | 'handlerSlow' | 'storeError' | 'watchError'>();

// Each listener method is typed the same way, and chains.
audit.once('sceneAudit', (e) => expectTypeOf(e.groupId).toEqualTypeOf<number>());
audit.addListener('sceneAudit', (e) => expectTypeOf(e).toEqualTypeOf<SceneAuditEvent>());
audit.prependListener('rejected', (e) => expectTypeOf(e.code).toBeString());
audit.prependOnceListener('handlerError', (e) => expectTypeOf(e.event).not.toBeAny());
expectTypeOf(audit.on('message', () => undefined)).toEqualTypeOf<WxAudit>();
const onScene = async (event: SceneAuditEvent): Promise<void> => void event.groupId;
audit.on('sceneAudit', onScene).off('sceneAudit', onScene).removeListener('sceneAudit', onScene);
expectTypeOf(audit.listenerCount('sceneAudit', onScene)).toEqualTypeOf<number>();
expectTypeOf(audit.listeners('sceneAudit')[0]!).parameters.toEqualTypeOf<[SceneAuditEvent]>();
expectTypeOf(audit.rawListeners('rejected')[0]!).parameters.toEqualTypeOf<[RejectedEvent]>();
audit.removeAllListeners('sceneAudit').removeAllListeners();
declare const rejected: RejectedEvent;
expectTypeOf(audit.emit('rejected', rejected)).toEqualTypeOf<boolean>();

// A misspelt event name does not compile, whatever the method (the issue's own example first).
// @ts-expect-error 'sceneAudits' is not an event
audit.on('sceneAudits', (e) => e.groupId);
// @ts-expect-error 'sceneAudits' is not an event
audit.on('sceneAudits', () => undefined);
// @ts-expect-error 'scene_audit' is not an event
audit.once('scene_audit', () => undefined);
// @ts-expect-error 'rejectd' is not an event
audit.off('rejectd', () => undefined);
// @ts-expect-error 'handlererror' is not an event
audit.addListener('handlererror', () => undefined);
// @ts-expect-error 'error' is never emitted
audit.prependListener('error', () => undefined);
// @ts-expect-error 'messages' is not an event
audit.prependOnceListener('messages', () => undefined);
// @ts-expect-error 'sceneaudit' is not an event
audit.removeListener('sceneaudit', () => undefined);
// @ts-expect-error 'sceneAudits' is not an event
audit.listenerCount('sceneAudits');
// @ts-expect-error 'sceneAudits' is not an event
audit.listeners('sceneAudits');
// @ts-expect-error 'sceneAudits' is not an event
audit.removeAllListeners('sceneAudits');
// @ts-expect-error 'sceneAudits' is not an event
audit.emit('sceneAudits', rejected);

// A listener written for another event, or a payload of the wrong event, does not compile either.
// @ts-expect-error a sceneAudit listener on 'rejected'
audit.on('rejected', onScene);
// @ts-expect-error a rejected payload for 'sceneAudit'
audit.emit('sceneAudit', rejected);
// @ts-expect-error sceneAudit events have no 'code'
audit.on('sceneAudit', (e) => e.code);

// Node's helpers still take it (API.md: `events.once(audit, 'sceneAudit')`), and so does code written
// against a plain EventEmitter.
const waiting: Promise<unknown[]> = once(audit, 'sceneAudit');
const iterator: AsyncIterator<unknown[]> = on(audit, 'sceneAudit');
const plain: EventEmitter = audit;
void waiting;
void iterator;
void plain;
