// Routes for the rep's own work and the money side: reminders, tickets, quotes, 回款, 开票.
import { defined, listOf, money, oneOf, str, text, when, type Args, type Route } from "./route.ts";

const TIME = "时间原文";
const AMOUNT = "金额原文";
const WHO = "客户名或合同号";

export const setReminder: Route = {
  name: "set_reminder",
  description: "提醒自己将来做某事（提醒我、记得）。",
  targets: ["reminder.create"],
  properties: { time: str(TIME), task: str("要做的事，原话") },
  propose: (a, c) => {
    const said = text(a, "time");
    const at = when(said, c) ?? said;
    const task = text(a, "task");
    const words = [at, task].filter((w): w is string => w !== undefined);
    return [{ action: "reminder.create", params: defined({ text: words.length ? words.join(" ") : undefined }) }];
  },
};

const CHANGE: Readonly<Record<string, string>> = { 完成: "reminder.done", 取消: "reminder.cancel", 推迟: "reminder.snooze" };

export const changeReminder: Route = {
  name: "change_reminder",
  description: "按编号完成、取消或推迟已有提醒。",
  targets: Object.values(CHANGE),
  properties: { number: str("编号"), change: oneOf(Object.keys(CHANGE), "操作"), until: str(`推迟到，${TIME}`) },
  propose: (a, c) => {
    const action = CHANGE[text(a, "change") ?? ""];
    if (!action) return { problem: `change 只能是：${Object.keys(CHANGE).join("、")}` };
    const code = text(a, "number");
    if (action !== "reminder.snooze") return [{ action, params: defined({ code }) }];
    const said = text(a, "until");
    return [{ action, params: defined({ code, when: when(said, c) ?? said }) }];
  },
};

export const openTicket: Route = {
  name: "open_ticket",
  description: "客户的服务工单：报修、投诉、故障、登录不了、报错。",
  targets: ["ticket.create"],
  properties: {
    customer: str("客户名"),
    problem: str("问题，原话"),
    priority: oneOf(["P1", "P2", "P3"], "紧急、高优先级→P1，一般→P2，低、不急→P3"),
    type: str("故障、咨询、投诉…"),
  },
  propose: (a) => [{ action: "ticket.create", params: defined({ customer: text(a, "customer"), title: text(a, "problem"), priority: text(a, "priority"), type: text(a, "type") }) }],
};

const TICKET_STEPS: Readonly<Record<string, string>> = { 处理中: "ticket.start", 待客户确认: "ticket.wait", 已解决: "ticket.resolve", 关闭: "ticket.close", 备注: "ticket.note" };

export const updateTicket: Route = {
  name: "update_ticket",
  description: "已有工单（按编号）：开始处理、等客户确认、已解决、关闭，或加备注。",
  targets: Object.values(TICKET_STEPS),
  properties: { number: str("工单编号"), step: oneOf(Object.keys(TICKET_STEPS), "操作"), note: str("说明，原话") },
  propose: (a) => {
    const action = TICKET_STEPS[text(a, "step") ?? ""];
    return action ? [{ action, params: defined({ ref: text(a, "number"), note: text(a, "note") }) }] : { problem: `step 只能是：${Object.keys(TICKET_STEPS).join("、")}` };
  },
};

const item = (x: unknown): string | null => {
  if (typeof x !== "object" || x === null) return null;
  const a = x as Args;
  const product = text(a, "product");
  if (!product) return null;
  const price = text(a, "unit_price");
  return [product + (text(a, "quantity") ?? ""), price ? `单价:${price}` : "", text(a, "discount") ?? ""].filter(Boolean).join(" ");
};

const QUOTE_STEPS = ["加行", "发送", "PDF", "接受", "拒绝"] as const;

export const makeQuote: Route = {
  name: "make_quote",
  description: "销售做报价单（可带产品行），或对已有报价：发送、出PDF、客户接受、拒绝。客户来要报价是跟进。",
  targets: ["quote.edit"],
  properties: {
    customer: str("客户名、商机 #编号或报价#编号"),
    step: oneOf(QUOTE_STEPS, "默认加行"),
    items: listOf({ product: "产品", quantity: "数量带单位（10套）", unit_price: "单价原文", discount: "如85折" }, "报价行"),
    reason: str("拒绝原因"),
  },
  propose: (a) => {
    const ref = text(a, "customer");
    const step = text(a, "step") ?? "加行";
    if (step !== "加行") return [{ action: "quote.edit", params: defined({ ref, rest: step === "拒绝" ? ["拒绝", text(a, "reason")].filter(Boolean).join(" ") : step }) }];
    const lines = Array.isArray(a["items"]) ? a["items"].map(item).filter((l): l is string => l !== null) : [];
    return [{ action: "quote.edit", params: defined({ ref, rest: lines.length ? `加 ${lines.join("，")}` : "" }) }];
  },
};

export const recordPayment: Route = {
  name: "record_payment",
  description: "客户的钱已到账。答应付、未到账、询问都不用它。",
  targets: ["receivable.record"],
  properties: { customer: str(WHO), amount: str(AMOUNT), date: str(`到账日，${TIME}`), method: str("付款方式") },
  propose: (a) => {
    const amount = money(text(a, "amount"));
    const method = text(a, "method");
    const rest = [amount, text(a, "date"), method ? `方式:${method}` : undefined].filter((w): w is string => w !== undefined).join(" ");
    return [{ action: "receivable.record", params: defined({ ref: text(a, "customer"), rest }) }];
  },
};

export const requestInvoice: Route = {
  name: "request_invoice",
  description: "给客户开发票。询问不用它。",
  targets: ["invoice.request"],
  properties: { customer: str(WHO), amount: str(AMOUNT), type: oneOf(["专票", "普票"], "类型"), title: str("抬头"), tax_id: str("税号") },
  propose: (a) => [
    {
      action: "invoice.request",
      params: defined({ ref: text(a, "customer"), amount: money(text(a, "amount")), type: text(a, "type"), title: text(a, "title"), taxId: text(a, "tax_id") }),
    },
  ],
};
