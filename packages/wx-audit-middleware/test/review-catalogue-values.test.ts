import { afterEach, describe, expect, it } from 'vitest';
import type { WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { buildPush, makeAudit, NOW_S, send } from './helpers/push.js';
import { watch } from './helpers/refusals.js';

const audits: WxAudit[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

// A text field sent as a non-empty object: zod's strict-object branch of the text union was the only one
// not aborted, so the union returned its issue, "Unrecognized key: \"<key>\"", quoting a decrypted key
// into the 400 body, the `rejected` event and the log (found by probing the catalogue schemas).
describe.each(flavors)('%s: a refused catalogue push never quotes the message', (flavor) => {
  it('a text field holding an object with keys names the field, not the keys', async () => {
    const audit = makeAudit();
    audits.push(audit);
    const seen = watch(audit);
    const message = {
      ToUserName: 'gh_shop',
      FromUserName: 'o_sys',
      CreateTime: NOW_S - 10,
      MsgType: 'event',
      Event: 'product_spu_audit',
      ProductSpuAudit: { product_id: { SECRET_KEY_NAME: 'SECRET-VALUE' }, status: 3 },
    };
    const res = await send(makeApp(flavor, audit), buildPush({ message, format: 'json', mode: 'safe' }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SCHEMA_INVALID');
    expect(res.body.message).toContain('product_id');
    expect(res.text).not.toContain('SECRET');
    expect(seen.rejected.map((r) => r.message).join(' ')).not.toContain('SECRET');
  });
});
