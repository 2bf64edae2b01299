// Who approves what: named groups of approvers and flows whose conditions pick steps.
// Every matching flow contributes its steps, in file order (discount below 90% → the
// director; below 80% → also, then, the VP). Part of the CRM settings.
import { z } from "zod";

export const APPROVAL_KINDS = ["discount", "contract", "stage_skip", "invoice"] as const;
export type ApprovalKindName = (typeof APPROVAL_KINDS)[number];

export const approverRefSchema = z.union([
  /** Relative to the requester, resolved when the request is made. */
  z.object({ relative: z.enum(["manager", "managers_manager"]) }).strict(),
  /** A group from `groups` (WeCom user ids). */
  z.object({ group: z.string().min(1) }).strict(),
  /** One person by WeCom user id. */
  z.object({ user: z.string().min(1) }).strict(),
]);
export type ApproverRef = z.infer<typeof approverRefSchema>;

const stepSchema = z.object({
  /** all: everyone must agree (会签); any: the first decision settles it (或签). */
  mode: z.enum(["all", "any"]).default("any"),
  approvers: z.array(approverRefSchema).min(1),
});

const conditionSchema = z
  .object({
    /** The requested price as a share of list: 0.85 is 85折. */
    discountBelow: z.number().gt(0).lte(1).optional(),
    amountAbove: z.number().nonnegative().optional(),
    legalTermsChanged: z.boolean().optional(),
    stages: z.array(z.string()).optional(),
    productLines: z.array(z.string()).optional(),
    /** Team names of the requester. */
    teams: z.array(z.string()).optional(),
  })
  .strict();
export type ApprovalCondition = z.infer<typeof conditionSchema>;

const flowSchema = z.object({
  name: z.string().min(1).max(32),
  kind: z.enum(APPROVAL_KINDS),
  when: conditionSchema.default({}),
  steps: z.array(stepSchema).min(1),
  /** Told of the request and its outcome, without a say in it. */
  cc: z.array(approverRefSchema).default([]),
});

const DEFAULT_FLOWS: z.input<typeof flowSchema>[] = [
  { name: "折扣低于9折", kind: "discount", when: { discountBelow: 0.9 }, steps: [{ approvers: [{ group: "sales_director" }] }] },
  { name: "折扣低于8折", kind: "discount", when: { discountBelow: 0.8 }, steps: [{ approvers: [{ group: "vp" }] }] },
  {
    name: "大额合同",
    kind: "contract",
    when: { amountAbove: 1_000_000 },
    steps: [{ mode: "all", approvers: [{ group: "finance" }, { group: "sales_director" }] }],
  },
  { name: "法务条款变更", kind: "contract", when: { legalTermsChanged: true }, steps: [{ mode: "any", approvers: [{ group: "legal" }] }], cc: [{ group: "sales_director" }] },
  { name: "跳阶段", kind: "stage_skip", steps: [{ approvers: [{ relative: "manager" }] }] },
  { name: "开票", kind: "invoice", steps: [{ approvers: [{ group: "finance" }] }] },
];

export const approvalSettingsSchema = z
  .object({
    /** Group name → WeCom user ids. */
    groups: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.array(z.string().min(1))).default({
      sales_director: [],
      vp: [],
      finance: [],
      legal: [],
    }),
    /** Display names of groups in messages. */
    groupNames: z.record(z.string(), z.string()).default({ sales_director: "销售总监", vp: "副总裁", finance: "财务", legal: "法务" }),
    flows: z.array(flowSchema).prefault(DEFAULT_FLOWS),
    /** A pending step is reminded to its approvers after this long, and escalated to their managers after that. */
    remindAfterHours: z.number().int().positive().default(24),
    escalateAfterHours: z.number().int().positive().default(48),
  })
  .prefault({});

export type ApprovalSettings = z.infer<typeof approvalSettingsSchema>;
export type ApprovalFlow = ApprovalSettings["flows"][number];
