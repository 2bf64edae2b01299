// 查: one search over leads, customers and contacts, only within the actor's scope. It
// reads a code (客户#12), a mobile (whole or its last 4+ digits), a name or part of one,
// pinyin initials (hw → 华为), and, when nothing matches, forgives one typo (see fuzzy.ts).
// A search that only finds records the actor may not see answers like a miss, audited.
import { audit } from "../../auth/audit.ts";
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { isHan, oneEditPattern, oneEditQuery, soundsLike } from "./fuzzy.ts";
import { normalizeCompany } from "../customers/index.ts";
import { normalizeMobile } from "../../util/phone.ts";
import { initialsOf } from "../../util/pinyin.ts";
import { byCode, byPhone, bySimilarity, byText, RANK, type HitRow, type OwnerScope, type Side, type TextTerms } from "./search-sql.ts";

export type HitKind = HitRow["kind"];

export interface SearchHit {
  kind: HitKind;
  id: string;
  /** The customer's or lead's code; a contact's customer's code. */
  code: number | null;
  name: string;
  owner: User | null;
  /** A contact's customer. */
  customer: { id: string; code: number; name: string } | null;
  /** A lead's company. */
  company: string | null;
  /** 0 exact … 4 similar (see RANK). */
  rank: number;
}

export type SearchResult =
  | { kind: "too_short" }
  | { kind: "none" }
  | { kind: "hits"; hits: SearchHit[]; more: boolean; similar: boolean };

type Query =
  | { kind: "code"; code: number; kinds: Array<"customer" | "lead"> }
  | { kind: "phone"; digits: string }
  | { kind: "text"; terms: TextTerms }
  | { kind: "too_short" };

/** How a typed query is read. */
export function readQuery(raw: string): Query {
  const q = raw.normalize("NFKC").trim();
  const code = /^(客户|线索)?\s*#\s*(\d{1,9})$/.exec(q) ?? /^()(\d{1,3})$/.exec(q);
  if (code) {
    const kinds: Array<"customer" | "lead"> = code[1] === "客户" ? ["customer"] : code[1] === "线索" ? ["lead"] : ["customer", "lead"];
    return { kind: "code", code: Number(code[2]), kinds };
  }
  const digits = normalizeMobile(q);
  if (/^\d{4,11}$/.test(digits)) return { kind: "phone", digits };
  const plain = q.toLowerCase().replace(/\s+/g, "");
  if ([...plain].length < 2) return { kind: "too_short" };
  return { kind: "text", terms: { plain, key: normalizeCompany(q) || plain, initials: /^[a-z]{2,}$/.test(plain) ? plain : null } };
}

/** A Prisma user filter for the owners `ownedWithin(actor)` admits; null: everyone. */
function ownersFilter(actor: User): Prisma.UserWhereInput | null {
  const scope = ownedWithin(actor);
  const one = (f: { ownerId?: string; owner?: Prisma.UserWhereInput }): Prisma.UserWhereInput => ({ ...(f.ownerId ? { id: f.ownerId } : {}), ...f.owner });
  if (scope.OR) return { OR: scope.OR.map(one) };
  return scope.ownerId || scope.owner ? one(scope) : null;
}

async function visibleOwners(tx: Tx, actor: User): Promise<OwnerScope> {
  const filter = ownersFilter(actor);
  if (filter === null) return null;
  if (typeof filter.id === "string" && Object.keys(filter).length === 1) return [filter.id];
  return (await tx.user.findMany({ where: filter, select: { id: true } })).map((u) => u.id);
}

export const LIST_LIMIT = 8;
const PER_BRANCH = LIST_LIMIT + 1;

function exactStep(q: Exclude<Query, { kind: "too_short" }>, scope: OwnerScope, side: Side, limit: number): Prisma.Sql {
  if (q.kind === "code") return byCode(q.code, q.kinds, scope, side);
  if (q.kind === "phone") return byPhone(q.digits, scope, side, limit);
  return byText(q.terms, scope, side, limit);
}

