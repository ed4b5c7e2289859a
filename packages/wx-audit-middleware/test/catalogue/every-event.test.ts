// Issue #15: every catalogue push through real Express 4 and 5 apps, in each mode and format its channel
// uses, checked against the hand-written oracle (wire-examples.ts, expected-events.ts): the typed event,
// then auditResult (the 26 audit events) or none (the 7 lifecycle ones), then message, all with one id.
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_RESULT_KINDS, CATALOGUE } from '../../src/index.js';
import { flavors } from '../helpers/apps.js';
import { CHANNELS } from './channels.js';
import { expectedDispatch } from './expected-dispatch.js';
import { EXPECTED } from './expected-events.js';
import { receiverPool } from './receiver.js';
import { CREATED, WIRE_EXAMPLES } from './wire-examples.js';

const pool = receiverPool();
afterAll(() => pool.close());

describe('the oracle covers the catalogue', () => {
  it('one wire example per catalogue event, 26 with an auditResult and 7 lifecycle ones', () => {
    expect(WIRE_EXAMPLES.map((e) => e.name).sort()).toEqual(CATALOGUE.map((d) => d.name).sort());
    expect(Object.keys(EXPECTED).sort()).toEqual(WIRE_EXAMPLES.map((e) => e.name).sort());
    const audited = WIRE_EXAMPLES.filter((e) => EXPECTED[e.name]!.audit !== null).map((e) => e.name);
    expect(audited).toHaveLength(26);
    expect(audited.sort()).toEqual([...AUDIT_RESULT_KINDS].sort());
  });
});

describe.each(flavors)('%s: every catalogue push', (flavor) => {
  describe.each(WIRE_EXAMPLES.map((e) => [`${e.name} (${e.channel})`, e] as const))('%s', (_label, example) => {
    const channel = CHANNELS[example.channel];
    const cases = channel.modes.flatMap((mode) => channel.formats.map((format) => ({ mode, format })));
    it.each(cases.map((c, i) => ({ ...c, i })))('$mode $format', async ({ mode, format, i }) => {
      // Each case moves CreateTime a second, so that it is a new push for the shared receiver, not a re-delivery.
      const wire = { ...example.wire, CreateTime: CREATED - i };
      const { res, events, rejected } = await pool.get(flavor, example.channel).post(example.channel, wire, { mode, format });
      expect(rejected).toEqual([]);
      expect([res.status, res.text]).toEqual([200, 'success']);
      expect(events).toEqual(expectedDispatch(example, wire, format, channel.authorizerAppId));
      expect(new Set(events.map((e) => e.id)).size).toBe(1);
    });
  });
});
