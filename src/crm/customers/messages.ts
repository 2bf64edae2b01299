// User-facing text for customers, contacts, 查 and the 360° card (zh-CN).
const list = (xs: string[]) => xs.join("、");

export const zhCustomers = {
  // 新建客户 / 客户
  customerNameInvalid: "客户名称应为 1–64 个字",
  customerCreated: (code: number, name: string, facts: string[]) =>
    `已创建客户 #${code} ${name}${facts.length ? `（${facts.join(" · ")}）` : ""}，负责人是你。\n添加联系人：联系人 #${code} 张伟 13800138000 职务:采购经理`,
  customerDuplicateOwn: (code: number, name: string) => `客户已存在：#${code} ${name}（你负责）。发送「客户 #${code}」查看。`,
  customerDuplicateVisible: (code: number, name: string, owner: string) => `客户已存在：#${code} ${name}，负责人 ${owner}。`,
  customerNotFound: (ref: string) => `找不到客户「${ref}」。发送「我的客户」看你的客户，或用「查 ${ref}」查找。`,
  customerUpdated: (code: number, name: string, what: string[]) => `已更新客户 #${code} ${name}：${what.join("，")}。`,
  customerUnchanged: (code: number, name: string) => `客户 #${code} ${name} 没有变化。`,
  fieldChange: (label: string, value: string) => `${label} ${value}`,
  itemLabels: {
    level: "级别",
    industry: "行业",
    region: "地区",
    tags: "标签",
    note: "备注",
    phone: "手机",
    title: "职务",
    email: "邮箱",
    wechatId: "微信",
    birthday: "生日",
  },
  fieldCleared: "（已清空）",
  unknownField: (key: string, known: string[]) => `没有「${key}」这一项。可以写：${list(known)}`,
  notAField: (word: string) => `看不懂「${word}」，请写成「项目:内容」，例如 级别:重点`,
  levelInvalid: (levels: string[]) => `级别只能是：${list(levels)}`,
  industryInvalid: "行业最多 32 个字",
  tagsInvalid: "标签最多 10 个，每个最多 16 个字；用逗号分隔，+加 -删，如 标签:+重点,-冷淡",
  customEnumInvalid: (label: string, options: string[]) => `「${label}」只能是：${list(options)}`,
  customNumberInvalid: (label: string) => `「${label}」应为数字，例如 500、1.5、50万`,
  customDateInvalid: (label: string) => `「${label}」应为日期，例如 2026-12-01`,
  customTextInvalid: (label: string, max: number) => `「${label}」最多 ${max} 个字`,

  // 联系人
  contactNameInvalid: "联系人姓名应为 1–32 个字",
  titleInvalid: "职务最多 32 个字",
  emailInvalid: (v: string) => `邮箱「${v}」格式不对`,
  birthdayInvalid: (v: string) => `生日「${v}」看不懂，可以写 03-08 或 1990-03-08`,
  contactCreated: (customer: string, name: string, facts: string[]) => `已为 ${customer} 添加联系人 ${name}${facts.length ? `（${facts.join(" · ")}）` : ""}。`,
  contactUpdated: (customer: string, name: string, what: string[]) => `已更新 ${customer} 的联系人 ${name}：${what.join("，")}。`,
  contactUnchanged: (customer: string, name: string) => `${customer} 的联系人 ${name} 没有变化。`,
  birthdayText: (month: number, day: number, year: number | null) => `${year ? `${year}年` : ""}${month}月${day}日`,
  birthdayFact: (text: string) => `生日 ${text}`,

  // 我的客户
  myCustomersEmpty: "你名下还没有客户。试试：新建客户 华为技术有限公司 级别:重点 行业:通信",
  myCustomersTitle: (shown: number, total: number) =>
    shown === total ? `你的客户（共 ${total} 个）：` : `你的客户（最近跟进的 ${shown} 个，共 ${total} 个）：`,
  myCustomerLine: (code: number, name: string, facts: string[]) => `#${code} ${name}${facts.map((f) => `｜${f}`).join("")}`,
  tagsFact: (tags: string[]) => `标签 ${list(tags)}`,
  lastFollowUpFact: (day: string) => `最近跟进 ${day}`,
  neverFollowedUp: "未跟进",

  // 查
  searchTooShort: "请至少写 2 个字，或手机号后 4 位。例如：查 华为、查 hw、查 2222",
  searchNone: (q: string) => `没有找到「${q}」。可以按客户名称、联系人或线索姓名、手机号（或后 4 位）、拼音首字母（如 hw）查找。`,
  searchListTitle: (q: string, n: number) => `找到 ${n} 条与「${q}」相关的记录：`,
  searchSimilarTitle: (q: string) => `没有完全匹配「${q}」的记录，你要找的是不是：`,
  searchSimilarOne: (q: string) => `没有完全匹配「${q}」的记录，最接近的是：`,
  searchMore: (n: number) => `……结果较多，只列出前 ${n} 条，请写得更具体。`,
  searchOpenHint: (ref: string) => `回复序号打开一条，或发送「查 ${ref}」。`,
  searchAlsoFound: (refs: string[]) => `另有：${refs.join("；")}`,
  hitCustomer: (code: number, name: string) => `客户#${code} ${name}`,
  hitLead: (code: number, name: string, company: string | null) => `线索#${code} ${name}${company ? `（${company}）` : ""}`,
  hitContact: (name: string, customerCode: number, customer: string) => `联系人 ${name} · 客户#${customerCode} ${customer}`,
  hitLine: (i: number, what: string, owner: string) => `${i}. ${what} · ${owner}`,
  customerRef: (code: number) => `客户#${code}`,
  leadRef: (code: number) => `线索#${code}`,
  inPool: "公海",

  // 360° card
  cardCustomerTitle: (code: number, name: string) => `客户 #${code} ${name}`,
  cardLeadTitle: (code: number, name: string, company: string | null) => `线索 #${code} ${name}${company ? `（${company}）` : ""}`,
  cardOwner: (owner: string) => `负责人 ${owner}`,
  cardTags: (tags: string[]) => `标签：${list(tags)}`,
  cardNote: (note: string) => `备注：${note}`,
  cardFields: (pairs: string[]) => pairs.join(" · "),
  cardField: (label: string, value: string) => `${label}：${value}`,
  cardContacts: (shown: number, total: number) => (shown === total ? `联系人（${total}）：` : `联系人（前 ${shown} 位，共 ${total} 位）：`),
  cardFollowUps: "最近跟进：",
  cardOpportunities: "进行中商机：",
  cardOpportunity: (code: number, name: string, stage: string, amount: string | null, discount: string | null = null) =>
    `• #${code} ${name}｜${stage}${amount ? `｜${amount}` : ""}${discount ? `｜${discount}` : ""}`,
  cardReminder: (when: string, content: string) => `下次提醒：${when} ${content}`,
  cardNone: "暂无",
  cardBullet: (parts: string[]) => `• ${parts.join("｜")}`,
  cardFacts: (parts: string[]) => parts.join(" · "),
  cardPhone: (phone: string) => `手机 ${phone}`,
  cardWechat: (id: string) => `微信 ${id}`,
  cardSource: (s: string) => `来源 ${s}`,
  cardArchived: "已归档",
  customerAssigned: (code: number, name: string, to: string, opps: number, fromPool: boolean) =>
    `已把客户 #${code} ${name}${fromPool ? "从公海" : ""}分配给 ${to}${opps ? `，${opps} 个进行中的商机一并转交` : ""}。`,
  customerAssignedAlready: (code: number, name: string, to: string) => `客户 #${code} ${name} 的负责人已经是 ${to}。`,
  customerAssignRaced: (code: number, name: string) => `客户 #${code} ${name} 刚刚有了变动，请再试一次。`,
  customerAssignedToYou: (by: string, code: number, name: string, opps: number) =>
    `${by} 把客户 #${code} ${name} 分配给了你${opps ? `（含 ${opps} 个进行中的商机）` : ""}。发送「客户 #${code}」查看。`,
  customerTakenFromYou: (by: string, code: number, name: string, to: string) => `${by} 把你的客户 #${code} ${name} 转给了 ${to}。`,
  likelyTitle: (typed: string) => `「${typed}」可能是已有客户`,
  likelyExistingLabel: "已有",
  likelyOwnerLabel: "负责人",
  likelyHowLabel: "仍要新建",
  likelyOwnerYou: "你自己",
  likelyOwnerPool: "公海（可领取）",

  mergeSelf: (code: number, name: string) => `不能把客户 #${code} ${name} 和它自己合并。`,
  merged: (
    bCode: number,
    bName: string,
    aCode: number,
    aName: string,
    r: { contactsMoved: number; contactsCollapsed: number; followUps: number; opportunities: number; reminders: number },
  ) =>
    `已把客户 #${bCode} ${bName} 并入 #${aCode} ${aName}：联系人 ${r.contactsMoved + r.contactsCollapsed} 个` +
    `${r.contactsCollapsed ? `（其中 ${r.contactsCollapsed} 个重复的已合并）` : ""}、跟进 ${r.followUps} 条、商机 ${r.opportunities} 个、提醒 ${r.reminders} 条。#${bCode} 已删除。`,
  mergedYourCustomer: (by: string, bCode: number, bName: string, aCode: number, aName: string) =>
    `${by} 把你的客户 #${bCode} ${bName} 并入了 #${aCode} ${aName}，跟进和商机都在 #${aCode} 里。`,
  poolCustomerNotFound: (ref: string) => `找不到客户「${ref}」。可用客户名、联系人姓名或 #编号。`,
};
