// GET /api/v1/reports/targets?period=YYYY-MM|YYYY-Qn|YYYY: per person in the token owner's
// scope, target and actual for 成交 and 回款 with progress, and the totals;
// GET /api/v1/reports/leaderboard?metric=…&period=…: the ranking;
// POST /api/v1/reports/targets {"targets":[{user|team, month, won?, receipts?}]}: sets many
// monthly targets at once (the bulk path instead of a CSV import) — all or nothing.
import type { Router } from "express";
import { z } from "zod";
import { findUserInScope } from "../../auth/find-user.ts";
import { fieldErrors, handler, jsonBody, type ApiCall, type ApiDeps } from "../../http/api/api-context.ts";
import { formatYuan, MONEY_ERROR_TEXT, parseYuan, type Fen } from "../money/index.ts";
import { displayName } from "./performance-charts.ts";
import { isMoneyMetric, leaderboard, METRICS, targetProgress, type Actuals, type Figure } from "./performance.ts";
import { periodFromQuery, parsePeriod, type Period } from "./period.ts";
import { reportRoute } from "./report-route.ts";
import { reportScope } from "./report-scope.ts";
import { maySetTarget, ownerName, setTarget, type TargetOwner } from "./targets.ts";

const periodQuery = z.string().max(7).optional();
const yuanOrNull = (f: Fen | null) => (f === null ? null : formatYuan(f));
const figureJson = (f: Figure) => ({ target: yuanOrNull(f.targetFen), actual: formatYuan(f.actualFen), progress: f.percent });
const countsJson = (a: Actuals) => ({ wonDeals: a.wonCount, newCustomers: a.newCustomers, followUps: a.followUps });

type Resolved = { ok: true; period: Period } | { ok: false; status: number; body: unknown };

function periodOf(value: string | undefined, call: ApiCall, deps: ApiDeps): Resolved {
  const period = periodFromQuery(value, call.now, deps.timeZone);
  return period ? { ok: true, period } : { ok: false, status: 400, body: { error: "invalid query", fields: { period: "YYYY-MM, YYYY-Qn or YYYY" } } };
}

const targetItem = z
  .object({
    user: z.string().trim().min(1).max(64).optional(),
    team: z.string().trim().min(1).max(64).optional(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM"),
    won: z.string().max(20).optional(),
    receipts: z.string().max(20).optional(),
  })
  .strict()
  .refine((t) => (t.user === undefined) !== (t.team === undefined), "exactly one of user and team")
  .refine((t) => t.won !== undefined || t.receipts !== undefined, "won or receipts");
const targetsBody = z.object({ targets: z.array(targetItem).min(1).max(500) }).strict();

async function ownerOf(call: ApiCall, t: z.infer<typeof targetItem>): Promise<TargetOwner | null> {
  if (t.team) {
    const team = await call.tx.team.findUnique({ where: { name: t.team } });
    return team && { kind: "team", team };
  }
  const user = await findUserInScope(call.tx, call.user, t.user!);
  return user && { kind: "user", user };
}

function money(value: string | undefined, field: string): { ok: true; fen?: Fen } | { ok: false; error: string } {
  if (value === undefined) return { ok: true };
  const r = parseYuan(value);
  return r.ok ? { ok: true, fen: r.value } : { ok: false, error: `${field}: ${MONEY_ERROR_TEXT[r.error]}` };
}

export function targetRoutes(router: Router, deps: ApiDeps): void {
  reportRoute(router, deps, "targets", z.object({ period: periodQuery }), async (q, call) => {
    const p = periodOf(q.period, call, deps);
    if (!p.ok) return p;
    const scope = await reportScope(call.tx, call.user);
    const teamId = call.user.role === "manager" ? call.user.teamId : null;
    const progress = await targetProgress(call.tx, scope, p.period, { settings: deps.settings, teamId });
    return {
      status: 200,
      body: {
        period: p.period.key,
        label: p.period.label,
        rows: progress.rows.map((r) => ({ user: r.user.wecomUserId, name: displayName(r.user), won: figureJson(r.won), receipts: figureJson(r.receipts), ...countsJson(r.actuals) })),
        total: { won: figureJson(progress.total.won), receipts: figureJson(progress.total.receipts), ...countsJson(progress.total.actuals) },
      },
    };
  });

  reportRoute(router, deps, "leaderboard", z.object({ metric: z.enum(METRICS).default("won"), period: periodQuery }), async (q, call) => {
    const p = periodOf(q.period, call, deps);
    if (!p.ok) return p;
    const rows = await leaderboard(call.tx, await reportScope(call.tx, call.user), p.period, q.metric, deps.settings);
    const value = (v: number) => (isMoneyMetric(q.metric) ? formatYuan(v) : v);
    return { status: 200, body: { metric: q.metric, period: p.period.key, rows: rows.map((r) => ({ rank: r.rank, user: r.user.wecomUserId, name: displayName(r.user), value: value(r.value) })) } };
  });

  router.post(
    "/reports/targets",
    jsonBody,
    handler(deps, async (req, call) => {
      const parsed = targetsBody.safeParse(req.body);
      if (!parsed.success) return { status: 400, body: { error: "invalid body", fields: fieldErrors(parsed.error) } };
      // every item is checked before anything is written: one refusal writes nothing
      const planned: Array<{ owner: TargetOwner; month: string; wonFen?: Fen; receiptsFen?: Fen }> = [];
      for (const [i, t] of parsed.data.targets.entries()) {
        const owner = await ownerOf(call, t);
        if (!owner) return { status: 404, body: { error: "user or team not found", index: i } };
        if (!maySetTarget(call.user, owner)) return { status: 403, body: { error: `may not set targets for ${ownerName(owner)}`, index: i } };
        const won = money(t.won, "won");
        const receipts = money(t.receipts, "receipts");
        if (!won.ok || !receipts.ok) return { status: 400, body: { error: "invalid body", index: i, fields: { [won.ok ? "receipts" : "won"]: won.ok ? (receipts as { error: string }).error : won.error } } };
        planned.push({ owner, month: t.month, wonFen: won.fen, receiptsFen: receipts.fen });
      }
      const month = (m: string) => parsePeriod(m, call.now, deps.timeZone)!.key;
      const saved = [];
      for (const t of planned) {
        const { after } = await setTarget(call.tx, call.user.id, t.owner, month(t.month), { wonFen: t.wonFen, receiptsFen: t.receiptsFen }, call.now);
        saved.push({ [t.owner.kind]: t.owner.kind === "user" ? t.owner.user.wecomUserId : t.owner.team.name, month: t.month, won: yuanOrNull(after.wonFen), receipts: yuanOrNull(after.receiptsFen) });
      }
      return { status: 200, body: { targets: saved } };
    }),
  );
}
