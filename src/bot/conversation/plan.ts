// What the bot understood from a free-text message and is still discussing with the user:
// the proposed steps (registry actions with raw params), which record names are settled,
// and what the bot is waiting for. Stored as JSON in `conversations`, read back with zod.
import { z } from "zod";

export const stepSchema = z.object({
  action: z.string().min(1),
  params: z.record(z.string(), z.unknown()),
  /** Record-naming params already settled: param → what the user was shown. */
  settled: z.record(z.string(), z.string()).default({}),
});
export type Step = z.infer<typeof stepSchema>;

export const choiceSchema = z.object({
  /** The ref the step gets, e.g. 客户#12; for "create", the name of the record to create. */
  ref: z.string(),
  label: z.string(),
  /** Choosing it first creates the customer (the name was not found). */
  create: z.boolean().optional(),
});
export type Choice = z.infer<typeof choiceSchema>;

const common = { text: z.string(), steps: z.array(stepSchema).min(1) };

export const conversationStateSchema = z.discriminatedUnion("kind", [
  /** Every step settled: waiting for 确认 / 取消 / 修改. */
  z.object({ kind: z.literal("confirm"), ...common }),
  /** A name fits several records (or none): waiting for a number. */
  z.object({ kind: z.literal("choose"), ...common, step: z.number().int().min(0), param: z.string(), name: z.string(), choices: z.array(choiceSchema).min(1) }),
  /** A required field is missing: waiting for it ("金额50万"). */
  z.object({ kind: z.literal("complete"), ...common, step: z.number().int().min(0), field: z.string() }),
]);
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** How long the bot waits for an answer (the 30 minutes). */
export const CONVERSATION_TTL_MS = 30 * 60_000;

/** A card's buttons and typed replies that answer the bot rather than ask something new. */
export const CONFIRM_WORDS = ["确认", "确定", "是", "是的", "对", "好", "好的", "可以", "ok", "yes", "y", "confirm"];
export const CANCEL_WORDS = ["取消", "算了", "不用了", "不要", "不", "no", "n", "cancel"];
export const EDIT_PREFIX = /^(修改|改成|改为|改一下|更正|edit)[\s:：,，]*/i;
/** A reply that corrects the open plan without saying 修改: 不是52万是53万, 金额改成53万. */
export const CORRECTION = /^(不是|不对)|改成|改为|改到|换成|变成|调成|调整为|调整到|更新为|应该是/;
