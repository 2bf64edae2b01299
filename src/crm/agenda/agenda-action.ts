// 今日待办: the daily agenda on demand ("what do I do today").
import { agendaFor } from "./agenda.ts";
import { zhReminders } from "../reminders/index.ts";
import { text } from "../../render/reply.ts";
import { defineAction, everyonesListing } from "../../actions/action.ts";
import { renderAgenda } from "./agenda-render.ts";
import { monthTargetLine } from "../reports/index.ts";

export const agendaAction = defineAction({
  ...everyonesListing,
  name: "agenda.today",
  command: "今日待办",
  aliases: ["我的待办", "待办", "today", "todo"],
  summary: "今天要做的事：今天的提醒、逾期未完成的提醒、待首次联系的新线索、停滞的商机",
  usage: "今日待办",
  example: "今日待办",
  async run(ctx) {
    const agenda = await agendaFor(ctx.tx, ctx.actor.id, ctx.now, ctx.timeZone, ctx.settings);
    const body = renderAgenda(agenda, ctx.now, ctx.timeZone);
    const target = await monthTargetLine(ctx.tx, ctx.actor, ctx.now, ctx.timeZone, ctx.settings);
    return [text(body ? [body, ...(target ? [target] : [])].join("\n") : (target ?? zhReminders.agendaEmpty))];
  },
});
