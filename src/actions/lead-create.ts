import { z } from "zod";
import { createLead } from "../crm/leads.ts";
import { isMainlandMobile, normalizeMobile } from "../crm/phone.ts";
import { LEAD_SOURCES } from "../crm/settings/crm-settings.ts";
import { zh } from "../messages/zh.ts";
import { card } from "../render/reply.ts";
import { ALL_ROLES, defineAction, type TokenResult } from "./action.ts";

const params = z.object({
  name: z.string().trim().min(1, zh.nameInvalid).max(32, zh.nameInvalid),
  phone: z
    .string()
    .transform((v, ctx) => {
      const n = normalizeMobile(v);
      if (!isMainlandMobile(n)) ctx.addIssue({ code: "custom", message: zh.phoneInvalid(v) });
      return n;
    }),
  company: z.string().trim().max(64, zh.companyInvalid).optional(),
  source: z.enum(LEAD_SOURCES, { message: zh.sourceInvalid([...LEAD_SOURCES]) }).default("其他"),
});

const isSource = (t: string) => (LEAD_SOURCES as readonly string[]).includes(t);

/** 新建线索 <姓名> <手机> [公司] [来源] — a known source word may stand in either slot. */
function fromTokens(tokens: string[]): TokenResult {
  const [name, phone, ...rest] = tokens;
  const raw: Record<string, unknown> = { name, phone };
  const extra: string[] = [];
  for (const t of rest) {
    if (isSource(t) && raw["source"] === undefined) raw["source"] = t;
    else if (raw["company"] === undefined && raw["source"] === undefined) raw["company"] = t;
    else extra.push(t);
  }
  return extra.length ? { ok: false, problem: zh.tooManyParams(extra.join(" ")) } : { ok: true, raw };
}

export const leadCreateAction = defineAction({
  name: "lead.create",
  command: "新建线索",
  aliases: ["newlead", "addlead", "lead", "线索"],
  summary: "新建一条线索，负责人是你",
  usage: "新建线索 <姓名> <手机> [公司] [来源]",
  example: "新建线索 张三 13800138000 华为 展会",
  params,
  labels: { name: "姓名", phone: "手机号", company: "公司", source: "来源" },
  fromTokens,
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const lead = await createLead(ctx.tx, ctx.actor, p, ctx.now);
    return [
      card({
        taskId: `lead-${lead.code}-${ctx.newId()}`,
        title: zh.leadCreatedTitle(lead.code),
        description: zh.leadCreatedDesc,
        fields: [
          { label: zh.leadFieldName, value: lead.name },
          { label: zh.leadFieldPhone, value: lead.phone ?? "" },
          ...(lead.company ? [{ label: zh.leadFieldCompany, value: lead.company }] : []),
          { label: zh.leadFieldSource, value: lead.source },
        ],
        buttons: [{ key: "cmd:我的线索", text: zh.myLeadsButton, style: "primary" }],
      }),
    ];
  },
});
