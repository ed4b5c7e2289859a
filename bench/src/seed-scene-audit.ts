import type { XmlInputObject } from '@x/wx-audit-middleware/wire';

/**
 * The scene audit push of seed 000_a9ad815b3a6bbb5c (open_product_scene_group_audit, WeChat's own
 * request example), copied here field for field because the bench must not read shared/ at run time.
 * `createTime` is a parameter: every benchmarked message must be distinct (see docs/benchmarks.md).
 */
export function seedSceneAudit(createTime = 1623856215): XmlInputObject {
  return {
    ToUserName: 'gh_885ece6ed5eb',
    FromUserName: 'oMKbH5MtRalx0-1bIdmAuduh',
    CreateTime: createTime,
    MsgType: 'event',
    Event: 'open_product_scene_group_audit',
    SceneGroupAudit: {
      group_id: 1,
      reason: '审核通过,可以在视频号场景使用。',
      name: '视频号、公众号场景',
      scene_group_ext_list: [
        { ext_id: 1, status: 1, name: '绑定视频号' },
        { ext_id: 2, status: 1, name: '添加推广员' },
      ],
    },
  };
}
