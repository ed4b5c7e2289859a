import type { PushChannel, PushFormat } from '../catalogue-event.js';

/** The channels of CATALOGUE §1.6, with the formats each uses (the first is the fixtures' default). */
export const THIRD_PARTY_MESSAGE = { channels: ['third-party-message'], formats: ['xml', 'json'] } as const satisfies Channel;
export const THIRD_PARTY_AUTHORIZATION = { channels: ['third-party-authorization'], formats: ['xml'] } as const satisfies Channel;
export const MINI_PROGRAM = { channels: ['mini-program'], formats: ['xml', 'json'] } as const satisfies Channel;
/** Trading-component pushes reach the Mini Program, or the platform that runs its shop. */
export const MINI_PROGRAM_OR_PLATFORM = { channels: ['mini-program', 'third-party-message'], formats: ['xml', 'json'] } as const satisfies Channel;
/** WeChat Shop: "仅支持纯密文模式 … 仅支持JSON格式". */
export const WECHAT_SHOP = { channels: ['wechat-shop'], formats: ['json'] } as const satisfies Channel;
/** Official Accounts: XML only; a platform that manages the account receives them on its message URL. */
export const OFFICIAL_ACCOUNT = { channels: ['official-account', 'third-party-message'], formats: ['xml'] } as const satisfies Channel;
export const OFFICIAL_ACCOUNT_ONLY = { channels: ['official-account'], formats: ['xml'] } as const satisfies Channel;

interface Channel {
  channels: readonly PushChannel[];
  formats: readonly PushFormat[];
}
