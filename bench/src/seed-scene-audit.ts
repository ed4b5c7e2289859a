import type { XmlInputObject } from '@x/wx-audit-middleware/wire';
import seed from '../../fixtures/seed/scene-audit.json' with { type: 'json' };

/**
 * The scene audit push of seed 000_a9ad815b3a6bbb5c (open_product_scene_group_audit, WeChat's own
 * request example), from the repository's copy in fixtures/seed/ (the bench never reads shared/).
 * `createTime` is a parameter: every benchmarked message must be distinct (see docs/benchmarks.md).
 */
export function seedSceneAudit(createTime = seed.wire.CreateTime): XmlInputObject {
  return { ...seed.wire, CreateTime: createTime };
}
