// 团队商机 [阶段|销售], 团队客户 [销售], 团队线索 [销售]: a manager's (or admin's) view of the
// records of the people in their report scope, grouped by owner; one person by name (within
// scope, else a refusal) or, for deals, one stage. Lists stop at LIST_CAP with 「…还有N条」.
import { z } from "zod";
import { defineAction, type ActionContext } from "../../actions/action.ts";
import type { User } from "../../auth/users.ts";
import { zh } from "../../messages/zh.ts";
import { text, type Reply } from "../../render/reply.ts";
import { formatWhen } from "../../time/when.ts";
import { OPEN_LEAD_STATUSES } from "../leads/index.ts";
import { formatFenZh } from "../money/index.ts";
import { daysInStage } from "../opportunities/index.ts";
import { funnelSnapshot } from "./funnel.ts";
import { zhTeamViews } from "./messages-team.ts";
import { personScope, reportScope, type ReportScope } from "./report-scope.ts";

export const LIST_CAP = 30;
const FETCH = 500;

export interface OwnedLine {
  ownerId: string | null;
  line: string;
}

const nameOf = (u: User) => zh.whoName(u.name, u.wecomUserId);

/** Lines grouped by owner (scope order, unowned last), at most `cap` item lines, then 「…还有N条」
 * for the rest of `total`. */
export function groupedLines(users: readonly User[], items: readonly OwnedLine[], total: number, cap = LIST_CAP): string[] {
  const owners = [...users.map((u) => u.id as string | null), null];
  const out: string[] = [];
  let shown = 0;
  for (const id of owners) {
    const mine = items.filter((i) => i.ownerId === id);
    if (mine.length === 0 || shown >= cap) continue;
    const u = users.find((x) => x.id === id);
    out.push(zhTeamViews.group(u ? nameOf(u) : zhTeamViews.noOwner, mine.length));
    for (const i of mine.slice(0, cap - shown)) out.push(i.line);
    shown += Math.min(mine.length, cap - shown);
  }
  if (total > shown) out.push(zhTeamViews.more(total - shown));
  return out;
}

/** Whose records: everyone in scope, or the one person named (null: not visible to the actor). */
async function whose(ctx: ActionContext, who: string | undefined): Promise<{ scope: ReportScope; label: string } | null> {
  if (!who) return { scope: await reportScope(ctx.tx, ctx.actor), label: zhTeamViews.team };
  const scope = await personScope(ctx.tx, ctx.actor, who);
  return scope ? { scope, label: zhTeamViews.person(nameOf(scope.users[0]!)) } : null;
}

export const ownerWhere = (scope: ReportScope, named: boolean) => (scope.kind === "all" && !named ? {} : { ownerId: { in: scope.ids } });

const yuanFen = (d: { toString(): string } | null) => (d === null ? null : Math.round(Number(d.toString()) * 100));

const listParams = {
  params: z.object({ who: z.string().trim().min(1).max(64).optional() }),
  labels: { who: "销售" },
  positional: ["who"],
  roles: ["manager", "admin"],
  effect: "read",
} as const;

