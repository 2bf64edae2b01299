// Contracts, 回款 and invoices: numbering, renewal lead times, receivable notices and rules.
import { z } from "zod";

const day = z.number().int().min(1).max(365);

export const contractSettingsSchema = z
  .object({
    /** The number of a new contract: {yyyy} the sign year, {seqN} a per-year sequence of N digits. */
    numberPattern: z
      .string()
      .min(1)
      .max(40)
      .regex(/\{seq[1-9]\}/, "numberPattern needs {seqN}")
      .default("HT-{yyyy}-{seq4}"),
    /** This many days before the end date the owner gets a renewal opportunity. */
    renewalLeadDays: day.default(60),
    /** Days before the end date on which the owner is reminded of the renewal. */
    renewalReminderDays: z.array(z.number().int().min(0).max(365)).max(10).default([60, 30, 7]),
  })
  .prefault({});

export const receivableSettingsSchema = z
  .object({
    /** A group (approvals.groups) whose member confirms each 回款 record on a card before it
     * counts; null: records count at once. */
    confirmBy: z.string().regex(/^[a-z][a-z0-9_]*$/).nullable().default(null),
    /** A payment larger than what is still owed: refused, or kept as 预收 (prepayment). */
    overpayment: z.enum(["refuse", "prepay"]).default("refuse"),
    /** The owner is reminded this many days before an instalment is due. */
    remindDaysBefore: z.number().int().min(0).max(60).default(3),
    /** Overdue this many days, the owner's manager is told too. */
    managerAfterDays: day.default(7),
    /** The daily receivables check runs at this local hour (quiet hours still apply). */
    checkHour: z.number().int().min(0).max(23).default(9),
  })
  .prefault({});

export const invoiceSettingsSchema = z
  .object({
    /** Invoice types a rep may ask for. */
    types: z.array(z.enum(["special", "normal"])).min(1).default(["special", "normal"]),
  })
  .prefault({});

export type ContractSettings = z.infer<typeof contractSettingsSchema>;
export type ReceivableSettings = z.infer<typeof receivableSettingsSchema>;
export type InvoiceSettings = z.infer<typeof invoiceSettingsSchema>;
