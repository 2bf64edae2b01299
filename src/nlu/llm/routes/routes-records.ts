// Routes for records: new leads, lead steps, customers and contacts, looking things up, the
// user's own lists and exports. (Assigning leads, releasing to the pool, merging and handing
// over are typed commands only: never offered here.)
import { REPORT_LISTS, reportProposal } from "./routes-reports.ts";
import { defined, listOf, oneOf, str, text, type Args, type Route } from "./route.ts";

export const createLead = (sources: readonly string[]): Route => ({
  name: "create_lead",
  description: "新线索：新认识的人带手机、微信或公司（没说「线索」也算）。已有客户的跟进不用它。",
  targets: ["lead.create"],
  properties: {
    name: str("人名"),
    mobile: str("手机号"),
    company: str("公司"),
    source: oneOf(sources, "百度/抖音/广告→广告投放，官网→官网表单，展会/名片→展会，介绍→转介绍，来电→电话咨询"),
    wechat: str("微信号"),
    region: str("地区"),
    product: str("产品"),
    note: str("其他，原话"),
  },
  propose: (a) => [
    {
      action: "lead.create",
      params: defined({
        name: text(a, "name"),
        phone: text(a, "mobile")?.replace(/[\s-]/g, ""),
        company: text(a, "company"),
        source: text(a, "source"),
        wechatId: text(a, "wechat"),
        region: text(a, "region"),
        productLine: text(a, "product"),
        note: text(a, "note"),
      }),
    },
  ],
});

export const leadStep: Route = {
  name: "lead_step",
  description: "已有线索：转化成客户，或看评分。",
  targets: ["lead.convert", "lead.score"],
  properties: { lead: str("线索编号或姓名"), step: oneOf(["转化", "评分"], "操作") },
  propose: (a) => [{ action: text(a, "step") === "评分" ? "lead.score" : "lead.convert", params: defined({ ref: text(a, "lead") }) }],
};

const FIELDS = listOf({ field: "级别、行业、地区、标签、备注、全称、地址…", value: "新值；加标签 +标签" }, "字段");

const pairs = (a: Args, key: string): string[][] | undefined => {
  const list = a[key];
  if (!Array.isArray(list)) return undefined;
  const out = list.flatMap((x) => {
    if (typeof x !== "object" || x === null) return [];
    const f = text(x as Args, "field");
    const v = text(x as Args, "value");
    return f && v ? [[f, v]] : [];
  });
  return out.length ? out : undefined;
};

export const customerRecord: Route = {
  name: "customer_record",
  description: "新建客户、改客户资料字段，或从公海领取客户。查看用 look_up；联系人用 save_contact。",
  targets: ["customer.create", "customer.update", "pool.claim"],
  properties: { customer: str("客户名"), op: oneOf(["新建", "修改", "领取"], "操作"), fields: FIELDS },
  propose: (a) => {
    const fields = pairs(a, "fields");
    const op = text(a, "op");
    if (op === "新建") return [{ action: "customer.create", params: defined({ name: text(a, "customer"), fields }) }];
    if (op === "领取") return [{ action: "pool.claim", params: defined({ ref: text(a, "customer") }) }];
    return [{ action: "customer.update", params: defined({ ref: text(a, "customer"), fields }) }];
  },
};

export const saveContact: Route = {
  name: "save_contact",
  description: "加联系人，或改联系人的手机、职务、邮箱、微信。",
  targets: ["contact.save"],
  properties: {
    customer: str("所在客户"),
    name: str("姓名"),
    mobile: str("手机号"),
    title: str("职务"),
    email: str("邮箱"),
    wechat: str("微信号"),
  },
  propose: (a) => {
    const extra: string[][] = [];
    for (const [key, label] of [["title", "职务"], ["email", "邮箱"], ["wechat", "微信"]] as const) {
      const v = text(a, key);
      if (v) extra.push([label, v]);
    }
    return [
      {
        action: "contact.save",
        params: defined({ customer: text(a, "customer"), name: text(a, "name"), phone: text(a, "mobile")?.replace(/[\s-]/g, ""), fields: extra.length ? extra : undefined }),
      },
    ];
  },
};

export const lookUp: Route = {
  name: "look_up",
  description: "查看客户、联系人、线索、商机的资料、跟进记录，或客户/合同的回款记录（只读）。",
  targets: ["search", "followup.history", "receivable.list"],
  properties: { query: str("名字、手机或编号"), show: oneOf(["资料", "跟进记录", "回款记录"], "默认资料") },
  propose: (a) => {
    const query = text(a, "query");
    const show = text(a, "show");
    if (show === "跟进记录") return [{ action: "followup.history", params: defined({ ref: query }) }];
    if (show === "回款记录") return [{ action: "receivable.list", params: defined({ ref: query }) }];
    return [{ action: "search", params: defined({ query }) }];
  },
};

/** The user's own lists: the list word → the registry action that shows it. */
export const LISTS: Readonly<Record<string, string>> = {
  今日待办: "agenda.today",
  我的线索: "lead.mine",
  我的商机: "opportunity.mine",
  我的客户: "customer.mine",
  我的提醒: "reminder.list",
  我的工单: "ticket.mine",
  我的合同: "contract.mine",
  待我审批: "approval.mine",
  公海: "pool.list",
};

export const showList: Route = {
  name: "show_list",
  description: "清单（今天做什么→今日待办）、报表。",
  targets: [...Object.values(LISTS), ...Object.values(REPORT_LISTS).map((r) => r.action)],
  properties: { list: oneOf([...Object.keys(LISTS), ...Object.keys(REPORT_LISTS)], "清单") },
  propose: (a) => {
    const name = text(a, "list") ?? "";
    const report = REPORT_LISTS[name];
    if (report) return reportProposal(report);
    const action = LISTS[name];
    return action ? [{ action, params: {} }] : { problem: `list 只能是：${[...Object.keys(LISTS), ...Object.keys(REPORT_LISTS)].join("、")}` };
  },
};

export const EXPORT_KINDS = ["线索", "客户", "商机", "合同", "回款", "发票"] as const;

export const exportData: Route = {
  name: "export_data",
  description: "导出一类记录成表格。",
  targets: ["data.export"],
  properties: { kind: oneOf(EXPORT_KINDS, "类型") },
  propose: (a) => [{ action: "data.export", params: defined({ kind: text(a, "kind") }) }],
};
