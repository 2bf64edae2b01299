// The CRM's business rules as data: every default below comes from how Chinese sales
// teams work (see ../shared/seeds), and each can be changed in the CRM_CONFIG file.
import { z } from "zod";
import { contractSettingsSchema, invoiceSettingsSchema, receivableSettingsSchema } from "./money-settings.ts";
import { quoteSettingsSchema } from "./quote-settings.ts";
import { approvalSettingsSchema } from "./approval-settings.ts";
import { externalContactSettingsSchema } from "./external-contact-settings.ts";
import { reminderSettingsSchema } from "./reminder-settings.ts";
import { serviceSettingsSchema } from "./service-settings.ts";
import { reportSettingsSchema } from "./report-settings.ts";

export const LEAD_SOURCES = ["官网表单", "广告投放", "展会", "转介绍", "公众号", "电话咨询", "其他"] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/** Opportunity fields a stage gate may require. */
export const GATE_FIELDS = ["needsAnalysis", "budget", "amount", "expectedCloseDate", "lostReason", "decisionMaker"] as const;
export type GateField = (typeof GATE_FIELDS)[number];

const positiveInt = z.number().int().positive();
const points = z.number().int().min(-100).max(100);

const stageSchema = z.object({
  name: z.string().min(1).max(16),
  /** Win probability in percent, for forecasts. */
  probability: z.number().int().min(0).max(100),
  /** What must be filled before an opportunity may enter this stage. */
  requires: z.array(z.enum(GATE_FIELDS)).default([]),
  /** Terminal stages: won or lost. */
  outcome: z.enum(["won", "lost"]).optional(),
  /** Days without a stage change before the opportunity counts as stalled. */
  stallDays: positiveInt.optional(),
});

const customFieldSchema = z.discriminatedUnion("type", [
  z.object({ key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), label: z.string().min(1).max(16), appliesTo: z.enum(["customer", "contact"]), type: z.literal("text") }),
  z.object({ key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), label: z.string().min(1).max(16), appliesTo: z.enum(["customer", "contact"]), type: z.literal("number") }),
  z.object({ key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), label: z.string().min(1).max(16), appliesTo: z.enum(["customer", "contact"]), type: z.literal("date") }),
  z.object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
    label: z.string().min(1).max(16),
    appliesTo: z.enum(["customer", "contact"]),
    type: z.literal("enum"),
    options: z.array(z.string().min(1).max(16)).min(1),
  }),
]);

const DEFAULT_BEHAVIOUR_POINTS: Record<string, number> = { email_open: 5, email_click: 10, download: 20, webinar: 30 };

const DEFAULT_STAGES: z.input<typeof stageSchema>[] = [
  { name: "初步沟通", probability: 10 },
  { name: "需求确认", probability: 20 },
  { name: "方案演示", probability: 40, requires: ["needsAnalysis"] },
  { name: "报价谈判", probability: 60, requires: ["budget"] },
  { name: "合同签署", probability: 80 },
  { name: "赢单", probability: 100, outcome: "won" },
  { name: "输单", probability: 0, outcome: "lost", requires: ["lostReason"] },
];

