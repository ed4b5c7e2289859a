import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WxAuditError } from '../src/index.js';
import { buildXml, parseJson, parseXml, type XmlInputObject } from '../src/wire/index.js';
import { mutate } from './helpers/mutate.js';

/** Runs `fn`; a throw must be a WxAuditError with code BODY_MALFORMED, anything else fails the property. */
function outcome<T>(fn: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    expect(error).toBeInstanceOf(WxAuditError);
    expect((error as WxAuditError).code).toBe('BODY_MALFORMED');
    return { ok: false };
  }
}

const xmlName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/).filter((n) => !['__proto__', 'constructor', 'prototype'].includes(n) && !/^xml/i.test(n));
/** XML 1.0 Char, minus CR (which XML normalizes to LF). */
const xmlChar = (c: number) => c === 0x9 || c === 0xa || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
// Text WeChat could send: any unicode, minus the control characters XML 1.0 forbids; ']]>' included on purpose.
const xmlText = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .map((s) => [...s].filter((c) => xmlChar(c.codePointAt(0)!)).join(''))
  .chain((s) => fc.constantFrom(s, `${s}]]>${s}`, `<a>&amp;${s}`));
const flatMessage = fc.dictionary(xmlName, xmlText, { minKeys: 1, maxKeys: 8 });


const seedXml = buildXml({ ToUserName: 'gh_1', CreateTime: 1623856215, MsgType: 'event', SceneGroupAudit: { group_id: 1, scene_group_ext_list: [{ ext_id: 1, name: 'a' }, { ext_id: 2, name: 'b' }] } });
const seedJson = '{"ToUserName":"gh_1","CreateTime":1623856215,"MsgId":6054768590064713728,"SceneGroupAudit":{"group_id":1,"scene_group_ext_list":[{"ext_id":1,"name":"a"}]}}';

describe('parseXml', () => {
  it('random text: an XmlObject or BODY_MALFORMED, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string().map((s) => `<xml>${s}</xml>`)), (text) => {
        const result = outcome(() => parseXml(text));
        if (result.ok) expect(typeof result.value).toBe('object');
      }),
      { numRuns: 500 },
    );
  });

  it('mutated valid documents: an XmlObject or BODY_MALFORMED, nothing else', () => {
    fc.assert(fc.property(mutate(seedXml), (text) => void outcome(() => parseXml(text))), { numRuns: 1000 });
  });

  it('round-trips buildXml for random flat messages, every value exact', () => {
    fc.assert(
      fc.property(flatMessage, (message) => {
        expect(parseXml(buildXml(message))).toEqual(message);
      }),
      { numRuns: 300 },
    );
  });

  it('scene_group_ext_list decodes to an array for any number of items (1 included)', () => {
    const item = fc.record({ ext_id: fc.integer({ min: 0, max: 9 }), status: fc.integer({ min: 0, max: 3 }), name: xmlText });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), (list) => {
        const doc = parseXml(buildXml({ SceneGroupAudit: { group_id: 1, scene_group_ext_list: list } } as XmlInputObject));
        const decoded = (doc.SceneGroupAudit as { scene_group_ext_list: unknown }).scene_group_ext_list;
        expect(decoded).toEqual(list.map((i) => ({ ext_id: String(i.ext_id), status: String(i.status), name: i.name })));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses entity declarations and prototype keys wherever they appear', () => {
    for (const text of [
      '<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">]><xml><A>&a;</A></xml>',
      '<?xml version="1.0"?><!doctype xml SYSTEM "file:///etc/passwd"><xml><A>1</A></xml>',
      '<xml><A><constructor><prototype>1</prototype></constructor></A></xml>',
      `<xml>${'<a>'.repeat(200)}1${'</a>'.repeat(200)}</xml>`,
    ]) {
      expect(outcome(() => parseXml(text)).ok).toBe(false);
    }
  });
});

describe('parseJson', () => {
  it('random text: a value or BODY_MALFORMED; it accepts only what JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), mutate(seedJson)), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const result = outcome(() => parseJson(text));
        if (!valid) expect(result.ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses number tokens that only quoting would make valid', () => {
    for (const text of ['{"a":09007199254740993}', '{12345678901234567890:1}', '[-012345678901234567890]', '{"a":12345678901234567890 12345678901234567891}']) {
      expect(outcome(() => parseJson(text)).ok).toBe(false);
    }
  });

  it('integers: safe ones stay numbers, larger ones become their exact digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.constantFrom('{"v":%}', '{"a":[1,{"v":%}]}', '{ "v" : % }'), (n, shape) => {
        const parsed = parseJson(shape.replace('%', n.toString())) as Record<string, unknown>;
        const v = 'v' in parsed ? parsed.v : ((parsed.a as unknown[])[1] as { v: unknown }).v;
        const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
        expect(v).toBe(safe ? Number(n) : n.toString());
      }),
      { numRuns: 1000 },
    );
  });

  it('digits inside strings are never touched', () => {
    fc.assert(
      fc.property(fc.string(), fc.bigInt({ min: 2n ** 60n, max: 2n ** 64n }), (s, n) => {
        const text = JSON.stringify({ s: `${s}${n}`, t: `\\"${n}` });
        expect(parseJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('refuses reserved keys at any depth and nesting deeper than 32', () => {
    expect(outcome(() => parseJson('{"a":[{"b":{"__proto__":1}}]}')).ok).toBe(false);
    expect(outcome(() => parseJson('{"constructor":{"prototype":{"x":1}}}')).ok).toBe(false);
    expect(outcome(() => parseJson(`${'['.repeat(40)}${']'.repeat(40)}`)).ok).toBe(false);
    expect(outcome(() => parseJson(`{"a":${'['.repeat(20)}${']'.repeat(20)}}`)).ok).toBe(true);
  });
});
