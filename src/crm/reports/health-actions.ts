// 客户健康度 <客户>: the score, its band and each deduction with its reason. 客户健康度 alone:
// the lowest-scoring customers in the asker's scope, as text and as a horizontal bar chart.
import { z } from "zod";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";
import { audit } from "../../auth/audit.ts";
import { text, type Reply } from "../../render/reply.ts";
import { chartImage, type ChartSpec } from "../../render/charts/index.ts";
import { findCustomerInScope } from "../customers/index.ts";
import { customerHealth, healthOfOwners, type CustomerHealth } from "./health-report.ts";
import { zhHealth } from "./messages-health.ts";
import { reportScope } from "./report-scope.ts";

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const ownerName = (h: CustomerHealth) => (h.owner ? (h.owner.name ?? h.owner.wecomUserId) : null);

export function healthText(h: CustomerHealth): string {
  const head = zhHealth.scoreLine(h.customer.name, h.customer.code, h.health.score, zhHealth.band[h.health.band]);
  const reasons = h.health.reasons.map((r) => zhHealth.reason(r.detail, r.points));
  return [head, ...(reasons.length ? reasons : [zhHealth.noDeduction])].join("\n");
}

export function healthChart(rows: CustomerHealth[]): ChartSpec {
  return {
    type: "bar",
    title: zhHealth.chartTitle,
    unit: "分",
    horizontal: true,
    categories: rows.map((r) => clip(r.customer.name, 24)),
    series: [{ name: zhHealth.chartSeries, values: rows.map((r) => r.health.score), valueLabels: rows.map((r) => String(r.health.score)) }],
  };
}

export function healthListReplies(all: CustomerHealth[], size: number): Reply[] {
  if (all.length === 0) return [text(zhHealth.listEmpty)];
  const rows = all.slice(0, size);
  const lines = rows.map((r, i) => zhHealth.listRow(i + 1, r.customer.name, r.customer.code, r.health.score, zhHealth.band[r.health.band], ownerName(r)));
  return [text([zhHealth.listTitle(rows.length, all.length), ...lines, zhHealth.listHint].join("\n")), chartImage(healthChart(rows), "customer-health.png")];
}

export const customerHealthAction = defineAction({
  name: "report.health",
  command: "客户健康度",
  aliases: ["健康度", "health"],
  summary: "客户健康度（0–100）和扣分原因；不写客户则列出范围内最低的客户",
  usage: "客户健康度 [客户|#编号]",
  example: "客户健康度 华为",
  params: z.object({ ref: z.string().trim().min(1).max(64).optional() }),
  labels: { ref: "客户" },
  fromTokens: (tokens) => ({ ok: true, raw: tokens.length ? { ref: tokens.join(" ") } : {} }),
  roles: ALL_ROLES,
  effect: "read",
  refs: { ref: "customer" },
  async run(ctx, p) {
    const clock = { now: ctx.now, timeZone: ctx.timeZone, settings: ctx.settings };
    if (p.ref) {
      const customer = await findCustomerInScope(ctx.tx, ctx.actor, p.ref);
      if (!customer) {
        await audit(ctx.tx, { actorId: ctx.actor.id, action: "read_denied", entity: "customer", detail: { ref: p.ref, report: "health" }, at: ctx.now });
        return [text(zhHealth.notFound(p.ref))];
      }
      return [text(healthText(await customerHealth(ctx.tx, customer.id, clock)))];
    }
    const scope = await reportScope(ctx.tx, ctx.actor);
    return healthListReplies(await healthOfOwners(ctx.tx, scope.ids, clock), ctx.settings.reports.health.listSize);
  },
});