export const crmSettingsSchema = z
  .object({
    leads: z
      .object({
        /** Initial score by source; a file that names one source keeps the others' defaults. */
        sourceScores: z
          .object({
            转介绍: points.default(80),
            官网表单: points.default(60),
            展会: points.default(50),
            广告投放: points.default(40),
            公众号: points.default(30),
            电话咨询: points.default(30),
            其他: points.default(30),
          } satisfies Record<LeadSource, z.ZodType>)
          .strict()
          .prefault({}),
        /** Points for behaviour reported through POST /api/v1/events (merged with these). */
        behaviourPoints: z
          .record(z.string().regex(/^[a-z_]+$/), points)
          .default({})
          .transform((v) => ({ ...DEFAULT_BEHAVIOUR_POINTS, ...v })),
        grades: z.object({ A: z.number().int(), B: z.number().int() }).default({ A: 80, B: 50 }),
        /** Leads with no interaction this long are archived (never deleted). */
        archiveAfterDays: positiveInt.default(180),
      })
      .prefault({}),
    assignment: z
      .object({
        /** Reps with more open leads than this are skipped by round-robin. */
        openLeadCap: positiveInt.default(50),
      })
      .prefault({}),
    opportunities: z
      .object({
        stages: z.array(stageSchema).min(2).prefault(DEFAULT_STAGES),
        defaultStallDays: positiveInt.default(5),
        /** A win straight from one of the last N open stages (2: 报价谈判, 合同签署); from an
         * earlier stage it is a stage skip (reason, gates, approval). 0: from any stage. */
        winFromLastStages: z.number().int().min(0).default(2),
      })
      .prefault({}),
    pool: z
      .object({
        returnAfterDays: positiveInt.default(30),
        warnDaysBefore: positiveInt.default(3),
        claimLimitPerMonth: positiveInt.default(20),
        /** A customer with a deal won this many days back stays with its owner however idle (0: off). */
        protectWonDays: z.number().int().min(0).default(365),
        /** …and so does one with an open opportunity in one of the last N open stages (0: off). */
        protectLastStages: z.number().int().min(0).default(2),
        /** Where a leaving rep's customers go. */
        onRepLeaves: z.enum(["pool", "manager"]).default("manager"),
      })
      .prefault({}),
    reminders: reminderSettingsSchema,
    approvals: approvalSettingsSchema,
    service: serviceSettingsSchema,
    quotes: quoteSettingsSchema,
    contracts: contractSettingsSchema,
    receivables: receivableSettingsSchema,
    invoices: invoiceSettingsSchema,
    officialAccount: z
      .object({
        /** The passive reply to a follower's message (empty: none). */
        autoReply: z.string().max(600).default("您好，消息已收到，我们会尽快回复您。"),
        /** The passive reply to a new follow (empty: none). */
        welcomeText: z.string().max(600).default("感谢关注！有任何问题直接在这里留言，我们的顾问会尽快联系您。"),
        /** Deliveries one follower may send a minute; more are answered but not stored. */
        perMinuteLimit: positiveInt.default(20),
      })
      .prefault({}),
    freeText: z
      .object({
        /** Registry names of writes that free text applies without 确认 (e.g. followup.create). */
        autoApply: z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/)).default([]),
      })
      .prefault({}),
    customers: z
      .object({
        levels: z.array(z.string().min(1).max(8)).min(1).default(["重点", "普通", "潜在"]),
        customFields: z.array(customFieldSchema).prefault([
          { key: "decisionRole", label: "决策角色", appliesTo: "contact", type: "enum", options: ["决策者", "影响者", "使用者", "守门人"] },
        ]),
      })
      .prefault({}),
    externalContacts: externalContactSettingsSchema,
    reports: reportSettingsSchema,
  })
  .strict()
  .superRefine((s, ctx) => {
    const names = s.opportunities.stages.map((st) => st.name);
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: "custom", path: ["opportunities", "stages"], message: "stage names must be unique" });
    }
    if (s.opportunities.stages[0]?.outcome) {
      ctx.addIssue({ code: "custom", path: ["opportunities", "stages", 0], message: "the first stage cannot be won or lost" });
    }
    for (const o of ["won", "lost"] as const) {
      if (!s.opportunities.stages.some((st) => st.outcome === o)) {
        ctx.addIssue({ code: "custom", path: ["opportunities", "stages"], message: `one stage must have outcome: ${o}` });
      }
    }
    if (s.leads.grades.A <= s.leads.grades.B) {
      ctx.addIssue({ code: "custom", path: ["leads", "grades"], message: "A must be above B" });
    }
    const keys = s.customers.customFields.map((f) => `${f.appliesTo}.${f.key}`);
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: "custom", path: ["customers", "customFields"], message: "custom field keys must be unique per record type" });
    }
  });

export type CrmSettings = z.infer<typeof crmSettingsSchema>;
export type StageSetting = CrmSettings["opportunities"]["stages"][number];
export type CustomFieldSetting = CrmSettings["customers"]["customFields"][number];

export const defaultCrmSettings = (): CrmSettings => crmSettingsSchema.parse({});
