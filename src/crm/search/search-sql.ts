// The SQL behind 查: one statement per step, a UNION of small branches, each served by
// one index of migration *_search_indexes (bigram GIN, text_pattern_ops prefix btrees,
// reversed phones, codes) and each stopping at its LIMIT — no branch sorts every match.
// The rank of a row is computed from cheap LIKEs on the row itself; the caller merges.
// Contacts are scoped by their customer's owner. Bigram terms are at least 2 characters.
import { Prisma } from "../../generated/prisma/client.ts";
import type { OneEdit } from "./fuzzy.ts";

/** Owners whose records the actor may see; null: everyone's (admins). */
export type OwnerScope = readonly string[] | null;

export interface HitRow {
  kind: "customer" | "contact" | "lead";
  id: string;
  code: number | null;
  name: string;
  owner_id: string | null;
  customer_id: string | null;
  customer_code: number | null;
  /** The contact's customer, or the lead's company. */
  context: string | null;
  rank: number;
}

export interface TextTerms {
  /** The query as typed, lower-cased, without spaces (person names). */
  plain: string;
  /** normalizeCompany(query) (company names). */
  key: string;
  /** Pinyin initials to look for, when the query is Latin letters. */
  initials: string | null;
}

/** Which side of the scope a statement looks at: the actor's records, or only the others'
 * (to tell an out-of-scope attempt from a plain miss). */
export type Side = "visible" | "hidden";

export const RANK = { exact: 0, prefix: 1, contains: 2, initials: 3, similar: 4 } as const;

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, "\\$&");
const contains = (s: string) => `%${likeEscape(s)}%`;
const prefix = (s: string) => `${likeEscape(s)}%`;
const long = (s: string | null): s is string => s !== null && [...s].length >= 2;

function scoped(ownerCol: Prisma.Sql, scope: OwnerScope, side: Side): Prisma.Sql {
  if (scope === null) return side === "visible" ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
  if (scope.length === 0) return side === "visible" ? Prisma.sql`FALSE` : Prisma.sql`TRUE`;
  const inScope = Prisma.sql`${ownerCol} IN (${Prisma.join(scope.map((id) => Prisma.sql`${id}::uuid`))})`;
  return side === "visible" ? inScope : Prisma.sql`(${ownerCol} IS NULL OR NOT ${inScope})`;
}

/** `col` contains `term` (lower-case), found through its bigram index. */
const has = (col: Prisma.Sql, term: string): Prisma.Sql =>
  Prisma.sql`search_bigrams(${col}) @> search_bigrams(${term}) AND lower(${col}) LIKE ${contains(term)}`;

interface Table {
  cols: Prisma.Sql;
  from: Prisma.Sql;
  owner: Prisma.Sql;
  /** Always true of its rows (open leads only). */
  where?: Prisma.Sql;
}

const CUSTOMERS: Table = {
  cols: Prisma.sql`'customer' AS kind, c.id::text AS id, c.code, c.name, c.owner_id::text AS owner_id,
    NULL::text AS customer_id, NULL::int AS customer_code, NULL::text AS context`,
  from: Prisma.sql`customers c`,
  owner: Prisma.sql`c.owner_id`,
};
const CONTACTS: Table = {
  cols: Prisma.sql`'contact' AS kind, ct.id::text AS id, NULL::int AS code, ct.name, c.owner_id::text AS owner_id,
    c.id::text AS customer_id, c.code AS customer_code, c.name AS context`,
  from: Prisma.sql`contacts ct JOIN customers c ON c.id = ct.customer_id`,
  owner: Prisma.sql`c.owner_id`,
};
const LEADS: Table = {
  cols: Prisma.sql`'lead' AS kind, l.id::text AS id, l.code, l.name, l.owner_id::text AS owner_id,
    NULL::text AS customer_id, NULL::int AS customer_code, l.company AS context`,
  from: Prisma.sql`leads l`,
  owner: Prisma.sql`l.owner_id`,
  where: Prisma.sql`l.status <> 'converted'`,
};

