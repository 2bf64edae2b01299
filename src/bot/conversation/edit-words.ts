// The words a rep uses for a field of a plan when correcting it, and what kind of value
// each field holds. Fields are named the same way across actions (amount, budget, next,
// stage, reason…), so a kind and its words apply to every action that has such a field.

export type FieldKind = "money" | "time" | "stage" | "discount" | "text" | "record" | "other";

/** The kind of a field by its name (the actions' schemas); record-naming fields come from `refs`. */
const KIND_OF_FIELD: Readonly<Record<string, FieldKind>> = {
  amount: "money",
  budget: "money",
  next: "time",
  when: "time",
  expectedCloseDate: "time",
  stage: "stage",
  discount: "discount",
  content: "text",
  text: "text",
  reason: "text",
  needsAnalysis: "text",
  note: "text",
  comment: "text",
};

export const kindOfField = (field: string, isRef: boolean): FieldKind => (isRef ? "record" : (KIND_OF_FIELD[field] ?? "other"));

/** Words that name any field of a kind (one such field on the plan → that field). */
export const KIND_WORDS: Readonly<Record<FieldKind, readonly string[]>> = {
  money: ["成交金额", "合同金额", "签约金额", "成交价", "金额", "价格", "报价", "价钱", "总价", "多少钱", "钱", "签了", "成交"],
  time: ["下次跟进时间", "下次跟进", "下次时间", "提醒时间", "跟进时间", "时间", "日期", "下次", "什么时候", "哪天", "几点", "时候"],
  stage: ["阶段", "进度", "推进到", "推到"],
  discount: ["折扣", "折"],
  text: ["内容", "备注", "说明", "理由", "原因", "事情", "事项", "情况", "记录"],
  record: ["客户名称", "客户", "公司", "商机", "线索", "联系人", "对象", "单子"],
  other: [],
};

/** Words for one field only (the grammar's own `key:value` words and labels come on top). */
export const FIELD_WORDS: Readonly<Record<string, readonly string[]>> = {
  budget: ["预算"],
  amount: ["成交金额", "金额"],
  expectedCloseDate: ["预计成交时间", "预计成交日期", "预计成交", "成交日期", "成交时间", "签约时间", "签约日期"],
  next: ["下次跟进时间", "下次跟进", "下次时间", "下次"],
  needsAnalysis: ["需求"],
  decisionMaker: ["决策人", "拍板的"],
  channel: ["方式", "跟进方式", "渠道"],
  phone: ["手机号", "手机", "电话"],
  wechatId: ["微信号", "微信"],
};
