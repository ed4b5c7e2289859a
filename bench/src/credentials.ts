/** Made-up credentials shared by every bench server and request: never used anywhere real. */
export const BENCH_CREDENTIALS = {
  token: 'benchPushToken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx5823bf96d3bd56c7',
} as const;

/** Where every bench server mounts its handler. */
export const MOUNT = '/wechat/audit';
