// Lines other domains add to a customer's 360° card (its contracts and 回款). Those domains
// import this one, so it cannot import them: the assembly point registers their sections
// here, by name (registering again replaces), and the card shows them in that order.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";

/** A section's lines for one customer on the viewer's local day (YYYY-MM-DD); [] shows nothing. */
export type CardSection = (tx: Tx, viewer: User, customerId: string, today: string) => Promise<string[]>;

const sections = new Map<string, CardSection>();

export function registerCustomerCardSection(name: string, section: CardSection): void {
  sections.set(name, section);
}

export async function sectionLines(tx: Tx, viewer: User, customerId: string, today: string): Promise<string[]> {
  const out: string[] = [];
  for (const section of sections.values()) out.push(...(await section(tx, viewer, customerId, today)));
  return out;
}
