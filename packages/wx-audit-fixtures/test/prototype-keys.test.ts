// Security review (issue #19, finding 8): `wx-audit trigger --set __proto__.x=…` wrote x on
// Object.prototype, in-process, before anything checked the override.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSets, UsageError } from '../src/cli-triggers.js';
import { createFixtures } from '../src/create-fixtures.js';
import { clone, deepMerge } from '../src/deep-merge.js';

const polluted = () => (({}) as Record<string, unknown>).polluted;

afterEach(() => {
  // Should a case fail, the next ones must not see its pollution.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('--set paths through the prototype', () => {
  const sample = createFixtures({ seed: 0 }).sceneAudit();

  it.each(['__proto__.polluted=1', 'constructor.prototype.polluted=1', 'reason.__proto__.polluted=1', 'groupId.prototype=1', '__proto__=1'])('%s is a usage error naming --set, and writes nothing', (pair) => {
    expect(() => parseSets([pair], sample)).toThrow(UsageError);
    expect(() => parseSets([pair], sample)).toThrow(/^--set cannot write "(__proto__|constructor|prototype)"/);
    expect(polluted()).toBeUndefined();
  });

  it('an ordinary dotted path still works', () => {
    expect(parseSets(['groupId=7', 'a.b=2'], sample)).toEqual({ groupId: 7, a: { b: 2 } });
  });
});

describe('deepMerge and clone refuse the prototype keys', () => {
  // JSON.parse makes "__proto__" an own key, as a --set value or a JSON override file would.
  const hostile = () => JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;

  it.each([
    ['a top-level override', () => deepMerge({ a: 1 }, hostile())],
    ['a nested override of an existing object', () => deepMerge({ a: { b: 1 } }, { a: hostile() })],
    ['a nested override of a new key (copied, not merged)', () => deepMerge({ a: 1 }, { b: hostile() })],
    ['an override inside a list', () => deepMerge({ list: [] as unknown[] }, { list: [hostile()] })],
    ['constructor.prototype', () => deepMerge({}, { constructor: { prototype: { polluted: 1 } } })],
    ['clone itself', () => clone({ x: hostile() })],
  ])('%s', (_name, merge) => {
    expect(merge).toThrow(/"(__proto__|constructor)" is not allowed/);
    expect(polluted()).toBeUndefined();
  });

  it('a fixture override given as JSON with __proto__ inside a list item is refused', () => {
    const fx = createFixtures({ seed: 1 });
    const list = JSON.parse('[{"extId": 1, "status": 1, "name": "x", "__proto__": {"polluted": 1}}]') as [];
    expect(() => fx.sceneAudit({ sceneGroupExtList: list })).toThrow(/"__proto__" is not allowed/);
  });
});
