// Does a customer's message ask for service? A configured keyword (报修, 故障, 投诉 …) in it
// gives the ticket's type and priority.
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { TicketPriority } from "../../config/crm/service-settings.ts";

export interface TicketKeyword {
  type: string;
  priority: TicketPriority;
}

/** The keyword found in the text — the most urgent when several are, then the earliest — or null. */
export function ticketKeywordOf(text: string, settings: CrmSettings): TicketKeyword | null {
  const haystack = text.normalize("NFKC").toLowerCase();
  let best: (TicketKeyword & { at: number }) | null = null;
  for (const [word, k] of Object.entries(settings.service.keywords)) {
    const at = haystack.indexOf(word.normalize("NFKC").toLowerCase());
    if (at < 0) continue;
    if (!best || k.priority < best.priority || (k.priority === best.priority && at < best.at)) best = { type: k.type, priority: k.priority, at };
  }
  return best && { type: best.type, priority: best.priority };
}
