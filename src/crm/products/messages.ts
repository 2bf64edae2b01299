// User-facing text of the product catalogue (zh-CN).
export const zhProducts = {
  usage: "产品 [列表 [页码]] | 产品 新建 <名称> <含税单价> [单位:套] [税率:13%] [编码:CRM-STD] | 产品 <#编号|编码|名称> [单价:…] [税率:…] [单位:…] [名称:…] [编码:…] | 产品 #3 停用|启用",
  example: "产品 新建 CRM标准版 1.2万 单位:套 税率:13% 编码:CRM-STD",
  summary: "产品目录：查看在售产品（含税单价、税率）；管理员可新建、改价、停用或启用",

  nameInvalid: "产品名称应为 1–64 个字",
  skuInvalid: (v: string) => `编码「${v}」不对：最多 32 个字母、数字或 - _ . / 符号，不含空格`,
  unitInvalid: "单位应为 1–8 个字，例如 套、年、个、人天",
  priceInvalid: (v: string, why: string) => `单价「${v}」${why}。写含税单价，例如 12000、1.2万、¥12,000.00`,
  rateInvalid: (v: string) => `税率「${v}」不对：只能是 13%、9%、6%、3% 或 0%`,
  missingName: "缺少产品名称",
  missingPrice: "缺少含税单价",
  stateInvalid: (v: string) => `「${v}」看不懂：要停用或启用产品，请写「停用」或「启用」`,
  pageInvalid: "页码应为正整数，例如「产品 列表 2」",

  adminOnly: "只有管理员可以新建、修改、停用或启用产品。发送「产品」查看产品目录。",
  notFound: (ref: string) => `找不到产品「${ref}」。发送「产品」查看产品目录。`,
  nameTaken: (code: number, name: string, active: boolean) => `已有同名产品：#${code} ${name}${active ? "" : "（已停用，可「产品 #" + code + " 启用」）"}。`,
  skuTaken: (sku: string, code: number, name: string) => `编码 ${sku} 已被产品 #${code} ${name} 使用。`,

  created: (code: number, name: string, facts: string) => `已新建产品 #${code} ${name}：${facts}。`,
  updated: (code: number, name: string, facts: string) => `已更新产品 #${code} ${name}：${facts}。`,
  unchanged: (code: number, name: string) => `产品 #${code} ${name} 没有变化。`,
  deactivated: (code: number, name: string) => `已停用产品 #${code} ${name}：产品目录和新报价里不再出现，已有报价不受影响。发送「产品 #${code} 启用」可恢复。`,
  activated: (code: number, name: string) => `已启用产品 #${code} ${name}，重新出现在产品目录里。`,
  alreadyInactive: (code: number, name: string) => `产品 #${code} ${name} 已经是停用状态。`,
  alreadyActive: (code: number, name: string) => `产品 #${code} ${name} 已经在售。`,

  /** "1.2万/套（含税），税率 13%，编码 CRM-STD" */
  facts: (price: string, unit: string, rate: string, sku: string | null) => `${price}/${unit}（含税），税率 ${rate}${sku ? `，编码 ${sku}` : ""}`,
  changedPrice: (price: string, unit: string) => `含税单价 ${price}/${unit}`,
  changedRate: (rate: string) => `税率 ${rate}`,
  changedUnit: (unit: string) => `单位 ${unit}`,
  changedName: (from: string) => `名称（原「${from}」）`,
  changedSku: (sku: string | null) => (sku ? `编码 ${sku}` : "编码 （已清空）"),

  detail: (code: number, name: string, facts: string, active: boolean) =>
    `产品 #${code} ${name}${active ? "" : "（已停用）"}\n${facts}\n修改：产品 #${code} 单价:… 税率:… 单位:… 名称:… 编码:…；产品 #${code} ${active ? "停用" : "启用"}`,
  listEmpty: "产品目录还是空的。管理员可以发送「产品 新建 CRM标准版 1.2万 单位:套 税率:13%」添加。",
  listTitle: (total: number, page: number, pages: number) => `产品目录（在售 ${total} 个${pages > 1 ? `，第 ${page}/${pages} 页` : ""}）：`,
  listLine: (code: number, name: string, sku: string | null, price: string, unit: string, rate: string) =>
    `#${code} ${name}${sku ? `（${sku}）` : ""}｜${price}/${unit}｜税率 ${rate}`,
  listNext: (page: number) => `下一页：产品 列表 ${page}`,
  listPageBeyond: (pages: number) => `只有 ${pages} 页。`,
  listInactive: (items: string[], more: number) => `已停用：${items.join("、")}${more > 0 ? ` 等 ${items.length + more} 个` : ""}`,
  listFooter: "详情：产品 #编号",
};
