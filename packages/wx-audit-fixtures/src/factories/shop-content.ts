// The Chinese wording of product, brand and category audits (trading component, WeChat Shop) and of
// Official Account verification and card audits, as WeChat writes it.

export const PRODUCT_REJECTIONS = [
  '商品主图含有水印或二维码',
  '商品标题含有"最""第一"等极限用语',
  '商品类目与实际商品不符',
  '缺少品牌授权或相关资质证明',
  '商品详情页信息不完整',
];
export const PRODUCT_TAKE_DOWNS = ['商品涉嫌售假,已被系统下架', '商品价格异常,已被系统下架', '商品涉及违禁品,已被系统下架'];

export const BRAND_REJECTIONS = ['商标注册证已过期', '品牌授权链路不完整', '商标注册人与主体名称不一致', '品牌资质材料不清晰'];
export const CATEGORY_QUALIFICATION_REJECTIONS = ['经营资质与所选类目不符', '缺少《医疗器械经营许可证》', '《食品经营许可证》已过期'];
export const BRAND_REVOKED = ['品牌资质被系统撤销:商标注册证已失效', '品牌资质被系统撤销:授权已到期'];

/** The field of a shop product that failed its audit (`busi_show_field_api`) and what WeChat says about it. */
export const SHOP_AUDIT_FIELDS: ReadonlyArray<{ field: string; reasons: readonly string[] }> = [
  { field: 'product.cat_v2', reasons: ['商品类目选择错误,请选择正确类目', '该类目需补充相应资质'] },
  { field: 'product.title', reasons: ['商品标题含有违规词', '商品标题与商品实物不符'] },
  { field: 'product.head_imgs', reasons: ['主图不清晰', '主图含有联系方式'] },
  { field: 'product.desc_info', reasons: ['商品详情含有站外引流信息', '商品详情描述不完整'] },
];

export const QUALIFICATION_FAILURES = ['对公打款验证已超时', '主体资质证明材料不清晰', '申请公函未加盖公章', '运营者身份信息与资料不符'];
export const NAMING_FAILURES = ['名称与主体资质不符,不能使用该名称', '名称涉嫌侵犯他人商标权', '未提供商标注册证或授权书'];

export const CARD_REFUSALS = ['非法代制', '卡券名称与实际优惠不符', '使用说明不完整', 'Logo与商户名称不符'];
export const MERCHANT_REFUSALS = ['子商户资质材料不清晰', '营业执照已过期', '授权函未加盖公章'];
