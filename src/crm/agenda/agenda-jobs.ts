// The 09:00 daily agenda to each rep (and manager): nothing to say → nothing sent.
import { renderAgenda } from "./agenda-render.ts";
import { monthTargetLine } from "../reports/index.ts";
import { agendaFor } from "./agenda.ts";
import { text } from "../../render/reply.ts";
import { defineJobKind } from "../../scheduler/job-kind.ts";
import { fanOutJob, perPersonPayload } from "../../scheduler/fan-out.ts";

export const AGENDA_JOB = "agenda";

export const agendaFanOutJob = fanOutJob("agenda-fanout", AGENDA_JOB, { role: { in: ["rep", "manager"] } });

export const agendaJob = defineJobKind({
  kind: AGENDA_JOB,
  payload: perPersonPayload,
  quiet: "defer",
  digest: "day",
  async run(ctx, p) {
    const agenda = renderAgenda(await agendaFor(ctx.tx, p.userId, ctx.now, ctx.timeZone, ctx.settings), ctx.now, ctx.timeZone);
    if (!agenda) return []; // nothing to do today: nothing sent, target or not
    const user = await ctx.tx.user.findUnique({ where: { id: p.userId } });
    const target = user ? await monthTargetLine(ctx.tx, user, ctx.now, ctx.timeZone, ctx.settings) : null;
    const body = target ? `${agenda}\n${target}` : agenda;
    return [{ userId: p.userId, line: body, reply: text(body) }];
  },
});
