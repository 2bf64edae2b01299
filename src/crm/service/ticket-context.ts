// What the ticket service works with: an explicit context (transaction, clock, settings and
// the two ways to tell people something), the statuses and the moves between them.
import type { User } from "../../auth/users.ts";
import type { Tx } from "../../db/tx.ts";
import type { Ticket } from "../../generated/prisma/client.ts";
import type { Reply } from "../../render/reply.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { TicketPriority } from "../../config/crm/service-settings.ts";

export type { Ticket, TicketPriority };

export interface TicketContext {
  tx: Tx;
  now: Date;
  settings: CrmSettings;
  timeZone: string;
  /** A WeCom message to a member of staff, sent with the transaction. */
  notify(user: User, reply: Reply): void;
  /** A text to the customer on their own channel (the identity they wrote from). */
  tellCustomer(identityId: string, text: string): Promise<void> | void;
}

export const TICKET_STATUSES = ["new", "in_progress", "waiting_customer", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Still being worked on: counts towards the load cap, and the SLA runs. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ["new", "in_progress", "waiting_customer"];

/** The moves a ticket may make. Resolving may skip steps; closing needs a resolution first;
 * 处理 on a resolved ticket reopens it; a closed ticket is final. */
export const TICKET_MOVES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ["in_progress", "waiting_customer", "resolved"],
  in_progress: ["waiting_customer", "resolved"],
  waiting_customer: ["in_progress", "resolved"],
  resolved: ["in_progress", "closed"],
  closed: [],
};

export const isOpenTicket = (t: Pick<Ticket, "status">): boolean => (OPEN_TICKET_STATUSES as readonly string[]).includes(t.status);

export type TicketSource = "customer" | "rep" | "api";

export interface NewTicket {
  customerId?: string;
  /** The channel identity the customer wrote from: they are told there. */
  identityId?: string;
  title: string;
  /** One of service.types; default: the keyword's, else service.defaultType. */
  type?: string;
  priority?: TicketPriority;
  source: TicketSource;
  createdBy?: User;
}

/** A ticket with the people around it (what scope checks and views need). */
export type TicketWithPeople = Ticket & {
  assignee: User | null;
  customer: { id: string; code: number; name: string; owner: User | null } | null;
};

// Two relations only: Prisma loads three or more side by side, which a transaction's single
// PostgreSQL connection would have to queue (pg deprecates that). The creator is read apart.
export const TICKET_PEOPLE = {
  assignee: true,
  customer: { select: { id: true, code: true, name: true, owner: true } },
} as const;

/** `{code}` in a customer text becomes the ticket number. */
export const withCode = (template: string, code: number): string => template.replaceAll("{code}", String(code));
