// 查's hits as chat text: one line each, numbered, with the owner; a hit's command reference.
import { ownerText, zhCustomers } from "../customers/index.ts";
import type { SearchHit } from "./search.ts";

export const hitRef = (h: SearchHit): string => (h.kind === "lead" ? zhCustomers.leadRef(h.code!) : zhCustomers.customerRef(h.code!));

export function hitText(h: SearchHit): string {
  if (h.kind === "customer") return zhCustomers.hitCustomer(h.code!, h.name);
  if (h.kind === "lead") return zhCustomers.hitLead(h.code!, h.name, h.company);
  return zhCustomers.hitContact(h.name, h.customer!.code, h.customer!.name);
}

export function hitListText(title: string, hits: SearchHit[], more: boolean): string {
  return [
    title,
    ...hits.map((h, i) => zhCustomers.hitLine(i + 1, hitText(h), ownerText(h.owner))),
    ...(more ? [zhCustomers.searchMore(hits.length)] : []),
    zhCustomers.searchOpenHint(hitRef(hits[0]!)),
  ].join("\n");
}
