// 处理 / 待确认 / 解决 / 关闭 #编号 [说明] move a ticket (the card's 处理中 and 已解决 buttons
// run the first and third); 工单备注 #编号 <内容> adds a note. Illegal moves are refused.
import { z } from "zod";
import type { TicketStatus, TicketWithPeople } from "./ticket-context.ts";
import { addTicketNote, changeStatus } from "./ticket-status.ts";
import { zhTickets } from "./messages.ts";
import { cardUpdate, text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";
import { ticketContextOf } from "./ticket-staff-context.ts";
import { resolveTicket, ticketCodeParam } from "./ticket-view-actions.ts";

interface Spec {
  name: string;
  command: string;
  aliases: string[];
  summary: string;
  noteLabel: string;
  example: string;
  /** The note is required (工单备注). */
  noteRequired?: boolean;
  act(ctx: ActionContext, t: TicketWithPeople, note: string | undefined): Promise<Reply>;
}

function onTicket(s: Spec) {
  const note = z.string().trim().min(1).max(500);
  return defineAction({
    name: s.name,
    command: s.command,
    aliases: s.aliases,
    summary: s.summary,
    usage: `${s.command} #<编号> ${s.noteRequired ? `<${s.noteLabel}>` : `[${s.noteLabel}]`}`,
    example: s.example,
    params: z.object({ ref: ticketCodeParam, note: s.noteRequired ? note : note.optional() }),
    labels: { ref: "工单编号", note: s.noteLabel },
    fromTokens: ([ref, ...rest]) => ({ ok: true, raw: { ref, note: rest.join(" ") || undefined } }),
    roles: ALL_ROLES,
    effect: "write",
    async run(ctx, p) {
      const found = await resolveTicket(ctx, p.ref, "write");
      if ("reply" in found) return [found.reply];
      return [await s.act(ctx, found.ticket, p.note)];
    },
  });
}

/** Moves the ticket; the refusal, or the reply made from the moved ticket. */
async function move(ctx: ActionContext, t: TicketWithPeople, to: TicketStatus, note: string | undefined, done: (after: TicketWithPeople) => Reply): Promise<Reply> {
  const r = await changeStatus(ticketContextOf(ctx), ctx.actor, t, to, note);
  return r.kind === "refused" ? text(r.message) : done(r.ticket);
}

const moved = (t: TicketWithPeople) => text(zhTickets.ticketMoved(t.code, zhTickets.ticketStatus[t.status] ?? t.status));

export const ticketStartAction = onTicket({
  name: "ticket.start",
  command: "处理",
  aliases: ["start"],
  summary: "开始处理工单（没有处理人的工单由你接手；已解决的工单重新打开）",
  noteLabel: "备注",
  example: "处理 #12 已联系客户，明天上门",
  // From the card the buttons stay: 已解决 is still to come.
  act: (ctx, t, note) => move(ctx, t, "in_progress", note, (after) => (t.assigneeId ? moved(after) : text(zhTickets.ticketTaken(after.code)))),
});

export const ticketWaitAction = onTicket({
  name: "ticket.wait",
  command: "待确认",
  aliases: ["waiting"],
  summary: "工单等待客户确认（已处理，等客户回复）",
  noteLabel: "说明",
  example: "待确认 #12 已更换配件，等客户试用",
  act: (ctx, t, note) => move(ctx, t, "waiting_customer", note, moved),
});

export const ticketResolveAction = onTicket({
  name: "ticket.resolve",
  command: "解决",
  aliases: ["resolve"],
  summary: "工单已解决：客户收到通知和满意度评价（说明只在内部可见）",
  noteLabel: "说明",
  example: "解决 #12 更换了定影组件",
  act: (ctx, t, note) =>
    move(ctx, t, "resolved", note, (after) => cardUpdate(ctx.card, zhTickets.ticketResolveButton, zhTickets.ticketResolvedReply(after.code, after.surveySentAt !== null))),
});

export const ticketCloseAction = onTicket({
  name: "ticket.close",
  command: "关闭",
  aliases: ["close"],
  summary: "关闭已解决的工单（客户评价后会自动关闭）",
  noteLabel: "说明",
  example: "关闭 #12 客户电话确认已正常",
  act: (ctx, t, note) => move(ctx, t, "closed", note, (after) => text(zhTickets.ticketClosedReply(after.code))),
});

export const ticketNoteAction = onTicket({
  name: "ticket.note",
  command: "工单备注",
  aliases: ["ticketnote"],
  summary: "在工单上记一笔（处理人会收到）",
  noteLabel: "内容",
  noteRequired: true,
  example: "工单备注 #12 客户要求周五前处理",
  async act(ctx, t, note) {
    await addTicketNote(ticketContextOf(ctx), ctx.actor, t, note!);
    return text(zhTickets.ticketNoted(t.code));
  },
});
