// 工单 <客户> <问题> [P1|P2|P3] [类型:…]: a rep opens a service ticket for their customer.
// 工单 #12 alone shows ticket 12 (a customer is named by name or 客户#12 here).
import { z } from "zod";
import { TICKET_PRIORITIES } from "../../config/crm/service-settings.ts";
import { openTicket, MAX_TICKET_TITLE } from "./open-ticket.ts";
import { ticketCard } from "./ticket-card.ts";
import { formatWhen } from "../../time/when.ts";
import { zh } from "../../messages/zh.ts";
import { zhTickets } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type TokenResult } from "../../actions/action.ts";
import { resolveCustomer } from "../customers/index.ts";
import { ticketContextOf } from "./ticket-staff-context.ts";
import { isTicketRef, ticketShowAction } from "./ticket-view-actions.ts";

/** How reps say a priority: P1…P3, or in words (高优先级, 紧急, 一般, 低). */
const PRIORITY_WORDS: Readonly<Record<string, string>> = {
  高: "P1", 高优: "P1", 高优先级: "P1", 优先级高: "P1", 紧急: "P1", 加急: "P1", 特急: "P1", 很急: "P1",
  中: "P2", 中优先级: "P2", 优先级中: "P2", 一般: "P2", 普通: "P2",
  低: "P3", 低优先级: "P3", 优先级低: "P3", 不急: "P3",
};
const priorityOf = (word: string): string | undefined => (/^p[123]$/i.test(word.trim()) ? word.trim().toUpperCase() : PRIORITY_WORDS[word.trim()]);

/** The customer first; a priority (P1, 高优先级, 紧急 …) anywhere after it; the rest is the problem. */
function fromTokens([customer, ...rest]: string[]): TokenResult {
  const priorities = rest.filter((t) => priorityOf(t) !== undefined);
  if (priorities.length > 1) return { ok: false, problem: zh.tooManyParams(priorities.slice(1).join(" ")) };
  const title = rest.filter((t) => priorityOf(t) === undefined).join(" ");
  return { ok: true, raw: { customer, title: title || undefined, priority: priorities[0] && priorityOf(priorities[0]) } };
}

const USAGE = "工单 <客户> <问题> [P1|P2|P3] [类型:…]（工单 #编号 查看）";
const EXAMPLE = "工单 华为 打印机卡纸无法使用 P2 类型:报修";

export const ticketCreateAction = defineAction({
  name: "ticket.create",
  command: "工单",
  aliases: ["newticket"],
  summary: "为你的客户开服务工单，按类型分给服务组，有处理时限；「工单 #编号」查看",
  usage: USAGE,
  example: EXAMPLE,
  params: z
    .object({
      customer: z.string().trim().min(1).max(64),
      title: z.string().trim().min(1).max(MAX_TICKET_TITLE).optional(),
      priority: z.string().trim().transform((v) => priorityOf(v) ?? v.toUpperCase()).pipe(z.enum(TICKET_PRIORITIES, { message: "优先级只能是 P1、P2、P3" })).optional(),
      type: z.string().trim().min(1).max(8).optional(),
    })
    .superRefine((p, c) => {
      if (!p.title && !isTicketRef(p.customer)) c.addIssue({ code: "custom", path: ["title"], message: zh.missingParam("问题描述") });
    }),
  labels: { customer: "客户", title: "问题描述", priority: "优先级", type: "类型" },
  fromTokens,
  named: { 类型: "type", type: "type", 优先级: "priority", priority: "priority" },
  roles: ALL_ROLES,
  effect: "write",
  refs: { customer: "customer" },
  async run(ctx, p): Promise<Reply[]> {
    if (isTicketRef(p.customer)) {
      if (!p.title) return ticketShowAction.run(ctx, { ref: p.customer });
      return [text(zhTickets.ticketRefNotCustomer(p.customer))];
    }
    const types = ctx.settings.service.types;
    if (p.type && !types.includes(p.type)) return [text(`${zhTickets.ticketBadType(p.type, types)}\n${zh.usage(USAGE, EXAMPLE)}`)];
    const found = await resolveCustomer(ctx, p.customer, "write");
    if ("reply" in found) return [found.reply];
    const t = await openTicket(ticketContextOf(ctx), { customerId: found.customer.id, title: p.title!, type: p.type, priority: p.priority, source: "rep", createdBy: ctx.actor });
    const assignee = t.assignee ? zh.whoName(t.assignee.name, t.assignee.wecomUserId) : null;
    const created = text(zhTickets.ticketCreated(t.code, t.priority, t.type, formatWhen(t.dueAt, ctx.timeZone), assignee, t.serviceGroup));
    // Opened for one's own customer with no service group: the rep handles it, with the card's buttons.
    return t.assigneeId === ctx.actor.id ? [created, ticketCard(t, `tkt-${t.code}-new`, zhTickets.ticketNewCardDesc, ctx.timeZone)] : [created];
  },
});
