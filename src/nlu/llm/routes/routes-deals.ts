// Routes for talk with customers and deals: follow-ups, deal facts, stages, outcomes,
// approvals requested, support. (Approval decisions are typed commands only.)
import { discountParam } from "../../offline/numbers.ts";
import { defined, flag, money, oneOf, str, text, when, type Route } from "./route.ts";

const CUSTOMER = "客户、联系人或线索名";
const DEAL = "商机 #编号或客户名";
const TIME = "时间原文";
const AMOUNT = "金额原文";

export const CHANNELS = ["电话", "拜访", "微信", "企业微信", "会议", "邮件"] as const;

export const recordFollowUp: Route = {
  name: "record_followup",
  description: "记录已发生的接触（拜访、电话、微信、开会、演示、对方回复）。只有计划没发生用 set_reminder。",
  targets: ["followup.create"],
  properties: {
    customer: str(CUSTOMER),
    what_happened: str("发生了什么，原话"),
    channel: oneOf(CHANNELS, "方式"),
    next_contact: str(`下次联系时间，${TIME}`),
  },
  propose: (a, c) => [
    {
      action: "followup.create",
      params: defined({ ref: text(a, "customer"), content: text(a, "what_happened"), channel: text(a, "channel"), next: when(text(a, "next_contact"), c) }),
    },
  ],
};

export const updateDeal: Route = {
  name: "update_deal",
  description: "商机的预算、金额、预计成交、需求、决策人，或需要售前/技术支持。不用于阶段和输赢。",
  targets: ["opportunity.update", "opportunity.support"],
  properties: {
    deal: str(DEAL),
    budget: str(AMOUNT),
    amount: str(AMOUNT),
    expected_close: str(TIME),
    needs: str("原话"),
    decision_maker: str("人名"),
    needs_support: flag("要公司支持"),
  },
  propose: (a, c) => {
    const ref = text(a, "deal");
    const facts = defined({
      budget: money(text(a, "budget")),
      amount: money(text(a, "amount")),
      expectedCloseDate: when(text(a, "expected_close"), c),
      needsAnalysis: text(a, "needs"),
      decisionMaker: text(a, "decision_maker"),
    });
    const support = a["needs_support"] === true ? [{ action: "opportunity.support", params: defined({ ref }) }] : [];
    if (support.length && Object.keys(facts).length === 0) return support;
    return [{ action: "opportunity.update", params: defined({ ref, ...facts }) }, ...support];
  },
};

export const moveStage = (stages: readonly string[]): Route => ({
  name: "move_stage",
  description: "把商机推进到某阶段。输赢用 close_deal。",
  targets: ["opportunity.advance"],
  properties: {
    deal: str(DEAL),
    stage: oneOf(stages, "目标阶段"),
    reason: str("跳阶段的理由"),
  },
  propose: (a) => [{ action: "opportunity.advance", params: defined({ ref: text(a, "deal"), stage: text(a, "stage"), reason: text(a, "reason") }) }],
});

export const closeDeal: Route = {
  name: "close_deal",
  description: "签了、成交 → 赢单；丢了、黄了、选了别家 → 输单。",
  targets: ["opportunity.won", "opportunity.lost"],
  properties: {
    deal: str(DEAL),
    outcome: oneOf(["赢单", "输单"], "结果"),
    amount: str(`成交${AMOUNT}`),
    reason: str("原因，原话"),
  },
  propose: (a) => {
    const ref = text(a, "deal");
    if (text(a, "outcome") === "输单") return [{ action: "opportunity.lost", params: defined({ ref, reason: text(a, "reason") }) }];
    return [{ action: "opportunity.won", params: defined({ ref, amount: money(text(a, "amount")), reason: text(a, "reason") }) }];
  },
};

export const requestApproval: Route = {
  name: "request_approval",
  description: "发起折扣或合同审批申请。批准、驳回不在此列（不调用）。",
  targets: ["approval.discount", "approval.contract"],
  properties: {
    kind: oneOf(["折扣", "合同"], "类型"),
    deal: str(DEAL),
    discount: str("原文，如85折、降15%"),
    legal_changed: oneOf(["有改动", "无改动"], "合同法务条款"),
    reason: str("理由，原话"),
  },
  propose: (a) => {
    const ref = text(a, "deal");
    if (text(a, "kind") === "合同") return [{ action: "approval.contract", params: defined({ ref, legal: text(a, "legal_changed"), reason: text(a, "reason") }) }];
    return [{ action: "approval.discount", params: defined({ ref, discount: discountWords(text(a, "discount")), reason: text(a, "reason") }) }];
  },
};

/** 降15% / 让15个点 → 85折; 八五折 and 85折 pass as written (the action reads them). */
export function discountWords(said: string | undefined): string | undefined {
  if (!said) return undefined;
  const off = /^(?:再?降|打掉|让|优惠|减)\s*(\d{1,2})\s*(?:%|个点|个百分点)$/.exec(said.replace(/\s+/g, ""));
  return off ? `${100 - Number(off[1])}折` : (discountParam(said) ?? said);
}
