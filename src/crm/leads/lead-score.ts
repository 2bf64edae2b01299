import { scoreLedger } from "./lead-scoring.ts";
import { leadRefParams, resolveLead } from "./lead-ref.ts";
import { zhLeads } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction } from "../../actions/action.ts";

const dateIn = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);

export const leadScoreAction = defineAction({
  name: "lead.score",
  command: "评分",
  aliases: ["score"],
  summary: "查看线索的评分和每一次加减分的原因",
  usage: "评分 <线索编号|姓名>",
  example: "评分 #12",
  ...leadRefParams,
  roles: ALL_ROLES,
  effect: "read",
  refs: { ref: "lead" },
  async run(ctx, p) {
    const found = await resolveLead(ctx, p.ref, "read");
    if ("reply" in found) return [found.reply];
    const { lead } = found;
    const entries = await scoreLedger(ctx.tx, lead.id);
    const lines = entries.map((e) => zhLeads.scoreLedgerLine(dateIn(e.at, ctx.timeZone), e.delta, e.reason));
    return [text([zhLeads.scoreLedgerTitle(lead.code, lead.name, lead.score, lead.grade), ...lines].join("\n"))];
  },
});
