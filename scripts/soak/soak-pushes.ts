import { buildPushRequest, createFixtures, type BuiltPushRequest, type SceneAuditFixture } from '@x/wx-audit-fixtures';
import { AES_KEY, APP_ID, TOKEN } from '../../packages/wx-audit-middleware/test/redis-helpers/push.js';

/** One delivery to make: a distinct push (`key` new) or a re-delivery of push `key`. */
export interface SoakPush {
  key: number;
  duplicate: boolean;
  request: BuiltPushRequest;
}

/** How many re-deliveries `pushes` deliveries hold at `ratio`: delivery i is one when ⌊(i+1)·ratio⌋ > ⌊i·ratio⌋. */
export const duplicateCount = (pushes: number, ratio: number) => Math.floor(pushes * ratio);

// Which earlier push a re-delivery repeats: one of the last WINDOW distinct pushes, some still in flight
// (WeChat re-sends a push whose answer it has not had yet), most already done.
const WINDOW = 2048;

/** The sender of distinct push `key`: the idempotency id of a scene audit holds it, so ids differ. */
export const soakSender = (key: number) => `oSoak${key}`;
const KEY_IN_ID = /\|oSoak(\d+)\|/;
/** The push a recorded event id belongs to; undefined for an id the soak did not send. */
export function keyOfId(id: string): number | undefined {
  const match = KEY_IN_ID.exec(id);
  return match ? Number(match[1]) : undefined;
}

/**
 * The soak's deliveries, built when sent (each signed with the time it leaves): safe-mode scene audit
 * pushes from seeded fixtures whose CreateTime falls in the five minutes before the run, so they stay
 * fresh (maxMessageAgeSeconds 3600) for a run of up to 55 minutes.
 */
export function createSoakPushes(options: { seed: number; duplicateRatio: number; now?: number }) {
  const fx = createFixtures({ seed: options.seed, now: options.now ?? Date.now() });
  const recent: SceneAuditFixture[] = [];
  let distinct = 0;
  const build = (message: SceneAuditFixture) => buildPushRequest(message, { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, mode: 'safe' });
  return {
    get distinct() {
      return distinct;
    },
    /** Delivery number `i`; call with 0, 1, 2… in order. */
    next(i: number): SoakPush {
      const duplicate = distinct > 0 && Math.floor((i + 1) * options.duplicateRatio) > Math.floor(i * options.duplicateRatio);
      if (duplicate) {
        const back = fx.faker.number.int({ min: 1, max: Math.min(distinct, WINDOW) });
        const key = distinct - back;
        // Same fixture, same plaintext: the builder draws a new nonce, IV and timestamp, as a re-send has.
        return { key, duplicate: true, request: build(recent[key % WINDOW]!) };
      }
      const key = distinct++;
      const message = fx.sceneAudit({ fromUserName: soakSender(key) });
      recent[key % WINDOW] = message;
      return { key, duplicate: false, request: build(message) };
    },
  };
}
