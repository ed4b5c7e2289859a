// The Chinese wording of WeChat's audit pushes to Mini Programs and third-party platforms, as WeChat
// writes it (code audits, names, categories, privacy interfaces, appeals, media checks, registration).

/** Items of a code-audit rejection: WeChat numbers them and joins them with `<br>` (see codeAuditReason). */
export const CODE_AUDIT_PROBLEMS: ReadonlyArray<{ title: string; details: readonly string[] }> = [
  { title: '账号信息不符合规范', details: ['(1):小程序简介与实际提供的服务不符', '(2):小程序名称涉嫌仿冒他人品牌'] },
  { title: '服务类目"工具-信息查询"与你提交代码审核时设置的功能页面内容不一致', details: ['(1):功能页面涉及商品交易,请补充选择"商家自营-百货"类目'] },
  { title: '小程序内容不符合规范', details: ['(1):存在诱导分享、诱导关注行为', '(2):部分页面无法正常访问'] },
  { title: '你的小程序涉及收集、使用和存储用户信息', details: ['(1):请在小程序内增加《用户隐私保护指引》,并在收集前取得用户同意'] },
  { title: '小程序功能不完整', details: ['(1):首页存在"敬请期待"等尚未开发完成的功能'] },
  { title: '小程序测试帐号不可用', details: ['(1):请在审核备注中提供可登录的测试帐号及密码'] },
  { title: '服务类目"金融业-保险_"与你提交代码审核时设置的功能页面内容不一致', details: ['(1):未提供《经营保险代理业务许可证》'] },
];

export const CODE_AUDIT_DELAY_REASONS = [
  '为了更好的服务小程序,您的服务商正在进行提审系统的优化,可能会导致审核时效的增长,请耐心等待。',
  '当前提审小程序较多,审核时间将有所延长,请耐心等待。',
];

export const NICKNAMES = ['鲜果到家优选', '小鹿读书会', '城市停车助手', '宠物医院预约', '拼拼好物团', '知行学堂', '车主服务中心', '健身打卡记', '同城跑腿帮', '家政到家服务'];
export const NICKNAME_REJECTIONS = [
  '名称涉嫌仿冒他人品牌,请提供商标注册证或授权书',
  '名称与主体资质不符',
  '名称中含有"官方"等易引起误解的词汇',
  '名称已被其他帐号使用',
];

/** Category pairs (first-level id, second-level id) as addcategory takes them, with their console names. */
export const CATEGORIES: ReadonlyArray<{ first: number; second: number; name: string }> = [
  { first: 304, second: 305, name: '商家自营-百货' },
  { first: 150, second: 627, name: '教育-在线教育' },
  { first: 220, second: 221, name: '餐饮-餐饮服务场所/餐饮服务管理企业' },
  { first: 287, second: 612, name: '工具-信息查询' },
  { first: 632, second: 633, name: '生活服务-家政' },
  { first: 210, second: 213, name: '快递业与邮政-快递、物流' },
];
export const CATEGORY_REJECTIONS = [
  '请上传《食品经营许可证》或《食品生产许可证》',
  '资质证明材料不清晰,请重新上传',
  '所选类目与小程序实际服务内容不符',
  '资质主体与小程序主体不一致',
];

export const PRIVACY_APIS = ['wx.chooseAddress', 'wx.choosePoi', 'wx.getLocation', 'wx.chooseLocation', 'wx.onLocationChange', 'wx.startLocationUpdate', 'wx.startLocationUpdateBackground'];
export const PRIVACY_REJECTIONS = ['小程序内未含有相应使用场景', '申请理由与小程序实际使用场景不符', '接口使用场景描述不清晰,请补充截图或视频'];

export const PUNISHMENTS = ['内容涉嫌欺诈', '小程序涉嫌提供违规内容,已被限制部分功能', '存在诱导分享行为', '涉嫌虚假宣传'];
export const ILLEGAL_CONTENTS = ['首页展示"转发领现金"活动', '商品详情页含有"最低价"等夸大宣传用语', '用户发布的违规评论', '活动页面诱导用户分享到群聊'];
export const APPEAL_REASONS = ['内容是正常的', '相关活动已下线,已整改完毕', '该内容为用户自行发布,已删除并加强审核', '宣传用语已修改,请重新审核'];
export const APPEAL_UPHELD = ['经复核,申诉理由成立,已解除处罚', '经复核,已恢复相关功能'];
export const APPEAL_DISMISSED = ['经复核,违规行为属实,维持原处罚', '申诉材料不足以证明内容合规,维持原处罚'];

/** Media check labels by suggest: pass is 100 (正常); risky and review carry a risk label. */
export const RISK_LABELS = [10001, 20001, 20002, 20003, 20006, 20008, 20012, 20013];

/** Fast registration: error statuses and WeChat's messages for them. */
export const FAST_REGISTER_ERRORS: ReadonlyArray<{ status: number; msg: string }> = [
  { status: 89249, msg: '该主体已有任务执行中,距上次任务24h后再试' },
  { status: 89250, msg: '未找到该任务' },
  { status: 89251, msg: '模板消息已下发,待法人人脸核身校验' },
  { status: 89252, msg: '法人&企业信息一致性校验中' },
  { status: 61070, msg: '法人姓名与微信号不一致' },
];
/** Failures seen on the wire with a negative status and nothing else (no appid, no auth_code, empty info). */
export const FAST_REGISTER_FAILURES: ReadonlyArray<{ status: number; msg: string }> = [
  { status: -1, msg: 'system error' },
  { status: -100, msg: '注册失败,请稍后重试' },
];

export const COMPANY_PARTS = {
  city: ['深圳市', '杭州', '广州市', '成都', '上海', '武汉'],
  brand: ['鹏程', '云帆', '启明', '优品', '星河', '青禾'],
  trade: ['网络科技', '信息技术', '电子商务', '文化传媒', '餐饮管理', '供应链管理'],
};

/** Letters of a unified social credit code (GB 32100: digits and capitals without I, O, S, V, Z). */
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const ORDER_PATH_REJECTIONS = ['订单页路径无法打开', '订单页未展示订单详情', '路径对应页面与订单无关'];
