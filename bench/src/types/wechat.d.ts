// node-webot's `wechat` ships no types; only the call the bench makes is declared.
declare module 'wechat' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface WechatConfig {
    token: string;
    appid?: string;
    encodingAESKey?: string;
    checkSignature?: boolean;
  }
  type WechatHandler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

  function wechat(config: string | WechatConfig, handler: WechatHandler): WechatHandler;
  export default wechat;
}
