// The weekly 流失风险 list (reports.health.churnList, Monday 09:30 by default): each owner gets
// their customers in the risk band with the reasons, each manager their team's (a manager by
// role: the report scope; anyone with people reporting to them: those people and themselves).
// Nothing at risk, nothing sent; once per ISO week (digest "week", one job per person and week).
import { markdown } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { fanOutJob, perPersonPayload } from "../../scheduler/fan-out.ts";
import { healthOfOwners } from "./health-report.ts";
import { zhHealth } from "./messages-health.ts";
import { reportScope } from "./report-scope.ts";

export const CHURN_RISK_JOB = "churn-risk";
export const CHURN_RISK_FANOUT_JOB = "churn-risk-fanout";
/** At most this many customers in one message (WeCom markdown is limited to 4096 bytes). */
const MAX_LISTED = 12;

export const churnRiskFanOutJob = fanOutJob(CHURN_RISK_FANOUT_JOB, CHURN_RISK_JOB, {
  OR: [{ role: "manager" }, { reports: { some: { active: true } } }, { customers: { some: {} } }],
});

export const churnRiskJob = defineJobKind({
  kind: CHURN_RISK_JOB,
  payload: perPersonPayload,
  quiet: "defer",
  digest: "week",
  async run(ctx, p) {
    const user = await ctx.tx.user.findUnique({ where: { id: p.userId } });
    if (!user || !user.active) return [];
    const reports = await ctx.tx.user.findMany({ where: { managerId: user.id }, select: { id: true } });
    const team = user.role === "manager" ? (await reportScope(ctx.tx, user)).ids : [];
    const ids = [...new Set([user.id, ...reports.map((r) => r.id), ...team])];
    const clock = { now: ctx.now, timeZone: ctx.timeZone, settings: ctx.settings };
    const atRisk = (await healthOfOwners(ctx.tx, ids, clock)).filter((c) => c.health.band === "risk");
    if (atRisk.length === 0) return [];
    const body = [zhHealth.churnTitle(atRisk.length)];
    for (const c of atRisk.slice(0, MAX_LISTED)) {
      const owner = c.owner && c.owner.id !== user.id ? (c.owner.name ?? c.owner.wecomUserId) : null;
      body.push(zhHealth.churnCustomer(c.customer.name, c.customer.code, c.health.score, owner));
      body.push(...c.health.reasons.map((r) => zhHealth.churnReason(r.detail, r.points)));
    }
    if (atRisk.length > MAX_LISTED) body.push(zhHealth.churnMore(atRisk.length - MAX_LISTED));
    return [{ userId: user.id, line: zhHealth.churnLine(atRisk.length), reply: markdown(body.join("\n")), alone: true }];
  },
});
