// Which flows apply to a request, and who the approvers are — resolved when the request is
// made (and stored), so later org changes do not reroute a pending request.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalFlow, ApprovalKindName, ApproverRef, ApprovalSettings } from "../settings/approval-settings.ts";
import type { ApprovalStepSpec } from "./approval-requests.ts";

export interface ApprovalFacts {
  discount?: number;
  amount?: number;
  legalTermsChanged?: boolean;
  stage?: string;
  productLine?: string | null;
  team?: string | null;
}

export function matchingFlows(settings: ApprovalSettings, kind: ApprovalKindName, f: ApprovalFacts): ApprovalFlow[] {
  return settings.flows.filter((flow) => {
    const w = flow.when;
    if (flow.kind !== kind) return false;
    if (w.discountBelow !== undefined && !(f.discount !== undefined && f.discount < w.discountBelow)) return false;
    if (w.amountAbove !== undefined && !(f.amount !== undefined && f.amount > w.amountAbove)) return false;
    if (w.legalTermsChanged !== undefined && (f.legalTermsChanged ?? false) !== w.legalTermsChanged) return false;
    if (w.stages && !(f.stage && w.stages.includes(f.stage))) return false;
    if (w.productLines && !(f.productLine && w.productLines.includes(f.productLine))) return false;
    if (w.teams && !(f.team && w.teams.includes(f.team))) return false;
    return true;
  });
}

export type ResolvedFlows = { steps: ApprovalStepSpec[]; ccIds: string[] } | { missing: string };

/** Turns the flows' steps into user ids; a reference nobody answers to is reported by name. */
export async function resolveApprovers(tx: Tx, requester: User, flows: ApprovalFlow[], settings: ApprovalSettings): Promise<ResolvedFlows> {
  const steps: ApprovalStepSpec[] = [];
  for (const flow of flows) {
    for (const step of flow.steps) {
      const ids = new Set<string>();
      for (const ref of step.approvers) {
        const users = await usersFor(tx, requester, ref, settings);
        const others = users.filter((u) => u.id !== requester.id);
        if (others.length === 0) return { missing: describe(ref, settings) };
        for (const u of others) ids.add(u.id);
      }
      steps.push({ mode: step.mode, approverIds: [...ids] });
    }
  }
  const cc = new Set<string>();
  for (const ref of flows.flatMap((f) => f.cc)) for (const u of await usersFor(tx, requester, ref, settings)) cc.add(u.id);
  return { steps, ccIds: [...cc].filter((id) => id !== requester.id) };
}

async function usersFor(tx: Tx, requester: User, ref: ApproverRef, settings: ApprovalSettings): Promise<User[]> {
  if ("relative" in ref) {
    const manager = requester.managerId ? await tx.user.findFirst({ where: { id: requester.managerId, active: true } }) : null;
    if (ref.relative === "manager" || !manager) return manager ? [manager] : [];
    const top = manager.managerId ? await tx.user.findFirst({ where: { id: manager.managerId, active: true } }) : null;
    return top ? [top] : [];
  }
  const wecomIds = "group" in ref ? (settings.groups[ref.group] ?? []) : [ref.user];
  if (wecomIds.length === 0) return [];
  // Approvers named in the config may not have written to the bot yet.
  await tx.user.createMany({ data: wecomIds.map((wecomUserId) => ({ wecomUserId })), skipDuplicates: true });
  return tx.user.findMany({ where: { wecomUserId: { in: wecomIds }, active: true } });
}

function describe(ref: ApproverRef, settings: ApprovalSettings): string {
  if ("relative" in ref) return ref.relative === "manager" ? "你的主管" : "你主管的主管";
  if ("group" in ref) return settings.groupNames[ref.group] ?? ref.group;
  return ref.user;
}
