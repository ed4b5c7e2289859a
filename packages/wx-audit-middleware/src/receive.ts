import type { Dispatcher, DispatchOutcome } from './dispatch/dispatch.js';
import { WxAuditError } from './errors.js';
import { pushEvents, pushFields } from './events/push-events.js';
import type { RejectedEvent } from './events/types.js';
import type { EventRegistry } from './events/registry.js';
import type { PushCredentials } from './verify/credentials.js';
import type { Answer, InboundRequest } from './verify/inbound-request.js';
import { checkMessageAge } from './verify/message-age.js';
import { openPush } from './verify/open-push.js';
import { isApiv3Authorization } from './wire/apiv3-signature.js';
import type { PayKeys } from './verify/pay-keys.js';
import type { PayReplyKey } from './verify/pay-reply-key.js';
import { signInfoUpdateAnswer } from './verify/sign-info-update-answer.js';
import { parseQuery } from './verify/query.js';
import { INFO_UPDATE_ACK, verifyInfoUpdate } from './verify/verify-info-update.js';
import { verifyUrl } from './verify/verify-url.js';
import { describeRequestText } from './describe-request-text.js';
import type { Reporter } from './dispatch/reporter.js';
import { authorizerOf, mountedOnRoute } from './verify/authorizer-of.js';
import type { NotedReceive, RequestNote, Telemetry } from './telemetry/telemetry.js';

export type { Answer, InboundRequest } from './verify/inbound-request.js';

export interface ReceiverContext {
  /** Emits and logs `rejected` (and, through the dispatcher, listener failures). */
  reporter: Reporter;
  /** True once `close()` was called: every request is then refused 503 SHUTTING_DOWN. */
  isClosing?: () => boolean;
  credentials: PushCredentials;
  dispatcher: Dispatcher;
  now: () => number;
  toleranceSeconds: number;
  /** Refuse pushes whose signed CreateTime is further than this from the clock; false: no check. */
  maxMessageAgeSeconds: number | false;
  /** Keys verifying WeChat Pay info-update notifications, by serial_no; empty when none were given. */
  payKeys: PayKeys;
  /** Signs every answer to a notification when given (`payReplyKey`). */
  payReplyKey?: PayReplyKey;
  /** The typed events (the catalogue and the user's own), by Event / InfoType. */
  registry: EventRegistry;
  /** A span and counters per request; absent when telemetry is off, and receive() is then returned as it is. */
  telemetry?: Telemetry;
}

const TEXT = 'text/plain; charset=utf-8';