interface Branch {
  table: Table;
  cond: Prisma.Sql;
  rank: Prisma.Sql;
  /** Instead of the statement's limit. */
  limit?: number;
}

function union(branches: Branch[], scope: OwnerScope, side: Side, limit: number): Prisma.Sql {
  if (branches.length === 0) return Prisma.sql`SELECT NULL WHERE FALSE`;
  return Prisma.join(
    branches.map(
      (b) => Prisma.sql`(SELECT ${b.table.cols}, ${b.rank} AS rank FROM ${b.table.from}
        WHERE ${b.table.where ?? Prisma.sql`TRUE`} AND ${scoped(b.table.owner, scope, side)} AND ${b.cond} LIMIT ${b.limit ?? limit})`,
    ),
    " UNION ALL ",
  );
}

/** Exact name, then name (or initials) starting with the query, then containing it. */
function rankOf(name: Prisma.Sql, term: string, initials: Prisma.Sql | null, ini: string | null): Prisma.Sql {
  const startsIni = initials && ini ? Prisma.sql`OR ${initials} LIKE ${prefix(ini)}` : Prisma.empty;
  return Prisma.sql`CASE WHEN lower(${name}) = ${term} THEN ${RANK.exact}
    WHEN lower(${name}) LIKE ${prefix(term)} ${startsIni} THEN ${RANK.prefix}
    WHEN lower(${name}) LIKE ${contains(term)} THEN ${RANK.contains} ELSE ${RANK.initials} END`;
}

/** Name, company, contact name or (Latin queries) pinyin initials. */
export function byText(t: TextTerms, scope: OwnerScope, side: Side, limit: number): Prisma.Sql {
  const ini = t.initials;
  const [cKey, cIni, ctName, ctIni, lName, lCompany] = [
    Prisma.sql`c.name_key`,
    Prisma.sql`c.initials`,
    Prisma.sql`ct.name`,
    Prisma.sql`ct.initials`,
    Prisma.sql`l.name`,
    Prisma.sql`l.company`,
  ];
  const customer = (cond: Prisma.Sql): Branch => ({ table: CUSTOMERS, cond, rank: rankOf(cKey, t.key, cIni, ini) });
  const contact = (cond: Prisma.Sql): Branch => ({ table: CONTACTS, cond, rank: rankOf(ctName, t.plain, ctIni, ini) });
  const leadRank = Prisma.sql`LEAST(${rankOf(lName, t.plain, null, null)}, ${rankOf(lCompany, t.key, null, null)})`;
  const branches: Branch[] = [
    customer(Prisma.sql`c.name_key = ${t.key}`),
    ...(long(t.key) ? [customer(Prisma.sql`c.name_key LIKE ${prefix(t.key)}`), customer(has(cKey, t.key))] : []),
    ...(long(ini) ? [customer(Prisma.sql`c.initials LIKE ${prefix(ini)}`), customer(has(cIni, ini))] : []),
    ...(long(t.plain) ? [contact(has(ctName, t.plain))] : []),
    ...(long(ini) ? [contact(Prisma.sql`ct.initials LIKE ${prefix(ini)}`), contact(has(ctIni, ini))] : []),
    ...(long(t.plain) ? [{ table: LEADS, cond: has(lName, t.plain), rank: leadRank }] : []),
    ...(long(t.key) ? [{ table: LEADS, cond: has(lCompany, t.key), rank: leadRank }] : []),
    ...(long(ini) ? [{ table: LEADS, cond: Prisma.sql`l.initials LIKE ${prefix(ini)}`, rank: leadRank }] : []),
  ];
  return union(branches, scope, side, limit);
}

