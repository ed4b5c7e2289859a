// The golden request files under fixtures/golden/: the scene audit in every mode and format, every other
// catalogue push in its channel's format (safe mode, and plaintext where its channel allows it), a few
// edge cases, and the seed's own XML example, built by the fixtures package from fixed seeds,
// timestamps, nonces and random bytes.
// Pure: `goldenFiles()` returns name -> content; scripts/generate-golden.ts writes or checks them.
import { CATALOGUE, type PushChannel } from '@x/wx-audit-middleware';
import seed from '../fixtures/seed/scene-audit.json' with { type: 'json' };
import {
  buildPushRequest,
  buildRawPushRequest,
  createFixtures,
  PUSH_FORMATS,
  PUSH_MODES,
  type AnyCatalogueFixture,
  type BuiltPushRequest,
  type Fixtures,
  type PushMode,
  type PushRequestOptions,
  type SceneAuditFixture,
} from '../packages/wx-audit-fixtures/src/index.js';
import { kebabCase } from '../packages/wx-audit-fixtures/src/cli-push-triggers.js';

export const GOLDEN_DIR = 'fixtures/golden';

/** Test-only credentials every golden push is built with (and replayed against). */
export const GOLDEN_CREDENTIALS = { token: 'goldenToken', encodingAESKey: 'GoldenGoldenGoldenGoldenGoldenGoldenGolden0', appId: 'wx0123456789abcdef' } as const;
export const GOLDEN_NOW = 1_714_037_059;
const NONCE = '1320562132';
const RANDOM = Buffer.from('wx-audit-golden!', 'latin1');

/** One golden file: how it was built, the request, and what the middleware must make of it. */
export interface GoldenPush {
  kind: 'push';
  description: string;
  credentials: typeof GOLDEN_CREDENTIALS;
  /** Unix seconds: the receiving middleware's clock when replaying. */
  now: number;
  /**
   * What the receiving middleware needs besides `credentials` and `now`: plaintext pushes need
   * `requireEncryption: false` (it defaults to true with a key), and the seed's recorded example, whose
   * CreateTime is years before `now`, `maxMessageAgeSeconds: false`.
   */
  receiverOptions: { requireEncryption?: false; maxMessageAgeSeconds?: false };
  build: { mode: PushMode; format: 'xml' | 'json'; timestamp: number; nonce: string; randomHex: string; seed?: number };
  /** The typed fields the event named by its `type` must match (toMatchObject). */
  expected: AnyCatalogueFixture;
  request: Pick<BuiltPushRequest, 'method' | 'search' | 'headers' | 'body'>;
}

export type GoldenFile = GoldenPush;

function options(mode: PushMode, format: 'xml' | 'json'): PushRequestOptions {
  return { ...GOLDEN_CREDENTIALS, mode, format, timestamp: GOLDEN_NOW, nonce: NONCE, random: RANDOM };
}

function push(description: string, expected: AnyCatalogueFixture, built: BuiltPushRequest, seed?: number): GoldenPush {
  const recorded = seed === undefined;
  return {
    kind: 'push',
    description,
    credentials: GOLDEN_CREDENTIALS,
    now: GOLDEN_NOW,
    receiverOptions: {
      ...(built.mode === 'plain' ? { requireEncryption: false as const } : {}),
      ...(recorded ? { maxMessageAgeSeconds: false as const } : {}),
    },
    build: { mode: built.mode, format: built.format, timestamp: GOLDEN_NOW, nonce: NONCE, randomHex: RANDOM.toString('hex'), ...(seed === undefined ? {} : { seed }) },
    expected,
    request: { method: built.method, search: built.search, headers: built.headers, body: built.body },
  };
}

/** Fixture kinds with their fixed seeds (and GOLDEN_NOW as their clock): the factories' output is the golden content. */
const FIXTURES: ReadonlyArray<{ name: string; seed: number; make: (seed: number) => SceneAuditFixture }> = [
  { name: 'scene-audit', seed: 1, make: (seed) => createFixtures({ seed, now: GOLDEN_NOW * 1000 }).sceneAudit() },
  { name: 'scene-audit-single-item', seed: 2, make: (seed) => createFixtures({ seed, now: GOLDEN_NOW * 1000 }).edge.sceneAuditSingleItem() },
  { name: 'scene-audit-emoji', seed: 3, make: (seed) => createFixtures({ seed, now: GOLDEN_NOW * 1000 }).edge.sceneAuditEmoji() },
];

/**
 * The modes each channel's pushes come in (CATALOGUE §1.6): Mini Programs and Official Accounts choose
 * plaintext, compatible or safe; third-party platforms and WeChat Shops send safe mode only.
 */
const CHANNEL_MODES: Readonly<Record<PushChannel, readonly PushMode[]>> = {
  'mini-program': PUSH_MODES,
  'official-account': PUSH_MODES,
  'third-party-message': ['safe'],
  'third-party-authorization': ['safe'],
  'wechat-shop': ['safe'],
};

