// Looking up an existing customer that a new company name likely means (company-match.ts):
// candidates by indexable parts of the name's core (and pinyin initials for homophones),
// then the matcher decides. Used by 新建客户, 新建线索's company, the CSV import and the API.
import type { Tx } from "../../db/tx.ts";
import type { Customer, Prisma, User } from "../../generated/prisma/client.ts";
import { candidateParts, companyCore, likelySameCompany } from "./company-match.ts";
import { initialsOf } from "../../util/pinyin.ts";

export type LikelyCustomer = Customer & { owner: User | null };

const CANDIDATES = 200;

export async function findLikelyCustomer(tx: Tx, company: string, filter: Prisma.CustomerWhereInput = {}): Promise<LikelyCustomer | null> {
  const { core } = companyCore(company);
  if (!core) return null;
  const or: Prisma.CustomerWhereInput[] = candidateParts(company).map((part) => ({ name: { contains: part, mode: "insensitive" as const } }));
  if (/^\p{Script=Han}{3,}$/u.test(core)) or.push({ initials: { contains: initialsOf(core) } });
  const candidates = await tx.customer.findMany({ where: { AND: [{ OR: or }, filter] }, include: { owner: true }, orderBy: { code: "asc" }, take: CANDIDATES });
  return candidates.find((c) => likelySameCompany(company, c.name)) ?? null;
}

/** For many names at once (the CSV import): name → the customer it likely means, if any.
 * Candidates are customers whose name contains the core, a hundred names per query. */
export async function findLikelyCustomers(tx: Tx, names: string[]): Promise<Map<string, LikelyCustomer>> {
  const out = new Map<string, LikelyCustomer>();
  const unique = [...new Set(names)].filter((n) => companyCore(n).core);
  for (let i = 0; i < unique.length; i += 100) {
    const part = unique.slice(i, i + 100);
    const or = [...new Set(part.map((n) => companyCore(n).core))].map((core) => ({ name: { contains: core, mode: "insensitive" as const } }));
    const candidates = await tx.customer.findMany({ where: { OR: or }, include: { owner: true }, orderBy: { code: "asc" } });
    for (const name of part) {
      const hit = candidates.find((c) => likelySameCompany(name, c.name));
      if (hit) out.set(name, hit);
    }
  }
  return out;
}
