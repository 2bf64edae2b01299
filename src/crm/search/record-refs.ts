// Which visible records a name in free text may mean: "华为" → 华为技术有限公司 (客户#12),
// "张总" → the contacts surnamed 张, "华为那单" → 华为's open opportunity. Each candidate
// carries a ref in the form the actions read (客户#12, 线索#7, #5 for an opportunity), so the
// chosen one is exactly what runs. Only records within the actor's scope are offered.
import { ownedWithin } from "../../auth/scope.ts";
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { RecordRefKind } from "../../actions/action.ts";
import { formatAmountYuan } from "../money/index.ts";
import { searchRecords, type SearchHit } from "./search.ts";

export interface RefCandidate {
  /** What the action receives, e.g. 客户#12. */
  ref: string;
  /** What the user is shown, e.g. 华为技术有限公司（客户#12）. */
  label: string;
}

/** At most this many candidates are offered as choices. */
export const MAX_CANDIDATES = 5;

/** Already a code (#12, 客户#12, 线索#7): taken as written, the action checks it. */
const CODE = /^(客户|线索|商机)?\s*#\s*\d{1,9}$/;

/** 张总, 李经理, 王工: a surname and a form of address. */
const ADDRESSED = /^([\u4e00-\u9fff])(总|经理|总监|工|老师|主任|部长|董|主管|姐|哥)$/u;

interface CustomerRef {
  id: string;
  code: number;
  name: string;
  /** The contact the name matched, when it was a contact's. */
  via?: string;
}

const customerLabel = (c: CustomerRef) => (c.via ? `${c.via}（${c.name}，客户#${c.code}）` : `${c.name}（客户#${c.code}）`);

function customersOf(hits: SearchHit[]): CustomerRef[] {
  const out = new Map<string, CustomerRef>();
  for (const h of hits) {
    if (h.kind === "customer" && h.code !== null && !out.has(h.id)) out.set(h.id, { id: h.id, code: h.code, name: h.name });
    if (h.kind === "contact" && h.customer && !out.has(h.customer.id)) out.set(h.customer.id, { ...h.customer, via: h.name });
  }
  return [...out.values()];
}

/** The hits of the best rank only: an exact name beats a prefix, a prefix beats a typo. */
function bestOf(hits: SearchHit[]): SearchHit[] {
  const top = Math.min(...hits.map((h) => h.rank));
  return hits.filter((h) => h.rank === top);
}

async function searchHits(tx: Tx, actor: User, name: string, now: Date): Promise<SearchHit[]> {
  const found = await searchRecords(tx, actor, name, now);
  if (found.kind === "hits") return bestOf(found.hits);
  const addressed = ADDRESSED.exec(name);
  if (!addressed) return [];
  const contacts = await tx.contact.findMany({
    where: { name: { startsWith: addressed[1] }, customer: ownedWithin(actor) },
    include: { customer: { select: { id: true, code: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: MAX_CANDIDATES + 1,
  });
  return contacts.map((c) => ({ kind: "contact", id: c.id, code: c.customer.code, name: c.name, owner: null, customer: c.customer, company: null, rank: 0 }));
}

async function opportunitiesOf(tx: Tx, actor: User, customers: CustomerRef[]): Promise<RefCandidate[]> {
  if (customers.length === 0) return [];
  const opps = await tx.opportunity.findMany({
    where: { AND: [{ customerId: { in: customers.map((c) => c.id) }, closedAt: null }, ownedWithin(actor)] },
    include: { customer: { select: { name: true } } },
    orderBy: { updatedAt: "desc" },
    take: MAX_CANDIDATES + 1,
  });
  return opps.map((o) => ({
    ref: `#${o.code}`,
    label: [`${o.customer.name} · ${o.name}（商机#${o.code}）`, o.stage, o.amount ? formatAmountYuan(Number(o.amount)) : null].filter(Boolean).join(" · "),
  }));
}

/** A code as written, shown with the record it names when that record is visible (商机#5 →
 * 华为技术有限公司 · CRM（商机#5）); otherwise passed on as written for the action to refuse. */
async function codeCandidate(tx: Tx, actor: User, kind: RecordRefKind, text: string): Promise<RefCandidate[]> {
  const m = /^(客户|线索|商机)?\s*#\s*(\d{1,9})$/.exec(text)!;
  const code = Number(m[2]);
  const as = m[1] ?? (kind === "opportunity" ? "商机" : kind === "lead" ? "线索" : kind === "customer" ? "客户" : null);
  const written = [{ ref: text.replace(/^商机\s*/, ""), label: text }];
  if (as === "商机") {
    const o = await tx.opportunity.findFirst({ where: { AND: [{ code }, ownedWithin(actor)] }, include: { customer: { select: { name: true } } } });
    return o ? [{ ref: `#${o.code}`, label: `${o.customer.name} · ${o.name}（商机#${o.code}）` }] : written;
  }
  if (as === "客户") {
    const c = await tx.customer.findFirst({ where: { AND: [{ code }, ownedWithin(actor)] }, select: { id: true, code: true, name: true } });
    return c ? [{ ref: `客户#${c.code}`, label: customerLabel(c) }] : written;
  }
  if (as === "线索") {
    const l = await tx.lead.findFirst({ where: { AND: [{ code }, ownedWithin(actor)] }, select: { code: true, name: true, company: true } });
    const ref = kind === "lead" ? `#${code}` : `线索#${code}`;
    return l ? [{ ref, label: `${l.name}${l.company ? `（${l.company}）` : ""}（线索#${l.code}）` }] : written;
  }
  return written;
}

/** The records `name` may mean, best first; empty when none is visible. */
export async function refCandidates(tx: Tx, actor: User, kind: RecordRefKind, name: string, now: Date): Promise<RefCandidate[]> {
  const text = name.trim();
  if (CODE.test(text)) return codeCandidate(tx, actor, kind, text);
  const hits = await searchHits(tx, actor, text, now);
  const customers = customersOf(hits);
  const leads = hits.filter((h) => h.kind === "lead" && h.code !== null).map((h) => ({ ref: `线索#${h.code}`, label: `${h.name}${h.company ? `（${h.company}）` : ""}（线索#${h.code}）` }));
  const customerRefs = customers.map((c) => ({ ref: `客户#${c.code}`, label: customerLabel(c) }));
  const found =
    kind === "customer"
      ? customerRefs
      : kind === "lead"
        ? leads.map((l) => ({ ...l, ref: l.ref.replace(/^线索/, "") }))
        : kind === "target"
          ? [...customerRefs, ...leads]
          : await opportunitiesOf(tx, actor, customers);
  return found.slice(0, MAX_CANDIDATES);
}
