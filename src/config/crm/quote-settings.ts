// Quotes (报价): how long one is valid, the terms printed on it, and the seller's header.
import { z } from "zod";

const optional = z.string().trim().min(1).max(120).optional();

export const quoteSettingsSchema = z
  .object({
    /** A sent quote is valid this many days (its 有效期). */
    validDays: z.number().int().min(1).max(365).default(30),
    /** A quote whose total is below this share of its list total (ppm; 900000 = 9折) needs an
     * approved discount before it is sent. */
    approvalBelowPpm: z.number().int().min(0).max(1_000_000).default(900_000),
    /** A free item's tax rate when none is written (ppm). */
    defaultTaxRatePpm: z.union([z.literal(130_000), z.literal(90_000), z.literal(60_000), z.literal(30_000), z.literal(0)]).default(130_000),
    /** The owner is reminded this many days before a sent quote's last valid day. */
    remindDaysBefore: z.number().int().min(0).max(60).default(3),
    /** An accepted quote moves its opportunity to this stage (when it is a plain move forward). */
    acceptStage: z.string().min(1).max(16).default("合同签署"),
    /** Printed under the totals; line breaks are kept. */
    terms: z.string().max(2000).default("1. 以上报价含增值税。\n2. 付款方式：合同签订后按约定分期付款。\n3. 本报价在有效期内有效。"),
    company: z
      .object({
        name: z.string().trim().min(1).max(60).default("本公司"),
        address: optional,
        taxId: optional,
        bank: optional,
        bankAccount: optional,
        phone: optional,
      })
      .prefault({}),
  })
  .prefault({});

export type QuoteSettings = z.infer<typeof quoteSettingsSchema>;
