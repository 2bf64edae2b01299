import { z } from "zod";
import { zh } from "../messages/zh.ts";
import { text } from "../render/reply.ts";
import { formatWhen } from "../crm/when.ts";
import { defineAction } from "./action.ts";
import { resolveLead } from "./lead-ref.ts";
import { resolveOpportunity } from "./opportunity-ref.ts";

const LIMIT = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** before/after as "字段: 旧 → 新" pairs (user ids shown as names); other details as they are. */
function describeChange(detail: unknown, names: Map<string, string>): string {
  if (!detail || typeof detail !== "object") return "";
  const d = detail as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  const show = (v: unknown) => (v === null || v === undefined ? "—" : (names.get(String(v)) ?? String(v)));
  if (d.before && d.after) {
    return Object.keys(d.after)
      .map((k) => `${k}: ${show(d.before?.[k])} → ${show(d.after?.[k])}`)
      .join("；");
  }
  return JSON.stringify(d.after ?? detail).slice(0, 120);
}

function idsIn(detail: unknown): string[] {
  const d = (detail ?? {}) as { before?: Record<string, unknown>; after?: Record<string, unknown> };
  return [...Object.values(d.before ?? {}), ...Object.values(d.after ?? {})].filter((v): v is string => typeof v === "string" && UUID.test(v));
}

export const auditTrailAction = defineAction({
  name: "audit.trail",
  command: "审计",
  aliases: ["audit"],
  summary: "查看一条线索或商机的全部操作记录：谁、何时、改了什么（主管、管理员）",
  usage: "审计 <线索编号|姓名> 或 审计 商机#<编号>",
  example: "审计 商机#5",
  params: z.object({ ref: z.string().trim().min(1).max(40) }),
  labels: { ref: "线索或商机" },
  positional: ["ref"],
  roles: ["manager", "admin"],
  effect: "read",
  async run(ctx, p) {
    const oppRef = /^商机#?(\d+)$/.exec(p.ref)?.[1];
    const found = oppRef ? await resolveOpportunity(ctx, oppRef) : await resolveLead(ctx, p.ref, "read");
    if ("reply" in found) return [found.reply];
    const [id, what] = "opp" in found ? [found.opp.id, `商机 #${found.opp.code}`] : [found.lead.id, `线索 #${found.lead.code} ${found.lead.name}`];
    const entries = await ctx.tx.auditEntry.findMany({
      where: { entityId: id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: LIMIT,
      include: { actor: true },
    });
    if (entries.length === 0) return [text(zh.auditEmpty(what))];
    const users = await ctx.tx.user.findMany({ where: { id: { in: [...new Set(entries.flatMap((e) => idsIn(e.detail)))] } } });
    const names = new Map(users.map((u) => [u.id, zh.whoName(u.name, u.wecomUserId)]));
    const lines = entries.map((e) =>
      zh.auditLine(
        formatWhen(e.at, ctx.timeZone),
        e.actor ? zh.whoName(e.actor.name, e.actor.wecomUserId) : "系统",
        zh.auditActions[e.action] ?? e.action,
        describeChange(e.detail, names),
      ),
    );
    return [text([zh.auditTitle(what, entries.length), ...lines].join("\n"))];
  },
});
