import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { checkApiv3Response, type Apiv3ResponseVerdict } from '@x/wx-audit-middleware/wire';
import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import { buildInfoUpdateRequest } from './build-info-update-request.js';
import { buildPushRequest, PUSH_FORMATS, PUSH_MODES, type BuiltRequest, type PushFormat, type PushMode } from './build-push-request.js';
import { createFixtures, type Fixtures } from './create-fixtures.js';
import { FORBIDDEN_KEYS } from './deep-merge.js';
import { asUsage } from './cli-flags.js';
import { UsageError } from './cli-usage-error.js';

export { UsageError };

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** One event `wx-audit trigger <name>` can send. Add an entry to TRIGGERS to make another event triggerable. */
export interface TriggerableEvent {
  /** One line for `wx-audit trigger --help`. */
  summary: string;
  /** The options this event takes besides the common ones (--url, --seed, --set, --timeout-ms, --retries). */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Help lines describing `options`. */
  usage: string[];
  /** Builds the request to send from the parsed values; throws UsageError for bad or missing values. */
  build(values: ParsedValues, fx: Fixtures, sets: readonly string[]): BuiltRequest | Promise<BuiltRequest>;
  /** Whether a reply acknowledges this event; default WeChat's push rule (200 and `success` or empty). */
  acknowledges?(status: number, body: string): boolean;
  /** A check of each answer's signature, when the options ask for one (read before sending). */
  answerCheck?(values: ParsedValues): Promise<AnswerCheck | undefined>;
}

/** Verifies one answer (headers with lower-case names, body as received). */
export type AnswerCheck = (headers: Readonly<Record<string, string>>, body: string) => Apiv3ResponseVerdict;

async function readKey(values: ParsedValues, name: string, kind: 'private' | 'public'): Promise<KeyObject> {
  const file = required(values, name);
  try {
    const pem = await readFile(file, 'utf8');
    return kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new UsageError(`--${name}: "${file}" is not a readable PEM ${kind} key${kind === 'public' ? ' or certificate' : ''}.`);
  }
}