/** Classifies one request (URL verification, push) and answers it; never throws. */
export function createReceiver(context: ReceiverContext) {
  const { reporter, credentials, dispatcher, now, toleranceSeconds, maxMessageAgeSeconds, payKeys, payReplyKey, isClosing, registry, telemetry } = context;

  function refuse(error: unknown, request: InboundRequest, note: RequestNote | undefined): Answer {
    const refusal =
      error instanceof WxAuditError ? error : new WxAuditError('INTERNAL_ERROR', 'The request could not be handled because of an unexpected error.', { cause: error });
    if (note) {
      note.refused = true;
      note.code = refusal.code;
    }
    const rejected: RejectedEvent = {
      type: 'rejected',
      code: refusal.code,
      status: refusal.status,
      message: refusal.message,
      method: request.method,
      path: request.path,
    };
    reporter.rejected(rejected, request);
    return errorAnswer(refusal);
  }

  /** After close(): nothing new reaches the dispatcher or a store about to close; WeChat retries elsewhere. */
  function refuseWhileClosing(): void {
    if (isClosing?.()) {
      throw new WxAuditError('SHUTTING_DOWN', 'This instance is shutting down (audit.close() was called); WeChat will retry and reach another instance.');
    }
  }

  /** A notification's answer, refusals included: all of them are signed alike afterwards. */
  async function receiveInfoUpdate(request: InboundRequest, note: RequestNote | undefined): Promise<Answer> {
    try {
      refuseWhileClosing();
      const { id, event } = await verifyInfoUpdate(request, payKeys, now(), toleranceSeconds);
      if (note) note.eventTypes = [event.type];
      return answerNoted(await dispatcher.dispatch(id, [event], request), INFO_UPDATE_ACK, note);
    } catch (error) {
      return refuse(error, request, note);
    }
  }

  /** answerDispatch, the outcome noted for telemetry first (a store failure thrown from it is noted by `refuse`). */
  function answerNoted(outcome: DispatchOutcome, ok: Answer, note: RequestNote | undefined): Answer {
    if (note) {
      if (outcome.ok) note.duplicate = outcome.duplicate;
      else {
        note.code = outcome.error.code;
        note.duplicate = outcome.error.code === 'DUPLICATE_IN_FLIGHT';
      }
    }
    return answerDispatch(outcome, ok);
  }

  /**
   * One async function from the request to its answer, refusals included: each async layer between the
   * transport and the dispatcher is a promise and a turn of the microtask queue per request, which inside
   * a loaded server costs more than its size suggests (docs/benchmarks.md). Telemetry, when on, is one
   * layer around it; when off, `note` is undefined and costs a branch where it would be filled in.
   */
  const receive: NotedReceive = async function receive(request, note) {
    try {
      // node:http gives the method in upper case; other transports may not.
      const method = request.method.toUpperCase();
      // WeChat Pay APIv3 notifications are told apart by their Authorization scheme (or, when no push
      // token is configured, every POST is one) and may arrive at any path below the mount point.
      const infoUpdate = method === 'POST' && (isApiv3Authorization(firstHeader(request.headers.authorization)) || (!credentials.token && payKeys.size > 0));
      if (note) note.kind = infoUpdate ? 'info-update' : method === 'GET' ? 'url-verification' : method === 'POST' ? 'push' : 'other';
      // Before anything else is checked: such a mount breaks URL verification (GET never reaches it), so it must fail loudly.
      if (request.mount?.viaRoute) throw mountedOnRoute();

      if (infoUpdate) return signInfoUpdateAnswer(await receiveInfoUpdate(request, note), payReplyKey, now());
      refuseWhileClosing();
      const authorizerAppId = authorizerOf(request.path, request.mount?.path);
      if (method === 'GET') {
        const echostr = verifyUrl(parseQuery(request.url), credentials, now(), toleranceSeconds);
        return { status: 200, headers: { 'content-type': TEXT }, body: echostr };
      }
      if (method !== 'POST') {
        throw new WxAuditError('METHOD_NOT_ALLOWED', `${describeRequestText(method)} is not used by WeChat here; only GET (URL verification) and POST (pushes).`);
      }
      const query = parseQuery(request.url);
      const body = await request.readBody();
      const nowMs = now();
      const opened = openPush(query, body, credentials, nowMs, toleranceSeconds);
      const fields = pushFields(opened.message);
      checkMessageAge(fields.createTime, nowMs, maxMessageAgeSeconds);
      const built = pushEvents(opened.message, fields, { authorizerAppId, registry });
      const { id, events } = built instanceof Promise ? await built : built;
      if (note) note.eventTypes = events.map((event) => event.type);
      return answerNoted(await dispatcher.dispatch(id, events, request), { status: 200, headers: { 'content-type': TEXT }, body: 'success' }, note);
    } catch (error) {
      return refuse(error, request, note);
    }
  };
  return telemetry ? telemetry.receive(receive) : receive;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Listener outcomes are not refusals: they answer 5xx so WeChat retries, without a `rejected` event.
 * An unreachable store is one (API.md's 503), and so is a store key holding a value wx-audit never
 * writes, or events durable mode cannot store: they are thrown so that `refuse` reports them as `rejected`.
 */
export function answerDispatch(outcome: DispatchOutcome, ok: Answer): Answer {
  if (!outcome.ok && (outcome.error.code === 'STORE_UNAVAILABLE' || outcome.error.code === 'STORE_VALUE_UNEXPECTED' || outcome.error.code === 'INTERNAL_ERROR')) throw outcome.error;
  return outcome.ok ? ok : errorAnswer(outcome.error);
}

export function errorAnswer(error: WxAuditError): Answer {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error.code === 'METHOD_NOT_ALLOWED') headers.allow = 'GET, POST';
  // The rest of a too-large body is not read: close the connection rather than drain it.
  if (error.code === 'BODY_TOO_LARGE') headers.connection = 'close';
  return { status: error.status, headers, body: JSON.stringify({ code: error.code, message: error.message }) };
}
