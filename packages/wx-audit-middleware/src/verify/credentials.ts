import type { AesKey } from '../wire/message-crypto.js';

/** What verification needs from the options, resolved once at start-up. */
export interface PushCredentials {
  token?: string;
  /** Current key first, then the previous one (WeChat's advice for key rotation). */
  aesKeys: AesKey[];
  appId?: string;
  requireEncryption: boolean;
}
