import { z } from "zod";
import { canSee } from "../../auth/scope.ts";
import { createLead, hasContactWay, type CreateLeadResult } from "./leads.ts";
import { LEAD_SOURCES } from "../../config/crm/crm-settings.ts";
import type { User } from "../../auth/users.ts";
import { zh } from "../../messages/zh.ts";
import { zhLeads } from "./messages.ts";
import { card, text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext, type TokenResult } from "../../actions/action.ts";
import { findLikelyCustomer, mobileParam, FORCE_WORD, likelyDuplicateReply, withoutForce } from "../customers/index.ts";

const optional = (max: number, message: string) => z.string().trim().min(1).max(max, message).optional();

/** The chat command's rules for a lead's fields (CSV import validates rows with them too).
 * Each field alone; a lead also needs a way to reach the person (`hasContactWay`). */
export const leadCreateParams = z.object({
  name: z.string().trim().min(1, zhLeads.nameInvalid).max(32, zhLeads.nameInvalid),
  phone: mobileParam.optional(),
  company: optional(64, zhLeads.companyInvalid),
  source: z.enum(LEAD_SOURCES, { message: zhLeads.sourceInvalid([...LEAD_SOURCES]) }).default("其他"),
  wechatId: optional(64, zh.wechatInvalid),
  region: optional(32, zh.regionInvalid),
  productLine: optional(32, zhLeads.productLineInvalid),
  note: optional(500, zh.noteInvalid),
});

const isSource = (t: string) => (LEAD_SOURCES as readonly string[]).includes(t);
/** A word meant as a phone number (even a mistyped one, even 360): only digits, +, dashes, brackets. */
const looksLikePhone = (t: string) => /^\+?[\d\s()-]*\d[\d\s()-]*$/.test(t.normalize("NFKC"));

/** 新建线索 <姓名> [手机] [公司] [来源] [仍然新建] — the phone slot may be skipped when 微信:…
 * is given; a known source word may stand in either of the last slots. */
function fromTokens(all: string[]): TokenResult {
  const { tokens, force } = withoutForce(all);
  const r = leadTokens(tokens);
  return r.ok && force ? { ok: true, raw: { ...r.raw, force: true } } : r;
}

function leadTokens(tokens: string[]): TokenResult {
  const [name, ...others] = tokens;
  const phone = others[0] !== undefined && looksLikePhone(others[0]) ? others.shift() : undefined;
  const rest = others;
  const raw: Record<string, unknown> = { name, phone };
  const extra: string[] = [];
  for (const t of rest) {
    if (isSource(t) && raw["source"] === undefined) raw["source"] = t;
    else if (raw["company"] === undefined && raw["source"] === undefined) raw["company"] = t;
    else extra.push(t);
  }
  return extra.length ? { ok: false, problem: zh.tooManyParams(extra.join(" ")) } : { ok: true, raw };
}

const ownerName = (u: User | null) => (u ? zh.whoName(u.name, u.wecomUserId) : "");

function duplicateReply(actor: User, r: Extract<CreateLeadResult, { kind: "duplicate" }>): Reply {
  const { existing } = r;
  if (existing.ownerId === actor.id) return text(zhLeads.leadDuplicateOwn(existing.code, existing.name));
  if (!existing.owner) return text(zhLeads.leadDuplicateUnowned);
  // Someone else's lead: say whom to ask, and show its details only to those who may see it.
  return canSee(actor, existing.owner)
    ? text(zhLeads.leadDuplicateVisible(existing.code, existing.name, ownerName(existing.owner)))
    : text(zhLeads.leadDuplicateHidden(ownerName(existing.owner)));
}

export const leadCreateAction = defineAction({
  name: "lead.create",
  command: "新建线索",
  aliases: ["newlead", "addlead", "lead", "线索"],
  summary: "新建一条线索，负责人是你；可加 微信: 地区: 产品: 备注:",
  usage: "新建线索 <姓名> <手机> [公司] [来源] [微信:…] [地区:…] [产品:…] [备注:…]（有微信可不写手机）",
  example: "新建线索 张三 13800138000 华为 展会 地区:深圳 备注:对私有化部署感兴趣",
  params: leadCreateParams.extend({ force: z.boolean().optional() }).refine(hasContactWay, { message: zhLeads.leadNeedContactWay, path: ["phone"] }),
  labels: { name: "姓名", phone: "手机号", company: "公司", source: "来源" },
  fromTokens,
  named: { 微信: "wechatId", wechat: "wechatId", 地区: "region", region: "region", 产品: "productLine", product: "productLine", 备注: "note", note: "note" },
  restOfLine: ["备注", "note"],
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx: ActionContext, { force, ...p }) {
    // Someone else's (or the pool's) customer under another name: ask first.
    const likely = p.company && !force ? await findLikelyCustomer(ctx.tx, p.company, { OR: [{ ownerId: null }, { ownerId: { not: ctx.actor.id } }] }) : null;
    if (likely) {
      const again = `新建线索 ${p.name} ${p.phone} ${p.company} ${FORCE_WORD}`;
      return [await likelyDuplicateReply(ctx, p.company!, likely, { action: "lead.create", params: { ...p } }, again)];
    }
    const result = await createLead(ctx.tx, ctx.actor, p, ctx.now, ctx.settings);
    if (result.kind === "duplicate") return [duplicateReply(ctx.actor, result)];
    const lead = result.lead;
    return [
      card({
        taskId: `lead-${lead.code}-${ctx.newId()}`,
        title: zhLeads.leadCreatedTitle(lead.code),
        description: zhLeads.leadCreatedDesc,
        fields: [
          { label: zhLeads.leadFieldName, value: lead.name },
          ...(lead.phone ? [{ label: zhLeads.leadFieldPhone, value: lead.phone }] : []),
          ...(lead.wechatId ? [{ label: zhLeads.leadFieldWechat, value: lead.wechatId }] : []),
          ...(lead.company ? [{ label: zhLeads.leadFieldCompany, value: lead.company }] : []),
          { label: zhLeads.leadFieldSource, value: lead.source },
          { label: zhLeads.leadFieldScore, value: zh.scoreValue(lead.score, lead.grade) },
        ],
        buttons: [{ key: "cmd:我的线索", text: zhLeads.myLeadsButton, style: "primary" }],
      }),
    ];
  },
});