/** A mobile number, whole or its last digits (4 or more), of a contact or a lead. */
export function byPhone(digits: string, scope: OwnerScope, side: Side, limit: number): Prisma.Sql {
  const reversed = prefix([...digits].reverse().join(""));
  const phone = (table: Table, col: Prisma.Sql): Branch => ({
    table,
    cond: Prisma.sql`reverse(${col}) LIKE ${reversed}`,
    rank: Prisma.sql`CASE WHEN ${col} = ${digits} THEN ${RANK.exact} ELSE ${RANK.contains} END`,
  });
  return union([phone(CONTACTS, Prisma.sql`ct.phone`), phone(LEADS, Prisma.sql`l.phone`)], scope, side, limit);
}

/** 客户#12 / 线索#7 / #12 (either). */
export function byCode(code: number, kinds: ReadonlyArray<"customer" | "lead">, scope: OwnerScope, side: Side): Prisma.Sql {
  const exact = Prisma.sql`${RANK.exact}`;
  return union(
    [
      ...(kinds.includes("customer") ? [{ table: CUSTOMERS, cond: Prisma.sql`c.code = ${code}`, rank: exact }] : []),
      ...(kinds.includes("lead") ? [{ table: LEADS, cond: Prisma.sql`l.code = ${code}`, rank: exact }] : []),
    ],
    scope,
    side,
    1,
  );
}

export interface FuzzyTerms {
  plain: OneEdit | null;
  key: OneEdit | null;
  /** Homophone candidates: the query's initials and its characters (Chinese queries). */
  initials: string | null;
  chars: string | null;
}

/** Enough to show a list; sound-alike candidates are checked again, so more of them. */
const ONE_EDIT_LIMIT = 9;
const SOUND_ALIKE_LIMIT = 30;

function oneEdit(table: Table, col: Prisma.Sql, e: OneEdit | null): Branch[] {
  const parts = e?.parts.filter(long) ?? [];
  if (!e || parts.length === 0) return [];
  const indexed = parts.map((p) => Prisma.sql`search_bigrams(${col}) @> search_bigrams(${p})`);
  const cheap = e.charClasses.map((c) => Prisma.sql`lower(${col}) ~ ${c}`);
  return [
    {
      table,
      cond: Prisma.sql`(${Prisma.join(indexed, " OR ")}) AND ${Prisma.join(cheap, " AND ")} AND lower(${col}) ~ ${e.pattern}`,
      rank: Prisma.sql`${RANK.similar}`,
      limit: ONE_EDIT_LIMIT,
    },
  ];
}

function soundAlike(table: Table, ini: Prisma.Sql, name: Prisma.Sql, f: FuzzyTerms): Branch[] {
  if (!long(f.initials) || !f.chars) return [];
  const cond = Prisma.sql`search_bigrams(${ini}) @> search_bigrams(${f.initials}) AND ${ini} LIKE ${contains(f.initials)} AND ${name} ~ ${`[${f.chars}]`}`;
  return [{ table, cond, rank: Prisma.sql`${RANK.similar}`, limit: SOUND_ALIKE_LIMIT }];
}

/** Candidates within one edit, or sounding alike (checked again by the caller). */
export function bySimilarity(f: FuzzyTerms, scope: OwnerScope): Prisma.Sql {
  return union(
    [
      ...oneEdit(CUSTOMERS, Prisma.sql`c.name_key`, f.key),
      ...soundAlike(CUSTOMERS, Prisma.sql`c.initials`, Prisma.sql`c.name`, f),
      ...oneEdit(CONTACTS, Prisma.sql`ct.name`, f.plain),
      ...soundAlike(CONTACTS, Prisma.sql`ct.initials`, Prisma.sql`ct.name`, f),
      ...oneEdit(LEADS, Prisma.sql`l.name`, f.plain),
      ...oneEdit(LEADS, Prisma.sql`l.company`, f.key),
    ],
    scope,
    "visible",
    ONE_EDIT_LIMIT,
  );
}
