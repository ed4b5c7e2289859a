// `wx-audit fake-server --status`: what each preset and JSON form gives, against the sources (the
// built command is exercised in cli.test.ts).
import { readFileSync } from 'node:fs';
import { isRegistrationFinal } from '@x/wx-audit-middleware';
import { describe, expect, it } from 'vitest';
import { parseStatuses, STATUS_PRESETS } from '../src/cli-statuses.js';
import { UsageError } from '../src/cli-usage-error.js';
import { startFakeWeChat } from '../src/index.js';

const items = (s: { merchantInfoStatus?: number; acctVerifyStatus?: number; basicInfoStatus?: number; paySignStatus?: number }) => [
  s.merchantInfoStatus ?? 0,
  s.acctVerifyStatus ?? 0,
  s.basicInfoStatus ?? 0,
  s.paySignStatus ?? 0,
];

describe('--status presets', () => {
  const all = parseStatuses([`shop=${Object.keys(STATUS_PRESETS).join(',')}`], 3).get('shop')!;
  const by = Object.fromEntries(Object.keys(STATUS_PRESETS).map((name, i) => [name, all[i]!]));

  it('are the states a registration goes through, final only when approved or frozen', () => {
    expect(by.unregistered).toMatchObject({ registerStatus: 2 });
    expect(by.unsigned).toMatchObject({ registerStatus: 1 });
    expect(items(by['in-review']!)).toEqual([3, 3, 3, 3]);
    expect(by['in-review']!.legalValidationUrl).toMatch(/^https:\/\//);
    expect(items(by.rejected!)).toEqual([5, 5, 4, 1]);
    expect(by.rejected!.auditRejectReasons).toEqual(expect.any(String));
    expect(items(by['pay-sign']!)).toEqual([5, 5, 5, 2]);
    expect(by['pay-sign']!.signUrl).toMatch(/^https:\/\//);
    expect(items(by.approved!)).toEqual([5, 5, 5, 5]);
    expect(items(by.frozen!)).toEqual([5, 5, 6, 5]);
    const final = Object.keys(STATUS_PRESETS).filter((name) => isRegistrationFinal({ merchantInfoStatus: 0, acctVerifyStatus: 0, basicInfoStatus: 0, paySignStatus: 0, ...by[name]! }));
    expect(final).toEqual(['approved', 'frozen']);
  });

  it('of one shop share its appid; another shop has its own; the same --seed gives the same shops', () => {
    const appids = all.filter((s) => s.registerStatus === 0).map((s) => s.registeredAppid);
    expect(new Set(appids).size).toBe(1);
    const two = parseStatuses(['a=approved', 'b=approved'], 3);
    expect(two.get('a')![0]!.registeredAppid).toBe(appids[0]);
    expect(two.get('b')![0]!.registeredAppid).not.toBe(appids[0]);
    expect(parseStatuses(['a=approved', 'b=approved'], 3)).toEqual(two);
  });

  it('are all in the fixtures guide, and the guide names no other', () => {
    const guide = readFileSync(new URL('../../../docs/fixtures.md', import.meta.url), 'utf8');
    const rows = [...guide.matchAll(/^\| `([a-z-]+)` \| /gm)].map((m) => m[1]);
    expect(rows).toEqual(Object.keys(STATUS_PRESETS));
  });
});

describe('--status JSON', () => {
  it('an object, or an array mixing presets and objects, as wx.setAuditStatus takes them', async () => {
    const shops = parseStatuses(['one={"registerStatus":0,"paySignStatus":4,"payAuditDetail":{"paramName":"结算账户","rejectReason":"户名不符"}}', 'seq=["unsigned",{"registerStatus":0}]'], undefined);
    expect(shops.get('one')).toEqual([{ registerStatus: 0, paySignStatus: 4, payAuditDetail: { paramName: '结算账户', rejectReason: '户名不符' } }]);
    expect(shops.get('seq')!.map((s) => s.registerStatus)).toEqual([1, 0]);
    // What the fake then answers, in WeChat's names, absent items as 0.
    const wx = await startFakeWeChat();
    try {
      for (const [name, list] of shops) wx.setAuditStatus(name, list);
      const res = await fetch(`${wx.url}/product/register/check_audit_status?access_token=${wx.accessToken}`, { method: 'POST', body: '{"wx_name":"one"}' });
      expect(((await res.json()) as { data: unknown }).data).toEqual({
        register_status: 0,
        merchant_info_status: 0,
        acct_verify_status: 0,
        basic_info_status: 0,
        pay_sign_status: 4,
        pay_audit_detail: { param_name: '结算账户', reject_reason: '户名不符' },
      });
    } finally {
      await wx.close();
    }
  });

  it.each([
    ['a={"registerStatus":0,"extra":1}', /unknown field "extra"; the fields are registerStatus, /],
    ['a={"basic_info_status":4,"registerStatus":0}', /did you mean "basicInfoStatus"\?/],
    ['a={"merchantInfoStatus":3}', /\(registerStatus: /],
    ['a={"registerStatus":0,"payAuditDetail":{"paramName":1}}', /\(payAuditDetail\.paramName: /],
    ['a=[]', /give at least one status/],
    ['a=["approved","nope"]', /unknown status "nope"/],
    ['a=[null]', /each status is a preset name or a JSON object; got null/],
    ['=approved', /expects <wxName>=<preset\|json>/],
    ['a=', /expects <wxName>=<preset\|json>/],
    ['a=constructor', /unknown status "constructor"/],
  ])('%s is a usage error', (spec, message) => {
    expect(() => parseStatuses([spec], 1)).toThrow(UsageError);
    expect(() => parseStatuses([spec], 1)).toThrow(message);
  });
});
