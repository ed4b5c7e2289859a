import express from 'express';
import { createWxAudit, type WxAudit } from '@x/wx-audit-middleware';

// Made-up test credentials (the key is 43 base64 characters like the console's).
export const TOKEN = 'fixturesTestToken';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const APP_ID = 'wx5823bf96d3bd56c7';
export const NOW_S = 1_714_037_059;
export const MOUNT = '/wechat/audit';

/** The fixed clock of these tests, ms: fixture sets are created with it (`createFixtures({ seed, now: NOW_MS })`). */
export const NOW_MS = NOW_S * 1000;

/** Takes every mode (`requireEncryption: false`): the round trips cover plaintext too. */
export function makeAudit(overrides: Partial<Parameters<typeof createWxAudit>[0]> = {}): WxAudit {
  return createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, now: () => NOW_MS, logger: false, ...overrides });
}

export function makeApp(audit: WxAudit) {
  const app = express();
  app.use(MOUNT, audit.middleware());
  return app;
}
