// Which flows apply to a request, and who the approvers are — resolved when the request is
// made (and stored), so later org changes do not reroute a pending request.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { ApprovalFlow, ApprovalKindName, ApproverRef, ApprovalSettings } from "../../config/crm/approval-settings.ts";
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

/** Turns the flows' steps into user ids; a reference nobody answers to is reported by name.
 * A group left empty in the config (or with nobody active but the requester) falls back to the
 * requester's chain of command: the first such group to their manager, the next to the
 * manager's manager, then the admins (role admin, and `CRM_ADMINS`) — see `fallbackChain`. */
export async function resolveApprovers(
  tx: Tx,
  requester: User,
  flows: ApprovalFlow[],
  settings: ApprovalSettings,
  admins: readonly string[] = [],
): Promise<ResolvedFlows> {
  const steps: ApprovalStepSpec[] = [];
  const fallback = new FallbackApprovers(tx, requester, admins);
  for (const flow of flows) {
    for (const step of flow.steps) {
      const ids = new Set<string>();
      for (const ref of step.approvers) {
        let others = (await usersFor(tx, requester, ref, settings)).filter((u) => u.id !== requester.id);
        if (others.length === 0 && "group" in ref) others = await fallback.forGroup(ref.group);
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

/** Stand-ins for empty groups, one level of the chain of command per group, in the order the
 * groups come up (销售总监 → the manager, 副总裁 → the manager's manager); the same group
 * always gets the same people, and the admins when the chain runs out. */
class FallbackApprovers {
  private readonly byGroup = new Map<string, User[]>();
  private level = 0;
  private chain: User[][] | undefined;

  constructor(
    private readonly tx: Tx,
    private readonly requester: User,
    private readonly admins: readonly string[],
  ) {}

  async forGroup(group: string): Promise<User[]> {
    const known = this.byGroup.get(group);
    if (known) return known;
    const chain = (this.chain ??= await fallbackChain(this.tx, this.requester, this.admins));
    const users = chain[Math.min(this.level, chain.length - 1)] ?? [];
    this.level++;
    this.byGroup.set(group, users);
    return users;
  }
}

/** The requester's manager, that manager's manager (each only when active and not the
 * requester), then the admins: each level a list of approvers. */
export async function fallbackChain(tx: Tx, requester: User, admins: readonly string[]): Promise<User[][]> {
  const chain: User[][] = [];
  const seen = new Set([requester.id]);
  let from: User = requester;
  for (let i = 0; i < 2 && from.managerId; i++) {
    const manager = await tx.user.findFirst({ where: { id: from.managerId, active: true } });
    if (!manager || seen.has(manager.id)) break;
    seen.add(manager.id);
    chain.push([manager]);
    from = manager;
  }
  if (admins.length) await tx.user.createMany({ data: admins.map((wecomUserId) => ({ wecomUserId, role: "admin" as const })), skipDuplicates: true });
  const adminUsers = await tx.user.findMany({
    where: { active: true, id: { not: requester.id }, OR: [{ role: "admin" }, { wecomUserId: { in: [...admins] } }] },
    orderBy: { createdAt: "asc" },
  });
  if (adminUsers.length) chain.push(adminUsers);
  return chain;
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