export const teamDealsAction = defineAction({
  ...listParams,
  name: "report.team_deals",
  command: "团队商机",
  aliases: ["teamdeals"],
  summary: "团队进行中的商机（按销售分组），可只看一个阶段或一个人：阶段、金额、在阶段天数（主管、管理员）",
  usage: "团队商机 [阶段|销售]",
  example: "团队商机 方案演示",
  labels: { who: "阶段或销售" },
  async run(ctx, p): Promise<Reply[]> {
    const stages = ctx.settings.opportunities.stages.filter((s) => !s.outcome).map((s) => s.name);
    const stage = p.who && stages.includes(p.who) ? p.who : undefined;
    const target = await whose(ctx, stage ? undefined : p.who);
    if (!target) return [text(zhTeamViews.noAccess(p.who!))];
    const label = stage ? zhTeamViews.stageScope(stage) : target.label;
    const where = { closedAt: null, ...(stage ? { stage } : {}), ...ownerWhere(target.scope, Boolean(p.who) && !stage) };
    // The count and the sum are the funnel's own numbers, so both views always agree.
    const [funnel, deals] = await Promise.all([
      funnelSnapshot(ctx.tx, target.scope, ctx.settings),
      ctx.tx.opportunity.findMany({ where, include: { customer: { select: { name: true } } }, orderBy: { stageChangedAt: "asc" }, take: FETCH }),
    ]);
    const counted = funnel.filter((r) => !stage || r.stage === stage);
    const total = counted.reduce((s, r) => s + r.count, 0);
    const totalFen = counted.reduce((s, r) => s + r.amountFen, 0);
    if (total === 0) return [text(zhTeamViews.dealsEmpty(label))];
    deals.sort((a, b) => stages.indexOf(b.stage) - stages.indexOf(a.stage));
    const amountOf = (o: (typeof deals)[number]) => yuanFen(o.amount ?? o.budget);
    const items = deals.map((o) => {
      const fen = amountOf(o);
      return { ownerId: o.ownerId, line: zhTeamViews.dealLine(o.code, o.customer.name, o.stage, fen === null ? null : formatFenZh(fen), daysInStage(o, ctx.now)) };
    });
    return [text([zhTeamViews.dealsTitle(label, total, formatFenZh(totalFen)), ...groupedLines(target.scope.users, items, total)].join("\n"))];
  },
});

export const teamCustomersAction = defineAction({
  ...listParams,
  name: "report.team_customers",
  command: "团队客户",
  aliases: ["teamcustomers"],
  summary: "团队的客户（按销售分组）或一个人的客户，带最近跟进日期（主管、管理员）",
  usage: "团队客户 [销售]",
  example: "团队客户 王芳",
  async run(ctx, p) {
    const target = await whose(ctx, p.who);
    if (!target) return [text(zhTeamViews.noAccess(p.who!))];
    const where = { pooledAt: null, ...ownerWhere(target.scope, Boolean(p.who)) };
    const [total, rows] = await Promise.all([
      ctx.tx.customer.count({ where }),
      ctx.tx.customer.findMany({ where, orderBy: [{ lastFollowUpAt: { sort: "asc", nulls: "first" } }, { code: "asc" }], take: FETCH }),
    ]);
    if (total === 0) return [text(zhTeamViews.customersEmpty(target.label))];
    const day = (d: Date) => formatWhen(d, ctx.timeZone).split(" ")[0]!;
    const items = rows.map((c) => ({ ownerId: c.ownerId, line: zhTeamViews.customerLine(c.code, c.name, c.lastFollowUpAt ? day(c.lastFollowUpAt) : null) }));
    return [text([zhTeamViews.customersTitle(target.label, total), ...groupedLines(target.scope.users, items, total)].join("\n"))];
  },
});

export const teamLeadsAction = defineAction({
  ...listParams,
  name: "report.team_leads",
  command: "团队线索",
  aliases: ["teamleads"],
  summary: "团队未转化的线索（按销售分组）或一个人的线索，带状态和评分（主管、管理员）",
  usage: "团队线索 [销售]",
  example: "团队线索 王芳",
  async run(ctx, p) {
    const target = await whose(ctx, p.who);
    if (!target) return [text(zhTeamViews.noAccess(p.who!))];
    const where = { status: { in: OPEN_LEAD_STATUSES }, archivedAt: null, ...ownerWhere(target.scope, Boolean(p.who)) };
    const [total, rows] = await Promise.all([
      ctx.tx.lead.count({ where }),
      ctx.tx.lead.findMany({ where, orderBy: [{ score: "desc" }, { code: "asc" }], take: FETCH }),
    ]);
    if (total === 0) return [text(zhTeamViews.leadsEmpty(target.label))];
    const items = rows.map((l) => ({ ownerId: l.ownerId, line: zhTeamViews.leadLine(l.code, l.name, l.company, zh.leadStatus[l.status] ?? l.status, l.grade, l.score) }));
    return [text([zhTeamViews.leadsTitle(target.label, total), ...groupedLines(target.scope.users, items, total)].join("\n"))];
  },
});
