import { generateKeyPairSync } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { CATALOGUE, createWxAudit, type Answer, type WxAudit } from '../src/index.js';
import { decodeAesKey } from '../src/wire/index.js';
import { AES_KEY, APP_ID, NOW_S, OLD_AES_KEY, TOKEN } from '../test/helpers/push.js';

/** WeChat Pay's key pair for the fuzzed info-update notifications; the private half must never leak. */
export const PAY_KEYS = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
export const PAY_SERIAL = '3C9E5A7B1D0F2E4A6C8B0D1F3E5A7C9B1D2F4E6A';
export const MCHID = '1900016681';

/**
 * Put into every plaintext the fuzzer encrypts (as a value and as a key): only decryption reveals it,
 * so finding it in an answer or a `rejected` event means decrypted content leaked.
 */
export const PLAINTEXT_MARKER = 'DecryptedOnlyMarker7f3a';

/** The credentials: never in an answer nor in any event, dispatched ones included. */
export function credentialsOf(extra: readonly string[] = []): string[] {
  const pem = PAY_KEYS.privateKey.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
  return [
    TOKEN,
    AES_KEY,
    OLD_AES_KEY,
    decodeAesKey(AES_KEY).key.toString('hex'),
    decodeAesKey(AES_KEY).key.toString('base64'),
    'PRIVATE KEY',
    // Any 40-character run of the private key's base64 would do; three from different places.
    ...[1, Math.floor(pem.length / 2), pem.length - 2].map((i) => pem[i]!.slice(0, 40)),
    ...extra,
  ];
}

export interface RecordedEvent {
  name: string;
  payload: unknown;
}

/** Event names the fuzzer listens to: every event the audit can emit. */
const EVENT_NAMES = ['rejected', ...CATALOGUE.map((d) => d.name), 'auditResult', 'message', 'infoUpdateAudit', 'handlerError', 'watchError', 'auditStatus', 'error'] as const;

export interface FuzzTarget {
  audit: WxAudit;
  /** The push token it was configured with (probes sign with it). */
  token: string;
  /** Events emitted since the last `take()`, in order. */
  take(): RecordedEvent[];
  /** Token, keys: never in an answer or any event. */
  credentials: string[];
  /** The credentials and decrypted content: never in an answer or a `rejected` event. */
  secrets: string[];
  /** Answers from `audit.receive()` (the framework-free core). */
  receive: WxAudit['receive'];
  close(): Promise<void>;
}

/**
 * An audit configured for every inbound kind (pushes in all modes with key rotation, and info-update
 * notifications) on a fixed clock, recording every event it emits. `extraSecrets` adds the credentials
 * of a differently configured audit (the golden files').
 */
export function createFuzzTarget(
  options: { token?: string; encodingAESKey?: string; appId?: string; nowS?: number; maxMessageAgeSeconds?: false; extraSecrets?: string[] } = {},
): FuzzTarget {
  let events: RecordedEvent[] = [];
  const audit = createWxAudit({
    token: options.token ?? TOKEN,
    encodingAESKey: options.encodingAESKey ?? AES_KEY,
    previousEncodingAESKey: options.encodingAESKey ? undefined : OLD_AES_KEY,
    appId: options.appId ?? APP_ID,
    payKeys: { [PAY_SERIAL]: PAY_KEYS.publicKey },
    // Every mode is a target, plaintext included (it defaults to refused with a key).
    requireEncryption: false,
    ...(options.maxMessageAgeSeconds === false ? { maxMessageAgeSeconds: false as const } : {}),
    now: () => (options.nowS ?? NOW_S) * 1000,
    bodyLimit: 65_536,
    // Log lines are recorded beside the events: a refusal must log exactly one, and none may hold a secret.
    logger: { warn: (line: string) => void events.push({ name: 'log', payload: line }), error: (line: string) => void events.push({ name: 'log', payload: line }) },
  });
  // The start-up warning (payKeys without payReplyKey) belongs to no request.
  events = [];
  // Untyped on purpose: 'error' is not in the event map, and must be caught if it were ever emitted.
  const emitter = audit as unknown as EventEmitter;
  for (const name of EVENT_NAMES) emitter.on(name, (payload: unknown) => void events.push({ name, payload }));
  return {
    audit,
    token: options.token ?? TOKEN,
    take: () => {
      const taken = events;
      events = [];
      return taken;
    },
    credentials: credentialsOf(options.extraSecrets),
    secrets: [...credentialsOf(options.extraSecrets), PLAINTEXT_MARKER],
    receive: (request) => audit.receive(request),
    close: () => audit.close(),
  };
}

/** A request as the fuzzer sends it, to `audit.receive()` or over HTTP. */
export interface FuzzRequest {
  /** What it is, for failure reports. */
  label: string;
  method: string;
  /** Path and query as sent, mount point included. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  /** `refused`: must be refused; `any`: a mutation that may still be valid, refused or accepted cleanly. */
  expect: 'refused' | 'any';
}

export type { Answer };
