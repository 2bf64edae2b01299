// change_contact delete_user: a member was removed from the WeCom directory. A rep still
// active in the CRM is handed over as by 离职 (per pool.onRepLeaves), with the admins told
// what happened; one already handed over (离职 ran first) only has their remaining WeCom
// customers planned for transfer again — WeCom transfers a member's customers only once
// the member is gone from the directory.
import { activeAdmins } from "../../auth/admins.ts";
import { handoverNotices } from "./rep-leave-notices.ts";
import { nameOf } from "../customers/index.ts";
import { scheduleResignedTransfers, zhExternal, type Notice } from "../external-contacts/index.ts";
import { handOverLeavingRep } from "./rep-handover.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";

/** Who is told what; null when the member never used the CRM (nothing to do). */
export async function repDeletedInWecom(tx: Tx, wecomUserId: string, now: Date, settings: CrmSettings): Promise<Notice[] | null> {
  const rep = await tx.user.findUnique({ where: { wecomUserId } });
  if (!rep) return null;
  const admins = (await activeAdmins(tx)).filter((a) => a.id !== rep.id);
  if (!rep.active) {
    const manager = rep.managerId ? await tx.user.findFirst({ where: { id: rep.managerId, active: true } }) : null;
    const plan = await scheduleResignedTransfers(tx, null, rep, manager, now);
    const line = zhExternal.handoverExternal(plan.byTakeover.map((t) => ({ name: nameOf(t.user), count: t.count })), plan.unassigned);
    return line ? admins.map((user) => ({ user, text: zhExternal.repDeletedAfterLeave(nameOf(rep), line) })) : [];
  }
  const result = await handOverLeavingRep(tx, null, rep, undefined, now, settings);
  const { summary, notices } = handoverNotices(rep, result, undefined, settings);
  return [...notices, ...admins.map((user) => ({ user, text: zhExternal.repDeletedInWecom(nameOf(rep), summary) }))];
}
