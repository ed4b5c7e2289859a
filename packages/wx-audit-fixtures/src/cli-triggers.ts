import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { checkApiv3Response } from '@x/wx-audit-middleware/wire';
import { readFile } from 'node:fs/promises';
import { buildInfoUpdateRequest } from './build-info-update-request.js';
import { required, str, type ParsedValues } from './cli-args.js';
import { asUsage } from './cli-flags.js';
import { pushTriggers } from './cli-push-triggers.js';
import { parseSets } from './cli-sets.js';
import type { TriggerableEvent } from './cli-triggerable-event.js';
import { UsageError } from './cli-usage-error.js';
import { createFixtures, type Fixtures } from './create-fixtures.js';

export { UsageError, parseSets, str, required };
export type { ParsedValues, TriggerableEvent };
export type { AnswerCheck } from './cli-triggerable-event.js';

async function readKey(values: ParsedValues, name: string, kind: 'private' | 'public'): Promise<KeyObject> {
  const file = required(values, name);
  try {
    const pem = await readFile(file, 'utf8');
    return kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new UsageError(`--${name}: "${file}" is not a readable PEM ${kind} key${kind === 'public' ? ' or certificate' : ''}.`);
  }
}

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

const pushes = pushTriggers();

/** Events `wx-audit trigger` can send, by command-line name: scene-audit first, every other catalogue push, info-update. */
export const TRIGGERS: Record<string, TriggerableEvent> = {
  'scene-audit': pushes['scene-audit']!,
  ...pushes,
  'info-update': infoUpdate,
};

/** A fixture set for a trigger: seeded when --seed is given. */
export function fixturesFor(values: ParsedValues): Fixtures {
  const seed = str(values, 'seed');
  if (seed === undefined) return createFixtures();
  if (!/^\d+$/.test(seed)) throw new UsageError(`--seed must be a non-negative integer; got "${seed}".`);
  return createFixtures({ seed: Number(seed) });
}
