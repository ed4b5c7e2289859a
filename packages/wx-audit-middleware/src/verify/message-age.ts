import { WxAuditError } from '../errors.js';

/**
 * Freshness bound to what is signed. WeChat's `signature` and `msg_signature` sort their inputs, so a captured
 * push stays valid with its `timestamp` and `nonce` swapped, and WeChat's nonces are often future unix times:
 * the query's timestamp alone proves nothing about a push's age. The decrypted message's CreateTime is inside
 * the signed ciphertext, so it cannot be moved. Refused when further than `maxAgeSeconds` from the clock,
 * either way (whole seconds, inclusive, like the timestamp check).
 */
export function checkMessageAge(createTime: number, nowMs: number, maxAgeSeconds: number | false): void {
  if (maxAgeSeconds === false) return;
  const age = Math.floor(nowMs / 1000) - createTime;
  if (Math.abs(age) > maxAgeSeconds) {
    const when = age > 0 ? `${age} s old` : `${-age} s in the future`;
    throw new WxAuditError(
      'MESSAGE_TOO_OLD',
      `The push's CreateTime is ${when} (maxMessageAgeSeconds ${maxAgeSeconds}): it is a replay of an old push, or this server's clock is wrong.`,
    );
  }
}
