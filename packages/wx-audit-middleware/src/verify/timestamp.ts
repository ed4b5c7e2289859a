import { WxAuditError } from '../errors.js';

/** Accepts a unix-seconds timestamp within `toleranceSeconds` of `nowMs`, inclusive, either way. */
export function checkTimestamp(timestamp: string, nowMs: number, toleranceSeconds: number): void {
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new WxAuditError('TIMESTAMP_OUT_OF_TOLERANCE', 'The timestamp is not unix seconds.');
  }
  // Whole seconds on both sides, as WeChat stamps them: with a fractional clock, a request exactly
  // `toleranceSeconds` old would be refused for most of every second.
  const skew = Math.abs(Number(timestamp) - Math.floor(nowMs / 1000));
  if (skew > toleranceSeconds) {
    throw new WxAuditError(
      'TIMESTAMP_OUT_OF_TOLERANCE',
      `The request's timestamp is ${Math.round(skew)} s away from this server's clock (tolerance ${toleranceSeconds} s); check the server clock or raise toleranceSeconds.`,
    );
  }
}
