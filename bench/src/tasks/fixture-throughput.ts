import { createWxAudit } from '@x/wx-audit-middleware';
import { BENCH_CREDENTIALS, MOUNT } from '../credentials.js';
import { buildBenchPush } from '../push-request.js';
import { seedSceneAudit } from '../seed-scene-audit.js';
import { timeSync } from './measure.js';

export interface FixtureThroughputRow {
  builder: string;
  /** Safe-mode XML requests built per second (distinct messages, each encrypted and signed). */
  perSecond: number;
  microsPerRequest: number;
  /** Whether a built request was accepted (200 success) by the middleware. */
  accepted: boolean;
}

/** The shape `@x/wx-audit-fixtures` builds from: the event's typed fields plus `type` (API.md). */
type BuildPushRequest = (
  message: Record<string, unknown>,
  options: Record<string, unknown>,
) => { search: string; headers: Record<string, string>; body: string };

/** `buildPushRequest` of the fixtures package when it is built and exports it; undefined otherwise. */
async function loadFixturesBuilder(): Promise<BuildPushRequest | undefined> {
  // A variable specifier: the fixtures package may not be built yet, and the bench must not need it.
  const specifier = '@x/wx-audit-fixtures';
  try {
    const mod = (await import(specifier)) as { buildPushRequest?: unknown };
    return typeof mod.buildPushRequest === 'function' ? (mod.buildPushRequest as BuildPushRequest) : undefined;
  } catch {
    return undefined;
  }
}

export async function runFixtureThroughput(minMs: number): Promise<FixtureThroughputRow[]> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const timestamp = String(nowSeconds);
  const audit = createWxAudit({ ...BENCH_CREDENTIALS, now: () => nowSeconds * 1000, logger: false });
  const accepts = async (url: string, body: string) =>
    (await audit.receive({ method: 'POST', url, path: '/', headers: {}, readBody: async () => ({ kind: 'bytes', bytes: Buffer.from(body, 'utf8') }) })).body === 'success';

  const rows: FixtureThroughputRow[] = [];
  const wire = (i: number) => buildBenchPush(seedSceneAudit(nowSeconds - i), { mode: 'safe', format: 'xml', timestamp, nonce: `f${i}` });
  const t = timeSync(wire, minMs, 16);
  const sample = wire(-1);
  rows.push({ builder: 'middleware wire functions (buildXml, encryptMessage, messageSignature)', perSecond: t.opsPerSecond, microsPerRequest: t.microsPerOp, accepted: await accepts(sample.path, sample.body) });

  const buildPushRequest = await loadFixturesBuilder();
  if (buildPushRequest) {
    const scene = (i: number) => {
      const wireMessage = seedSceneAudit(nowSeconds - 100_000 - i);
      const audit = wireMessage.SceneGroupAudit as { group_id: number; reason: string; name: string; scene_group_ext_list: Array<{ ext_id: number; status: number; name: string }> };
      return {
        type: 'sceneAudit',
        toUserName: wireMessage.ToUserName,
        fromUserName: wireMessage.FromUserName,
        createTime: wireMessage.CreateTime,
        groupId: audit.group_id,
        reason: audit.reason,
        name: audit.name,
        sceneGroupExtList: audit.scene_group_ext_list.map((x) => ({ extId: x.ext_id, status: x.status, name: x.name })),
      };
    };
    const options = (i: number) => ({ ...BENCH_CREDENTIALS, mode: 'safe', format: 'xml', timestamp, nonce: `x${i}` });
    const f = timeSync((i) => buildPushRequest(scene(i), options(i)), minMs, 16);
    const built = buildPushRequest(scene(-1), options(-1));
    rows.push({ builder: '@x/wx-audit-fixtures buildPushRequest', perSecond: f.opsPerSecond, microsPerRequest: f.microsPerOp, accepted: await accepts(MOUNT + built.search, built.body) });
  }
  await audit.close();
  return rows;
}
