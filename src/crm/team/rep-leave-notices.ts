// What a rep's departure tells whom: the summary (for the admin who ran 离职, or for all admins
// when WeCom's delete_user did it), the manager, colleagues who got leads. Shared by the 离职
// action and the delete_user event.
import type { User } from "../../auth/users.ts";
import type { HandoverResult, LeaveMode } from "./rep-handover.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import { zhPool } from "../pool/index.ts";
import { nameOf } from "../customers/index.ts";
import { zhContracts } from "../contracts/index.ts";
import { zhExternal } from "../external-contacts/index.ts";

export interface HandoverNotices {
  summary: string;
  notices: Array<{ user: User; text: string }>;
}

export function handoverNotices(rep: User, r: HandoverResult, requested: LeaveMode | undefined, settings: CrmSettings): HandoverNotices {
  const who = nameOf(rep);
  const counts = { customers: r.customers, leads: r.leads, opportunities: r.opportunities };
  const notices: HandoverNotices["notices"] = [];
  if (r.manager) {
    notices.push({ user: r.manager, text: r.mode === "manager" ? zhPool.leaveToYou(who, counts, r.reminders) : zhPool.leaveToPoolTold(who, counts) });
  }
  for (const d of r.leadsDealt) notices.push({ user: d.user, text: zhPool.leaveLeadsToYou(who, d.count) });
  const managerWanted = requested === "manager" || (!requested && settings.pool.onRepLeaves === "manager");
  const summary =
    r.mode === "manager"
      ? zhPool.leaveDoneManager(who, nameOf(r.manager!), counts, r.reminders)
      : zhPool.leaveDonePool(who, counts, r.leadsDealt.reduce((n, d) => n + d.count, 0), r.leadsUnassigned, managerWanted);
  const ext = r.externalContacts;
  const extra = [
    r.tickets ? zhExternal.handoverTickets(r.tickets, r.manager ? nameOf(r.manager) : null) : "",
    r.contracts ? zhContracts.handoverContracts(r.contracts, r.manager ? nameOf(r.manager) : null) : "",
    zhExternal.handoverExternal(
      ext.byTakeover.map((t) => ({ name: nameOf(t.user), count: t.count })),
      ext.unassigned,
    ),
  ].join("");
  return { summary: extra ? `${summary}\n${extra}` : summary, notices };
}
