import { MOUNT, type Format, type Mode } from '../helpers/push.js';
import { AUTHORIZER_APPID, COMPONENT_APPID, MP_APPID, OA_APPID, SHOP_APPID, type Channel } from './wire-examples.js';

export interface ChannelSpec {
  /** The appid the push is encrypted for (and the receiving audit's `appId`). */
  receiveId: string;
  /** Where WeChat posts it. */
  path: string;
  /** The authorizer the path names (T-msg), which every event of the push carries. */
  authorizerAppId?: string;
  modes: readonly Mode[];
  formats: readonly Format[];
}

/** How each channel's pushes reach the server: the appid they are encrypted for, the path, the modes and formats. */
export const CHANNELS: Readonly<Record<Channel, ChannelSpec>> = {
  'T-msg': { receiveId: COMPONENT_APPID, path: `${MOUNT}/${AUTHORIZER_APPID}`, authorizerAppId: AUTHORIZER_APPID, modes: ['plain', 'safe'], formats: ['xml', 'json'] },
  M: { receiveId: MP_APPID, path: MOUNT, modes: ['plain', 'safe'], formats: ['xml', 'json'] },
  S: { receiveId: SHOP_APPID, path: MOUNT, modes: ['safe'], formats: ['json'] },
  'T-auth': { receiveId: COMPONENT_APPID, path: MOUNT, modes: ['safe'], formats: ['xml'] },
  OA: { receiveId: OA_APPID, path: MOUNT, modes: ['plain', 'safe'], formats: ['xml'] },
};
