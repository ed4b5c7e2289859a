import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { makeAudit, MOUNT, NOW_S } from './helpers/push.js';
import { expectRefused, watch } from './helpers/refusals.js';

// Security review, finding 3: the outer XML of a safe-mode push is parsed before msg_signature can be
// checked (it covers Encrypt, which is in the body), so anyone can make the parser work. The limit scan
// ended a tag at its first '>', so a '>' inside a quoted attribute hid thousands of attributes from it and
// fast-xml-parser's validator spent milliseconds on them. WeChat's XML has no attributes, comments,
// processing instructions or declarations: each is now refused before any parser runs.

const audits: WxAudit[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

/** A safe-mode query anyone can write: both signatures wrong. */
const timestamp = String(NOW_S);
const forgedSearch = `?${new URLSearchParams({ signature: '0'.repeat(40), timestamp, nonce: 'n', openid: 'o', encrypt_type: 'aes', msg_signature: '0'.repeat(40) })}`;
/** What a safe-mode outer body holds, so that only the hostile part can make it fail before the signature check. */
const outer = '<ToUserName>gh</ToUserName><Encrypt>QUJD</Encrypt>';
const repeat = (count: number, unit: (i: number) => string) => Array.from({ length: count }, (_, i) => unit(i)).join('');

// Each well under the old limits (1000 nodes, 1024-character tags as the old scan measured them), so
// the old code parsed them and answered 401 SIGNATURE_INVALID: the refusal below is the new scan's.
const attacks: Array<[string, string, RegExp]> = [
  ["a '>' in a quoted attribute, then 6,000 attributes", `<xml>${outer}<a b=">"${repeat(6000, (i) => ` c${i}="1"`)}>1</a></xml>`, /has an attribute/],
  ['one attribute on the root', `<xml id="1">${outer}</xml>`, /has an attribute/],
  ['a flood of 300 comments', `<xml>${outer}${'<!-- x -->'.repeat(300)}</xml>`, /has a comment/],
  ["a comment hiding '>' and attributes", `<xml>${outer}<!--${' a=">"'.repeat(6000)}--></xml>`, /has a comment/],
  ['a flood of 300 processing instructions', `<xml>${outer}${'<?p x?>'.repeat(300)}</xml>`, /has a processing instruction/],
  ['a processing instruction hiding attributes', `<xml>${outer}<?p a=">"${repeat(6000, (i) => ` b${i}="1"`)}?></xml>`, /has a processing instruction/],
  ['an XML declaration', `<?xml version="1.0" encoding="UTF-8"?><xml>${outer}</xml>`, /has an XML declaration/],
];

describe.each(flavors)('%s: XML WeChat never writes is refused before the signature check', (flavor) => {
  const setup = () => {
    const audit = makeAudit();
    audits.push(audit);
    return { app: makeApp(flavor, audit), seen: watch(audit) };
  };

  it('the same body without the hostile part reaches the signature check (401), so a 400 comes before it', async () => {
    const { app, seen } = setup();
    const res = await request(app).post(`${MOUNT}${forgedSearch}`).set('content-type', 'text/xml').send(`<xml>${outer}</xml>`);
    expectRefused(seen, res, 401, 'SIGNATURE_INVALID');
  });

  it.each(attacks)('%s → 400 BODY_MALFORMED, saying what WeChat never sends', async (_name, body, reason) => {
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(65_536);
    const { app, seen } = setup();
    const res = await request(app).post(`${MOUNT}${forgedSearch}`).set('content-type', 'text/xml').send(body);
    expectRefused(seen, res, 400, 'BODY_MALFORMED');
    expect((res.body as { message: string }).message).toMatch(reason);
    expect(seen.rejected[0]!.message).toMatch(reason);
  });
});
