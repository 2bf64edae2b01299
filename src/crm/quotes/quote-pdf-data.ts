// What the quote PDF shows. Every value arrives formatted (money as "1234.00", discounts as
// "85折", rates as "13%", dates as "2026-12-02"): the renderer prints, it never computes.
import { z } from "zod";

const text = z.string().trim().min(1);
const optionalText = z.string().trim().optional();

export const quotePdfLineSchema = z.object({
  name: text,
  unit: z.string(),
  quantity: text,
  unitPrice: text,
  /** "85折", "8.5折", or "—" when the line has no discount. */
  discount: z.string(),
  /** "13%". */
  taxRate: z.string(),
  /** The line amount including tax. */
  amount: text,
});

export const quotePdfDataSchema = z.object({
  /** The seller, from config. */
  company: z.object({
    name: text,
    address: optionalText,
    taxId: optionalText,
    bank: optionalText,
    bankAccount: optionalText,
    phone: optionalText,
    /** A PNG or JPEG, drawn at most 48 pt high left of the name. */
    logo: z.instanceof(Uint8Array).optional(),
  }),
  quote: z.object({
    /** "BJ-2026-0003". */
    code: text,
    /** "V2". */
    version: text,
    date: text,
    validUntil: text,
  }),
  customer: z.object({
    name: text,
    contact: optionalText,
    contactPhone: optionalText,
  }),
  lines: z.array(quotePdfLineSchema).min(1),
  totals: z.object({
    total: text,
    tax: text,
    net: text,
    listTotal: text,
    /** "85.00%" or "85折" — shown as given. */
    discountRate: text,
  }),
  /** 人民币大写, e.g. "壹拾贰万叁仟肆佰伍拾陆元柒角捌分". */
  totalInWords: text,
  /** Free text; line breaks are kept. */
  terms: z.string(),
  rep: z.object({ name: text, mobile: optionalText }),
});

export type QuotePdfLine = z.infer<typeof quotePdfLineSchema>;
export type QuotePdfData = z.input<typeof quotePdfDataSchema>;
