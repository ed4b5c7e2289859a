// Found in review: durable.handlerTimeoutMs had no upper bound, and Node runs a timer longer than
// 2^31 - 1 ms after 1 ms (TimeoutOverflowWarning): a value meant as "practically never" (a day in µs by
// mistake, Number.MAX_SAFE_INTEGER) abandoned every run at once, as HANDLER_ABANDONED, until each entry was
// dead-lettered. It is refused at createWxAudit instead. No Redis needed: the options are checked first.
import { describe, expect, it } from 'vitest';
import { createWxAudit, WxAuditError, type WxAuditOptions } from '../src/index.js';
import { AES_KEY, APP_ID, TOKEN } from './helpers/push.js';

describe('durable.handlerTimeoutMs beyond what a Node timer can wait', () => {
  it.each([2 ** 31, Number.MAX_SAFE_INTEGER])('%d is CONFIG_INVALID, naming the option and the bound', async (handlerTimeoutMs) => {
    let thrown: unknown;
    try {
      const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, logger: false, durable: { url: 'redis://127.0.0.1:1', handlerTimeoutMs } } as WxAuditOptions);
      await audit.close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WxAuditError);
    expect(thrown).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((thrown as Error).message).toContain('durable.handlerTimeoutMs');
    expect((thrown as Error).message).toContain('2147483647');
  });

  it('the largest a timer can wait is accepted', async () => {
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, logger: false, durable: { url: 'redis://127.0.0.1:1', handlerTimeoutMs: 2_147_483_647, commandTimeoutMs: 50 } });
    await audit.close({ timeoutMs: 10 }).catch(() => undefined);
  });
});