async function similar(tx: Tx, t: TextTerms, scope: OwnerScope): Promise<HitRow[]> {
  const han = isHan(t.plain);
  const initials = han ? initialsOf(t.plain) : "";
  const rows = await tx.$queryRaw<HitRow[]>(
    bySimilarity(
      {
        plain: oneEditQuery(t.plain),
        key: oneEditQuery(t.key),
        initials: han && initials.length >= 2 ? initials : null,
        chars: han ? [...new Set(t.plain)].join("") : null,
      },
      scope,
    ),
  );
  const patterns = [oneEditPattern(t.plain), oneEditPattern(t.key)].flatMap((p) => (p ? [new RegExp(p, "u")] : []));
  const forms = (r: HitRow) => [r.name.toLowerCase(), normalizeCompany(r.name), (r.context ?? "").toLowerCase()];
  return rows.filter((r) => soundsLike(t.plain, r.name) || forms(r).some((f) => patterns.some((p) => p.test(f))));
}

const KIND_ORDER: Record<HitKind, number> = { customer: 0, contact: 1, lead: 2 };

/** Best first, each record once (branches overlap); a contact whose customer is also found
 * (or a second contact of the same customer) is left out: both open the same card. */
function merge(rows: HitRow[]): HitRow[] {
  const best = new Map<string, HitRow>();
  for (const r of rows) {
    const k = `${r.kind}:${r.id}`;
    if (!best.has(k) || best.get(k)!.rank > r.rank) best.set(k, r);
  }
  const sorted = [...best.values()].sort((a, b) => a.rank - b.rank || a.name.length - b.name.length || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.code ?? 0) - (b.code ?? 0));
  const customers = new Set(sorted.filter((r) => r.kind === "customer").map((r) => r.id));
  return sorted.filter((r) => {
    if (r.kind !== "contact") return true;
    if (customers.has(r.customer_id!)) return false;
    customers.add(r.customer_id!);
    return true;
  });
}

async function withOwners(tx: Tx, rows: HitRow[]): Promise<SearchHit[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])))];
  const owners = new Map((await tx.user.findMany({ where: { id: { in: ids } } })).map((u) => [u.id, u]));
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    code: r.kind === "contact" ? r.customer_code : r.code,
    name: r.name,
    owner: r.owner_id ? (owners.get(r.owner_id) ?? null) : null,
    customer: r.kind === "contact" ? { id: r.customer_id!, code: r.customer_code!, name: r.context ?? "" } : null,
    company: r.kind === "lead" ? r.context : null,
    rank: Number(r.rank),
  }));
}

/** Records a search that found only what the actor may not see (as read_denied). */
async function auditDenied(tx: Tx, actor: User, query: string, hidden: HitRow[], now: Date): Promise<void> {
  const records = new Map<string, { entity: string; entityId: string }>();
  for (const r of hidden) {
    const record = r.kind === "contact" ? { entity: "customer", entityId: r.customer_id! } : { entity: r.kind, entityId: r.id };
    records.set(`${record.entity}:${record.entityId}`, record);
  }
  for (const record of records.values()) {
    await audit(tx, { actorId: actor.id, action: "read_denied", ...record, detail: { query }, at: now });
  }
}

export async function searchRecords(tx: Tx, actor: User, query: string, now: Date): Promise<SearchResult> {
  const q = readQuery(query);
  if (q.kind === "too_short") return q;
  const scope = await visibleOwners(tx, actor);
  let rows = await tx.$queryRaw<HitRow[]>(exactStep(q, scope, "visible", PER_BRANCH));
  let isSimilar = false;
  if (rows.length === 0 && q.kind === "text") {
    rows = await similar(tx, q.terms, scope);
    isSimilar = rows.length > 0;
  }
  if (rows.length === 0) {
    if (scope !== null) await auditDenied(tx, actor, query, await tx.$queryRaw<HitRow[]>(exactStep(q, scope, "hidden", 1)), now);
    return { kind: "none" };
  }
  const merged = merge(rows.map((r) => ({ ...r, rank: isSimilar ? RANK.similar : Number(r.rank) })));
  return { kind: "hits", hits: await withOwners(tx, merged.slice(0, LIST_LIMIT)), more: merged.length > LIST_LIMIT, similar: isSimilar };
}
