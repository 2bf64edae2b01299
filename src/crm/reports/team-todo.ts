// 团队待办: per person in the manager's scope, what is overdue or waiting — reminders past due
// (before today, like 今日待办), leads still waiting for their first contact (status new),
// stalled deals (the opportunities' stall rule) and overdue instalments (回款) — counts for
// each, then the first few items per person, 「…还有N条」 for the rest.
import { z } from "zod";
import { defineAction } from "../../actions/action.ts";
import type { User } from "../../auth/users.ts";
import { zh } from "../../messages/zh.ts";
import { text } from "../../render/reply.ts";
import { formatWhen } from "../../time/when.ts";
import { atLocal, localDateKey, localParts } from "../../util/local-time.ts";
import { formatFenZh } from "../money/index.ts";
import { daysInStage, stallDaysOf } from "../opportunities/index.ts";
import { instalmentsDueFor } from "../receivables/index.ts";
import { zhTeamViews } from "./messages-team.ts";
import { reportScope } from "./report-scope.ts";

const ITEMS_PER_REP = 4;
const FETCH = 500;

interface RepTodo {
  rep: User;
  counts: string[];
  items: string[];
}

export const teamTodoAction = defineAction({
  name: "report.team_todo",
  command: "团队待办",
  aliases: ["teamtodo"],
  summary: "团队每个人的逾期提醒、待首次联系的线索、停滞商机、逾期回款（主管、管理员）",
  usage: "团队待办",
  example: "团队待办",
  params: z.object({}),
  labels: {},
  positional: [],
  roles: ["manager", "admin"],
  effect: "read",
  async run(ctx) {
    const scope = await reportScope(ctx.tx, ctx.actor);
    const reps = scope.users.filter((u) => u.active);
    const ids = reps.map((u) => u.id);
    const p = localParts(ctx.now, ctx.timeZone);
    const dayStart = atLocal(p.year, p.month, p.day, 0, ctx.timeZone);
    const today = localDateKey(ctx.now, ctx.timeZone);
    const [overdue, overdueCounts, newLeads, newLeadCounts, open, due] = await Promise.all([
      ctx.tx.reminder.findMany({ where: { userId: { in: ids }, status: { in: ["pending", "fired"] }, dueAt: { lt: dayStart } }, orderBy: { dueAt: "asc" }, take: FETCH }),
      ctx.tx.reminder.groupBy({ by: ["userId"], where: { userId: { in: ids }, status: { in: ["pending", "fired"] }, dueAt: { lt: dayStart } }, _count: { _all: true } }),
      ctx.tx.lead.findMany({ where: { ownerId: { in: ids }, status: "new", archivedAt: null }, orderBy: { createdAt: "asc" }, take: FETCH }),
      ctx.tx.lead.groupBy({ by: ["ownerId"], where: { ownerId: { in: ids }, status: "new", archivedAt: null }, _count: { _all: true } }),
      ctx.tx.opportunity.findMany({ where: { ownerId: { in: ids }, closedAt: null }, include: { customer: { select: { name: true } } }, orderBy: { stageChangedAt: "asc" }, take: FETCH * 4 }),
      instalmentsDueFor(ctx.tx, ids, today, 0),
    ]);
    const day = (d: Date) => formatWhen(d, ctx.timeZone).split(" ")[0]!;
    const stalled = open.filter((o) => daysInStage(o, ctx.now) >= stallDaysOf(ctx.settings, o.stage));
    const todos: RepTodo[] = reps.map((rep) => {
      const reminders = overdue.filter((r) => r.userId === rep.id);
      const leads = newLeads.filter((l) => l.ownerId === rep.id);
      const deals = stalled.filter((o) => o.ownerId === rep.id);
      const late = (due.get(rep.id) ?? []).filter((i) => i.status === "逾期");
      const nReminders = overdueCounts.find((c) => c.userId === rep.id)?._count._all ?? 0;
      const nLeads = newLeadCounts.find((c) => c.ownerId === rep.id)?._count._all ?? 0;
      const owed = late.reduce((s, i) => s + i.owedFen, 0);
      const counts = [
        ...(nReminders ? [zhTeamViews.todoOverdue(nReminders)] : []),
        ...(nLeads ? [zhTeamViews.todoNewLeads(nLeads)] : []),
        ...(deals.length ? [zhTeamViews.todoStalled(deals.length)] : []),
        ...(late.length ? [zhTeamViews.todoInstalments(late.length, formatFenZh(owed))] : []),
      ];
      const all = [
        ...reminders.map((r) => zhTeamViews.todoReminder(r.content, day(r.dueAt))),
        ...leads.map((l) => zhTeamViews.todoLead(l.code, l.name, l.company)),
        ...deals.map((o) => zhTeamViews.todoDeal(o.code, o.customer.name, o.stage, daysInStage(o, ctx.now))),
        ...late.map((i) => zhTeamViews.todoInstalment(i.contract, i.position, formatFenZh(i.owedFen), i.dueDate)),
      ];
      const total = nReminders + nLeads + deals.length + late.length;
      const items = all.slice(0, ITEMS_PER_REP).map((l) => `· ${l}`);
      if (total > items.length) items.push(zhTeamViews.more(total - items.length));
      return { rep, counts, items };
    });
    const busy = todos.filter((t) => t.counts.length > 0);
    if (busy.length === 0) return [text(zhTeamViews.todoEmpty)];
    const idle = todos.filter((t) => t.counts.length === 0).map((t) => zh.whoName(t.rep.name, t.rep.wecomUserId));
    const lines = [
      zhTeamViews.todoTitle(`${p.month}月${p.day}日`),
      ...busy.flatMap((t) => [zhTeamViews.todoRep(zh.whoName(t.rep.name, t.rep.wecomUserId), t.counts), ...t.items]),
      ...(idle.length ? [zhTeamViews.todoNone(idle.join("、"))] : []),
    ];
    return [text(lines.join("\n"))];
  },
});
