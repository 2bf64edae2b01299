// Service tickets (服务工单): which customer words open one, the types and priorities, the
// service groups that take each type, the per-person load cap, SLA hours per priority and
// what the customer is told. Part of the CRM settings.
import { z } from "zod";

export const TICKET_PRIORITIES = ["P1", "P2", "P3"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

const positiveInt = z.number().int().positive();
const priority = z.enum(TICKET_PRIORITIES);
const typeName = z.string().min(1).max(8);
/** A text the customer reads; `{code}` becomes the ticket number. */
const customerText = z.string().min(1).max(300);

const keywordSchema = z.object({ type: typeName, priority });

const groupSchema = z.object({
  /** WeCom user ids of the service staff, dealt tickets in turn. */
  members: z.array(z.string().min(1)).default([]),
  /** The ticket types this group takes. */
  types: z.array(typeName).min(1),
  /** WeCom user id told when a ticket breaches its SLA (default: the assignee's manager). */
  manager: z.string().min(1).optional(),
});

const DEFAULT_KEYWORDS: Record<string, z.input<typeof keywordSchema>> = {
  故障: { type: "故障", priority: "P1" },
  坏了: { type: "故障", priority: "P2" },
  不能用: { type: "故障", priority: "P2" },
  报修: { type: "报修", priority: "P2" },
  投诉: { type: "投诉", priority: "P2" },
  退款: { type: "退款", priority: "P2" },
  售后: { type: "售后", priority: "P3" },
};

const DEFAULT_GROUPS: Record<string, z.output<typeof groupSchema>> = {
  售后组: { members: [], types: ["报修", "故障", "售后", "退款", "咨询"] },
  投诉组: { members: [], types: ["投诉"] },
};

export const serviceSettingsSchema = z
  .object({
    types: z.array(typeName).min(1).default(["报修", "故障", "投诉", "退款", "售后", "咨询"]),
    /** A ticket whose text names no keyword and no type gets these. */
    defaultType: typeName.default("咨询"),
    defaultPriority: priority.default("P3"),
    /** A customer message containing one of these becomes a ticket of that type and priority
     * (several: the most urgent, then the first in the text). */
    keywords: z.record(z.string().min(1).max(16), keywordSchema).default(DEFAULT_KEYWORDS),
    /** Group name → its staff and types; a type goes to the first group listing it. No group
     * (or nobody active in it): the customer's owner; nobody at all: the admins are told. */
    groups: z.record(z.string().min(1).max(16), groupSchema).default(DEFAULT_GROUPS),
    /** Open tickets per person; round-robin passes over those at the cap (all full: the least loaded). */
    loadCap: positiveInt.default(10),
    /** Hours from creation to resolution, by priority. */
    slaHours: z.object({ P1: positiveInt.default(4), P2: positiveInt.default(24), P3: positiveInt.default(72) }).prefault({}),
    /** The assignee is reminded when this share of the SLA has passed. */
    remindAtPercent: z.number().int().min(1).max(99).default(75),
    ackText: customerText.default("您好，您的服务请求已受理，工单号 #{code}，我们会尽快处理。"),
    resolvedText: customerText.default("您好，您的工单 #{code} 已处理完毕。"),
    surveyText: customerText.default("请回复 1–5 分评价本次服务，可附一句话（如：5 很满意）。"),
    thanksText: customerText.default("感谢您的评价，祝您生活愉快！"),
  })
  .prefault({})
  .superRefine((s, ctx) => {
    const known = (t: string) => s.types.includes(t);
    if (!known(s.defaultType)) ctx.addIssue({ code: "custom", path: ["defaultType"], message: `not one of types: ${s.defaultType}` });
    for (const [word, k] of Object.entries(s.keywords)) {
      if (!known(k.type)) ctx.addIssue({ code: "custom", path: ["keywords", word, "type"], message: `not one of types: ${k.type}` });
    }
    for (const [name, g] of Object.entries(s.groups)) {
      for (const t of g.types) if (!known(t)) ctx.addIssue({ code: "custom", path: ["groups", name, "types"], message: `not one of types: ${t}` });
    }
  });

export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;
