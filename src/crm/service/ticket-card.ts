// The card staff get for a ticket (new, reminded): its facts and 处理中 / 已解决 buttons that
// run the commands.
import { COMMAND_KEY_PREFIX } from "../../bot/router-keys.ts";
import { zhTickets } from "./messages.ts";
import { card, type Reply } from "../../render/reply.ts";
import { formatWhen } from "../../time/when.ts";
import { isOpenTicket, type TicketWithPeople } from "./ticket-context.ts";

export function ticketCard(t: TicketWithPeople, taskId: string, headline: string, timeZone: string): Reply {
  const fields = [
    { label: zhTickets.ticketFieldCustomer, value: t.customer ? t.customer.name.slice(0, 64) : zhTickets.ticketNoCustomer },
    { label: zhTickets.ticketFieldDue, value: formatWhen(t.dueAt, timeZone) },
    { label: zhTickets.ticketFieldSource, value: zhTickets.ticketSources[t.source] ?? t.source },
    ...(t.serviceGroup ? [{ label: zhTickets.ticketFieldGroup, value: t.serviceGroup }] : []),
  ];
  return card({
    taskId,
    title: zhTickets.ticketCardTitle(t.code, t.priority, t.type),
    description: headline.slice(0, 44),
    fields,
    quote: t.title.slice(0, 200),
    buttons: isOpenTicket(t)
      ? [
          { key: `${COMMAND_KEY_PREFIX}处理 #${t.code}`, text: zhTickets.ticketStartButton, style: "default" },
          { key: `${COMMAND_KEY_PREFIX}解决 #${t.code}`, text: zhTickets.ticketResolveButton, style: "primary" },
        ]
      : [],
  });
}
