// 目标: set a month's targets for a rep or a team (目标 王芳 2026-12 成交50万 回款40万), show
// one (目标 王芳 2026-Q4: the months summed), or list the targets in scope (目标 [期间]).
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { findUserInScope } from "../../auth/find-user.ts";
import { text, type Reply } from "../../render/reply.ts";
import { formatFenZh, MONEY_ERROR_TEXT, parseAmount, type Fen } from "../money/index.ts";
import { zhTargets } from "./messages-targets.ts";
import { parsePeriod, periodAt, type Period } from "./period.ts";
import { reportScope } from "./report-scope.ts";
import { targetWords } from "./target-words.ts";
import {
  maySetTarget,
  mayReadTarget,
  NO_TARGET,
  ownerName,
  setTarget,
  teamTarget,
  userTargets,
  visibleTeams,
  type TargetFigures,
  type TargetOwner,
} from "./targets.ts";

const money = (f: Fen | null): string => (f === null ? zhTargets.unset : formatFenZh(f));

/** The period named, or this month. */
export function chatPeriod(ctx: ActionContext, word: string | undefined): Period {
  return (word && parsePeriod(word, ctx.now, ctx.timeZone)) || periodAt("month", ctx.now, ctx.timeZone);
}

/** A team by its exact name, else a colleague the actor sees; null when neither may be read. */
async function ownerFor(ctx: ActionContext, ref: string): Promise<TargetOwner | null> {
  const team = await ctx.tx.team.findUnique({ where: { name: ref } });
  if (team) return mayReadTarget(ctx.actor, { kind: "team", team }) ? { kind: "team", team } : null;
  const user = await findUserInScope(ctx.tx, ctx.actor, ref);
  return user ? { kind: "user", user } : null;
}

async function figuresOf(ctx: ActionContext, owner: TargetOwner, period: Period): Promise<TargetFigures> {
  if (owner.kind === "team") return teamTarget(ctx.tx, owner.team.id, period.months);
  return (await userTargets(ctx.tx, [owner.user.id], period.months)).get(owner.user.id) ?? NO_TARGET;
}

async function listTargets(ctx: ActionContext, period: Period): Promise<Reply[]> {
  const scope = await reportScope(ctx.tx, ctx.actor);
  const [teams, targets] = await Promise.all([visibleTeams(ctx.tx, ctx.actor), userTargets(ctx.tx, scope.ids, period.months)]);
  const lines: string[] = [];
  for (const team of teams) {
    const f = await teamTarget(ctx.tx, team.id, period.months);
    if (f.wonFen !== null || f.receiptsFen !== null) lines.push(zhTargets.listLine(`${zhTargets.teamPrefix} ${team.name}`, money(f.wonFen), money(f.receiptsFen)));
  }
  for (const u of scope.users) {
    const f = targets.get(u.id);
    if (f) lines.push(zhTargets.listLine(u.name ?? u.wecomUserId, money(f.wonFen), money(f.receiptsFen)));
  }
  return [text(lines.length ? [zhTargets.listTitle(period.label), ...lines].join("\n") : zhTargets.listNone(period.label))];
}

/** A target as said, in 元: 50万, 500000, 1.5万 (a number is 元 too) → fen. */
const targetAmount = z.union([z.string().trim().min(1).max(32), z.number().min(0)]).transform((v, ctx) => {
  const r = parseAmount(String(v), { allowZero: true });
  if (r.ok) return r.value;
  ctx.addIssue({ code: "custom", message: MONEY_ERROR_TEXT[r.error] });
  return z.NEVER;
});

export const targetAction = defineAction({
  name: "report.target",
  command: "目标",
  aliases: ["业绩目标", "target"],
  summary: "设置或查看业绩目标（成交额、回款，按月；季度和全年相加）",
  usage: zhTargets.targetUsage,
  example: zhTargets.targetExample,
  params: z.object({
    who: z.string().trim().min(1).max(64).optional(),
    period: z.string().max(16).optional(),
    won: targetAmount.optional(),
    receipts: targetAmount.optional(),
  }),
  labels: { who: "销售或团队", period: "月份", won: "成交目标", receipts: "回款目标" },
  fromTokens: targetWords,
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const period = chatPeriod(ctx, p.period);
    const setting = p.won !== undefined || p.receipts !== undefined;
    if (setting && ctx.actor.role === "rep") return [text(zhTargets.notAllowedSet)];
    if (!p.who) return setting ? [text(zhTargets.needWho)] : listTargets(ctx, period);
    const owner = await ownerFor(ctx, p.who);
    if (!owner) return [text(zhTargets.noSuchOwner(p.who))];
    const name = ownerName(owner);
    if (!setting) {
      const f = await figuresOf(ctx, owner, period);
      return [text(zhTargets.shown(name, period.label, money(f.wonFen), money(f.receiptsFen)))];
    }
    if (!maySetTarget(ctx.actor, owner)) return [text(zhTargets.notAllowedOwner(name))];
    if (period.kind !== "month") return [text(zhTargets.monthOnly(period.label))];
    const { after } = await setTarget(ctx.tx, ctx.actor.id, owner, period.key, { wonFen: p.won, receiptsFen: p.receipts }, ctx.now);
    return [text(zhTargets.saved(name, period.label, money(after.wonFen), money(after.receiptsFen)))];
  },
});