export const str = (values: ParsedValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

export const required = (values: ParsedValues, name: string): string => {
  const value = str(values, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required.`);
  return value;
};

function oneOf<T extends string>(values: ParsedValues, name: string, allowed: readonly T[], fallback: T): T {
  const value = str(values, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got "${value}".`);
  return value as T;
}

/**
 * `--set field=value` pairs to fixture overrides. `field` is a top-level field, or a dotted path into an
 * object; the value takes the type of the field it replaces (a number stays a number), and lists or
 * objects are given as JSON: `--set sceneGroupExtList='[{"extId":1,"status":2,"name":"客服售后"}]'`.
 */
export function parseSets(pairs: readonly string[], sample: object): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects field=value; got "${pair}".`);
    const path = pair.slice(0, eq).split('.');
    // Checked before anything is assigned: `__proto__.x=1` would otherwise write x on Object.prototype.
    const forbidden = path.find((key) => FORBIDDEN_KEYS.has(key));
    if (forbidden !== undefined) throw new UsageError(`--set cannot write "${forbidden}" (it would reach the prototype of every object); got "${pair}".`);
    const text = pair.slice(eq + 1);
    let current: unknown = sample;
    for (const key of path) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    let value: unknown = text;
    if (typeof current === 'number' || (current === undefined && /^-?\d+$/.test(text) && path.length > 1)) {
      value = Number(text);
      if (!Number.isFinite(value as number)) throw new UsageError(`--set ${path.join('.')} expects a number; got "${text}".`);
    } else if (typeof current === 'object' || /^[[{]/.test(text)) {
      try {
        value = JSON.parse(text);
      } catch {
        throw new UsageError(`--set ${path.join('.')} expects JSON (a list or an object); got "${text}".`);
      }
    }
    let target = overrides;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target = (next !== null && typeof next === 'object' ? next : (target[key] = {})) as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = value;
  }
  return overrides;
}

const sceneAudit: TriggerableEvent = {
  summary: 'a scene audit result push (Event=open_product_scene_group_audit)',
  options: {
    token: { type: 'string' },
    'aes-key': { type: 'string' },
    'app-id': { type: 'string' },
    mode: { type: 'string' },
    format: { type: 'string' },
  },
  usage: [
    '--token <token>        message-push Token (required)',
    '--aes-key <key>        43-character EncodingAESKey (needed for compatible and safe mode)',
    '--app-id <appid>       receiveId of encrypted pushes (needed with --aes-key)',
    `--mode <mode>          ${PUSH_MODES.join(' | ')} (default: safe with --aes-key, else plain)`,
    `--format <format>      ${PUSH_FORMATS.join(' | ')} (default: xml)`,
    '--set field=value      override a fixture field: groupId=7, reason=…, sceneGroupExtList=\'[…json…]\'',
  ],
  build(values, fx, sets) {
    const encodingAESKey = str(values, 'aes-key');
    const token = required(values, 'token');
    const mode = oneOf<PushMode>(values, 'mode', PUSH_MODES, encodingAESKey ? 'safe' : 'plain');
    const format = oneOf<PushFormat>(values, 'format', PUSH_FORMATS, 'xml');
    return asUsage(() => {
      const msg = fx.sceneAudit(parseSets(sets, createFixtures({ seed: 0 }).sceneAudit()));
      return buildPushRequest(msg, { token, encodingAESKey, appId: str(values, 'app-id'), mode, format });
    }, { encodingAESKey: '--aes-key', appId: '--app-id', token: '--token' });
  },
};

const infoUpdate: TriggerableEvent = {
  summary: 'an info-update audit result notification (WeChat Pay APIv3, Authorization header)',
  options: {
    'private-key': { type: 'string' },
    'serial-no': { type: 'string' },
    mchid: { type: 'string' },
    'reply-public-key': { type: 'string' },
    'reply-serial-no': { type: 'string' },
  },
  usage: [
    '--private-key <file>   PEM private key to sign with; your server has its public key in payKeys (required)',
    '--serial-no <serial>   the serial_no naming that key in payKeys (required)',
    "--mchid <mchid>        mchid of the Authorization header (default: the fixture's mchid)",
    "--reply-public-key <file>  your server's payReplyKey public key: check each answer's signature as APIv3 SDKs do",
    '--reply-serial-no <serial> the serial that answer must name in Wechatpay-Serial (with --reply-public-key)',
    '--set field=value      override a fixture field: auditResult=REJECT, failCode=…, outRequestNo=…',
  ],
  async build(values, fx, sets) {
    const serialNo = required(values, 'serial-no');
    const target = new URL(required(values, 'url'));
    const privateKey = await readKey(values, 'private-key', 'private');
    return asUsage(() => {
      const msg = fx.infoUpdateAudit(parseSets(sets, createFixtures({ seed: 0 }).infoUpdateAudit()));
      // Signed over the URL's own path and query, which deliver() sends as they are: nothing to append.
      const req = buildInfoUpdateRequest(msg, { privateKey, serialNo, mchid: str(values, 'mchid') ?? msg.mchid, path: target.pathname + target.search });
      return { method: 'POST', search: '', headers: req.headers, body: req.body };
    }, { serial_no: '--serial-no', serialNo: '--serial-no', mchid: str(values, 'mchid') === undefined ? '--set mchid' : '--mchid' });
  },
  // WeChat Pay's rule: 200 or 204, whatever the body.
  acknowledges: (status) => status === 200 || status === 204,
  async answerCheck(values) {
    if (str(values, 'reply-public-key') === undefined) return undefined;
    const publicKey = await readKey(values, 'reply-public-key', 'public');
    const serialNo = str(values, 'reply-serial-no');
    return (headers, body) => checkApiv3Response(headers, body, { publicKey, serialNo });
  },
};

/** Events `wx-audit trigger` can send, by command-line name. */
export const TRIGGERS: Record<string, TriggerableEvent> = {
  'scene-audit': sceneAudit,
  'info-update': infoUpdate,
};

/** A fixture set for a trigger: seeded when --seed is given. */
export function fixturesFor(values: ParsedValues): Fixtures {
  const seed = str(values, 'seed');
  if (seed === undefined) return createFixtures();
  if (!/^\d+$/.test(seed)) throw new UsageError(`--seed must be a non-negative integer; got "${seed}".`);
  return createFixtures({ seed: Number(seed) });
}
