import { randomBytes } from 'node:crypto';

export type TokenState = 'valid' | 'expired' | 'unknown';

export interface TokenRegistryOptions {
  now: () => number;
  /** Lifetime of an issued token, seconds (WeChat: 7200). */
  expiresInSeconds: number;
  /** How long the previous token of the same app stays valid after a new one is issued, seconds (WeChat: 300). */
  graceSeconds: number;
}

export interface TokenRegistry {
  /** A new token for `slot` (one app's token kind); the slot's previous token keeps at most `graceSeconds`. */
  issue(slot: string, token?: string): string;
  /** The latest token issued for `slot`. */
  current(slot: string): string | undefined;
  check(token: string): TokenState;
  /** From now on the token gets 42001. */
  expire(token: string): void;
  /** From now on the token is unknown: 40001. */
  revoke(token: string): void;
}

/** WeChat-like tokens: opaque, URL-safe, around WeChat's own length. */
export const newToken = (): string => randomBytes(64).toString('base64url');

/** Tokens the fake has issued, with WeChat's lifetime and refresh-overlap rules. */
export function createTokenRegistry(o: TokenRegistryOptions): TokenRegistry {
  const expiresAt = new Map<string, number>();
  const latest = new Map<string, string>();

  return {
    issue(slot, token = newToken()) {
      const now = o.now();
      const previous = latest.get(slot);
      const previousExpiry = previous === undefined ? undefined : expiresAt.get(previous);
      if (previous !== undefined && previousExpiry !== undefined) expiresAt.set(previous, Math.min(previousExpiry, now + o.graceSeconds * 1000));
      expiresAt.set(token, now + o.expiresInSeconds * 1000);
      latest.set(slot, token);
      return token;
    },
    current: (slot) => latest.get(slot),
    check(token) {
      const expiry = expiresAt.get(token);
      if (expiry === undefined) return 'unknown';
      return o.now() < expiry ? 'valid' : 'expired';
    },
    expire(token) {
      if (expiresAt.has(token)) expiresAt.set(token, o.now());
    },
    revoke(token) {
      expiresAt.delete(token);
    },
  };
}
