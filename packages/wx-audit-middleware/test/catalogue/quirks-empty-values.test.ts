// WeChat leaves a number out with an empty element (`<audit_time></audit_time>`) or `""`, and an object
// with `{}`: an optional field sent so is absent from the event, and the push is accepted. (Before, such a
// push was refused 400 SCHEMA_INVALID on every retry, and its result lost.) A required field sent empty is
// still refused.
import { afterAll, describe, expect, it } from 'vitest';
import { flavors } from '../helpers/apps.js';
import { NOW_S } from '../helpers/push.js';
import { accepted, receiverPool, refused } from './receiver.js';
import { example } from './wire-examples.js';

const pool = receiverPool();
afterAll(() => pool.close());

describe.each(flavors)('%s: empty values of optional fields', (flavor) => {
  it('an empty optional number element (XML) is absent: wxaAppealRecord audit_time, openProductSpuAudit spu_status', async () => {
    const appeal = example('wxaAppealRecord');
    const sent = await pool.get(flavor, appeal.channel).post(appeal.channel, { ...appeal.wire, CreateTime: NOW_S - 11, audit_time: '', appeal_status: 1 });
    const { typed } = accepted(sent);
    expect(typed.type).toBe('wxaAppealRecord');
    expect('auditTime' in typed).toBe(false);
    expect(typed.raw.audit_time).toBe('');

    const spu = example('openProductSpuAudit');
    const wrapper = spu.wire.OpenProductSpuAudit as Record<string, unknown>;
    const second = await pool.get(flavor, spu.channel).post(spu.channel, { ...spu.wire, CreateTime: NOW_S - 12, OpenProductSpuAudit: { ...wrapper, spu_status: '' } });
    const { typed: product } = accepted(second);
    expect('spuStatus' in product).toBe(false);
  });

  it('"" for an optional number in JSON, and {} for the media check result, are absent; the outcome falls back to v1 fields', async () => {
    const check = example('wxaMediaCheck');
    const sent = await pool
      .get(flavor, check.channel)
      .post(check.channel, { ...check.wire, CreateTime: NOW_S - 13, trace_id: 'empty-result-1', result: {}, isrisky: '1', status_code: '' }, { format: 'json' });
    const { typed, audit } = accepted(sent);
    expect(typed.type).toBe('wxaMediaCheck');
    expect('result' in typed).toBe(false);
    expect('statusCode' in typed).toBe(false);
    expect(audit).toMatchObject({ type: 'auditResult', kind: 'wxaMediaCheck', outcome: 'rejected', subjectId: 'empty-result-1' });
  });

  it('a required number sent empty is still refused, naming the field', async () => {
    const spu = example('openProductSpuAudit');
    const wrapper = spu.wire.OpenProductSpuAudit as Record<string, unknown>;
    const sent = await pool.get(flavor, spu.channel).post(spu.channel, { ...spu.wire, CreateTime: NOW_S - 14, OpenProductSpuAudit: { ...wrapper, status: '' } });
    expect(refused(sent, 400, 'SCHEMA_INVALID')).toContain('OpenProductSpuAudit.status');
  });
});
