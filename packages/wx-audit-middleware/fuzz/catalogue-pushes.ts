import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AUDIT_RESULT_KINDS, CATALOGUE, type CatalogueEvent, type WireField, type WireNode } from '../src/index.js';
import { buildPush, MOUNT, NOW_S, type Format, type Mode } from '../test/helpers/push.js';
import type { XmlInputObject } from '../src/wire/index.js';
import type { FuzzRequest } from './fuzz-target.js';

/**
 * Pushes of every catalogue event with random values shaped by the event's own layout: the fuzz campaign
 * covers every schema. A value is drawn either well-formed (`sure`: the push must then be accepted and
 * typed) or from the shapes WeChat's sloppiness and an attacker's imagination produce (digit strings,
 * `{}`, one object for a list, objects and lists where text belongs, missing fields), which may be
 * accepted or refused, but always cleanly.
 */

/** A drawn wire value, and whether it is certainly one the schema accepts. */
interface Drawn {
  value: unknown;
  sure: boolean;
}

const chars = Array.from('abcXYZ019 中文审核通过驳回原因😀👍🏽|-_.:"\'<>&');
const text = fc.string({ unit: fc.constantFrom(...chars), maxLength: 24 });
const odd = fc.constantFrom<unknown>({}, [], { a: 1 }, [{ b: '2' }], '', 'abc', '-', '1e3', '0x10', true, null);

function drawNode(node: WireNode, depth: number): fc.Arbitrary<Drawn> {
  switch (node.kind) {
    case 'text':
      return fc.oneof(
        { weight: 6, arbitrary: text.map((value) => ({ value, sure: true })) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 53 }).map((value) => ({ value, sure: true })) },
        { weight: 1, arbitrary: odd.map((value) => ({ value, sure: false })) },
      );
    case 'number':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: -99, max: 4_294_966_288 }).map((value) => ({ value, sure: true })) },
        { weight: 3, arbitrary: fc.integer({ min: -99, max: 2_000_000_000 }).map((value) => ({ value: String(value), sure: true })) },
        { weight: 1, arbitrary: odd.map((value) => ({ value, sure: false })) },
      );
    case 'list':
      if (depth > 3) return fc.constant({ value: [], sure: true });
      return fc.oneof(
        fc.array(drawNode(node.item, depth + 1), { maxLength: 3 }).map((items) => ({ value: items.map((i) => i.value), sure: items.every((i) => i.sure) })),
        drawNode(node.item, depth + 1),
        odd.map((value) => ({ value, sure: false })),
      );
    case 'object':
      return drawFields(node.fields, depth + 1).map(({ value, sure }) => ({ value, sure }));
  }
}

/** Every field of a layout: present (well-formed or odd) or absent (sure only where it is optional), plus an unknown one now and then. */
function drawFields(fields: ReadonlyArray<WireField>, depth: number): fc.Arbitrary<Drawn> {
  const entries = fields.map((field) =>
    fc.oneof(
      { weight: 8, arbitrary: drawNode(field.node, depth) },
      { weight: 1, arbitrary: fc.constant({ value: undefined, sure: field.optional || field.node.kind === 'list' }) },
    ),
  );
  return fc.tuple(fc.tuple(...entries), fc.option(text, { freq: 4 })).map(([drawn, extra]) => {
    const value: Record<string, unknown> = {};
    drawn.forEach((d, i) => {
      if (d.value !== undefined) value[fields[i]!.wire] = d.value;
    });
    if (extra !== null) value.undocumented_field = extra;
    return { value, sure: drawn.every((d) => d.sure) };
  });
}

export interface CatalogueCase {
  definition: CatalogueEvent;
  /** Certainly valid: must be accepted, typed, and (for audit results) followed by auditResult. */
  sure: boolean;
  request: FuzzRequest;
}

const definitions = CATALOGUE as unknown as readonly CatalogueEvent[];

/** Every case is a push of its own (an account no other case uses): a repeat would be a duplicate, answered without dispatch. */
let accounts = 0;

export const cataloguePush: fc.Arbitrary<CatalogueCase> = fc
  .record({
    index: fc.nat({ max: definitions.length - 1 }),
    mode: fc.constantFrom<Mode>('plain', 'safe'),
    format: fc.constantFrom<Format>('xml', 'json'),
    age: fc.integer({ min: 0, max: 3000 }),
  })
  .chain(({ index, mode, format, age }) => {
    const definition = definitions[index]!;
    return drawFields(definition.layout, 0).map(({ value, sure }): CatalogueCase => {
      const account = (++accounts).toString(16).padStart(12, '0');
      const envelope: XmlInputObject =
        'event' in definition.wire
          ? { ToUserName: `gh_${account}`, FromUserName: 'oFuzzSender', CreateTime: NOW_S - age, MsgType: 'event', Event: definition.wire.event }
          : { AppId: `wx0000${account}`, CreateTime: NOW_S - age, InfoType: definition.wire.infoType };
      const message = (definition.wrapper ? { ...envelope, [definition.wrapper]: value } : { ...envelope, ...(value as XmlInputObject) }) as XmlInputObject;
      const push = buildPush({ message, mode, format });
      return {
        definition,
        sure,
        request: { label: `${mode} ${format} ${definition.name}`, method: 'POST', url: `${MOUNT}${push.search}`, headers: { 'content-type': push.contentType }, body: Buffer.from(push.body), expect: 'any' },
      };
    });
  });

const AUDIT_KINDS: ReadonlySet<string> = new Set(AUDIT_RESULT_KINDS);

/**
 * The catalogue's own oracle, on top of checkOutcome's: accepted means the typed event, then auditResult
 * exactly when the event reports an outcome, then message, all under one id; refused means
 * SCHEMA_INVALID (the values are the only thing drawn); a certainly valid push is never refused.
 */
export function checkCatalogueCase(c: CatalogueCase, status: number, body: string, events: ReadonlyArray<{ name: string; payload: unknown }>): void {
  const where = `${c.request.label} → ${status} ${body.slice(0, 300)}`;
  if (status !== 200) {
    assert.ok(!c.sure, `a well-formed ${c.definition.name} push was refused (${where})`);
    assert.equal((JSON.parse(body) as { code: string }).code, 'SCHEMA_INVALID', `a catalogue push refused for something else than its values (${where})`);
    return;
  }
  const name = c.definition.name;
  const expected = AUDIT_KINDS.has(name) ? [name, 'auditResult', 'message'] : [name, 'message'];
  assert.deepEqual(events.map((e) => e.name), expected, `events of an accepted push (${where})`);
  const ids = new Set(events.map((e) => (e.payload as { id: string }).id));
  assert.equal(ids.size, 1, `one id for a push's events (${where})`);
  if (AUDIT_KINDS.has(name)) {
    const result = events[1]!.payload as { kind: string; outcome: string };
    assert.equal(result.kind, name);
    assert.ok(['approved', 'rejected', 'pending', 'cancelled', 'other'].includes(result.outcome), `auditResult.outcome ${result.outcome} (${where})`);
  }
}
