// One definition per action: parameters (zod), who may run it, how it is invoked and
// described. The command grammar, the help text (and later the LLM and REST API) read it.
import { z } from "zod";
import type { RoleName, User } from "../auth/users.ts";
import type { CrmSettings } from "../config/crm/crm-settings.ts";
import type { Tx } from "../db/tx.ts";
import type { CardClick, Reply } from "../render/reply.ts";

export interface ActionContext {
  tx: Tx;
  actor: User;
  now: Date;
  timeZone: string;
  settings: CrmSettings;
  /** WeCom user ids from CRM_ADMINS (admins also by role in the users table). */
  admins: readonly string[];
  /** A fresh random id fragment (card task ids). */
  newId(): string;
  /** Tells another user something, in the same transaction as the change (their WeCom). */
  notify(user: User, reply: Reply): void;
  /** Sends to someone who is not staff (an Official Account follower's openid), in the same
   * transaction as the change. */
  sendTo(channel: "mp", recipient: string, reply: Reply): void;
  /** Set when the command came from a card button (undefined when typed): reply with
   * `cardUpdate(ctx.card, …)` to mark that card done. */
  card?: CardClick;
}

/** What a record-naming parameter points at ("target": a customer, a contact's customer or a lead). */
export type RecordRefKind = "target" | "customer" | "lead" | "opportunity";

export type TokenResult = { ok: true; raw: Record<string, unknown> } | { ok: false; problem: string };

export interface ActionDef<S extends z.ZodType = z.ZodType> {
  /** Stable registry name, e.g. "lead.create". */
  name: string;
  /** The Chinese command word, e.g. 新建线索. */
  command: string;
  /** Other words that invoke it (English aliases included), matched case-insensitively. */
  aliases: readonly string[];
  /** Words the rest of the message may be glued to, as people write them: 提醒我明天… */
  gluedPrefixes?: readonly string[];
  summary: string;
  usage: string;
  example: string;
  params: S;
  /** Names shown to the user for each parameter, e.g. { phone: "手机号" }. */
  labels: Record<string, string>;
  /** Maps the words after the command onto parameters; default: `positional`. */
  fromTokens?: (tokens: string[]) => TokenResult;
  positional?: readonly string[];
  /** Optional fields given as `key:value` anywhere after the command, e.g. { 微信: "wechatId" }.
   * A key listed in `restOfLine` takes everything after it (notes with spaces). */
  named?: Record<string, string>;
  restOfLine?: readonly string[];
  roles: readonly RoleName[];
  /** Reads answer at once; writes guessed from free text wait for 确认. */
  effect: "read" | "write";
  /** Free text: "confirm" = wait for 确认 even though it only reads (exports); "off" = never
   * proposed from free text (token and team administration); "typed" = too consequential to
   * run from a guess (merge, handover, release, assignment, replies to customers, approval
   * decisions): the model is never offered it, and when free text names it the user is shown
   * the command to type. Default: by `effect`. */
  freeText?: "confirm" | "off" | "typed";
  /** Parameters that name a record, resolved against what the user may see before a
   * free-text proposal is shown: { ref: "opportunity" }. */
  refs?: Readonly<Record<string, RecordRefKind>>;
  run(ctx: ActionContext, params: z.infer<S>): Promise<Reply[]>;
}

export function defineAction<S extends z.ZodType>(def: ActionDef<S>): ActionDef<S> {
  return def;
}

export const ALL_ROLES: readonly RoleName[] = ["rep", "manager", "admin"];

/** A command that takes no arguments, readable by everyone (我的线索, 我的商机). */
export const everyonesListing = {
  params: z.object({}),
  labels: {},
  positional: [],
  roles: ALL_ROLES,
  effect: "read",
} as const;