/** An `InfoType` push names the platform it is for (`AppId`): the component appid the golden pushes are encrypted for. */
function platform(event: string): { appId: string } | undefined {
  const definition = CATALOGUE.find((d) => d.name === event);
  return definition && 'infoType' in definition.wire ? { appId: GOLDEN_CREDENTIALS.appId } : undefined;
}

/** A fixed seed per push, from its name: the files keep their content whatever the catalogue's order, and no two share an account. */
const seedOf = (name: string) => [...name].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) % 100_000, 7);
const fixturesAt = (seed: number) => createFixtures({ seed, now: GOLDEN_NOW * 1000 });

/** Every catalogue push but the scene audit (above): its channel's default format, safe mode, and plaintext when a channel of it allows it. */
const CATALOGUE_PUSHES = CATALOGUE.filter((definition) => definition.name !== 'sceneAudit').map((definition) => ({
  name: kebabCase(definition.name),
  seed: seedOf(definition.name),
  make: (fx: Fixtures) => (fx as unknown as Record<string, (overrides?: object) => AnyCatalogueFixture>)[definition.name]!(platform(definition.name)),
  modes: (['safe', 'plain'] as const).filter((mode) => definition.channels.some((channel) => CHANNEL_MODES[channel].includes(mode))),
}));

/** Shapes naive decoders get wrong, in safe mode and their channel's format. */
const EDGES = [
  ['wxaMediaCheckV1', 'wxaMediaCheck'],
  ['notifyThirdFasteregisterFailure', 'notifyThirdFasteregister'],
  ['orderPathAuditResultNotifySingleItem', 'orderPathAuditResultNotify'],
  ['wxaAppealRecordSingleMaterial', 'wxaAppealRecord'],
  ['productSpuAuditEmoji', 'productSpuAudit'],
] as const;
const EDGE_PUSHES = EDGES.map(([edge, event]) => ({
  name: kebabCase(edge),
  seed: seedOf(edge),
  make: (fx: Fixtures) => (fx.edge[edge] as (overrides?: object) => AnyCatalogueFixture)(platform(event)),
  modes: ['safe'] as const,
}));

/** Seed 000's example request, verbatim (indentation included), and the event it must produce. */
export const SEED_EXAMPLE_XML = `<xml>
   <ToUserName><![CDATA[gh_885ece6ed5eb]]></ToUserName>
   <FromUserName><![CDATA[oMKbH5MtRalx0-1bIdmAuduh]]></FromUserName>
   <CreateTime>1623856215</CreateTime>
   <MsgType><![CDATA[event]]></MsgType>
   <Event><![CDATA[open_product_scene_group_audit]]></Event>
   <SceneGroupAudit>
      <group_id>1</group_id>
      <reason><![CDATA[审核通过,可以在视频号场景使用。]]></reason>
      <name><![CDATA[视频号、公众号场景]]></name>
      <scene_group_ext_list>
         <ext_id>1</ext_id>
         <status>1</status>
         <name><![CDATA[绑定视频号]]></name>
      </scene_group_ext_list>
      <scene_group_ext_list>
         <ext_id>2</ext_id>
         <status>1</status>
         <name><![CDATA[添加推广员]]></name>
      </scene_group_ext_list>
   </SceneGroupAudit>
</xml>`;

const SEED_EXAMPLE_EVENT: SceneAuditFixture = { ...seed.event, type: 'sceneAudit' };

/** Every golden file, by name (relative to GOLDEN_DIR), as the JSON text to check in. */
export function goldenFiles(): Map<string, string> {
  const files = new Map<string, GoldenFile>();
  for (const { name, seed, make } of FIXTURES) {
    const msg = make(seed);
    for (const mode of PUSH_MODES) {
      for (const format of PUSH_FORMATS) {
        const built = buildPushRequest(msg, options(mode, format));
        files.set(`${name}.${mode}.${format}.json`, push(`${name} (createFixtures({ seed: ${seed} })), ${mode} mode, ${format}`, msg, built, seed));
      }
    }
  }
  for (const { name, seed, make, modes } of [...CATALOGUE_PUSHES, ...EDGE_PUSHES]) {
    const msg = make(fixturesAt(seed));
    for (const mode of modes) {
      // The format left to buildPushRequest: the event's channel format is what is pinned here.
      const built = buildPushRequest(msg, { ...options(mode, 'xml'), format: undefined });
      files.set(`${name}.${mode}.${built.format}.json`, push(`${name} (createFixtures({ seed: ${seed} })), ${mode} mode, ${built.format}`, msg, built, seed));
    }
  }
  for (const mode of PUSH_MODES) {
    const built = buildRawPushRequest(SEED_EXAMPLE_XML, options(mode, 'xml'));
    files.set(`seed-example.${mode}.xml.json`, push(`seed 000's example request, verbatim, ${mode} mode`, SEED_EXAMPLE_EVENT, built));
  }
  return new Map([...files].map(([name, file]) => [name, `${JSON.stringify(file, null, 2)}\n`]));
}
