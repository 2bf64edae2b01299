// Understanding free Chinese text: an engine proposes registry actions with raw parameters;
// the caller validates them with the action's own zod schema and checks permissions — an
// engine never decides what is allowed.
import type { RoleName } from "../auth/users.ts";

export interface ProposedAction {
  /** A registry name, e.g. "followup.create". */
  action: string;
  /** Raw parameters in the action's own field names (validated later by its zod schema).
   * Times are ISO local times with offset, e.g. "2026-11-25T15:00:00+08:00". */
  params: Record<string, unknown>;
}

export interface UnderstandingContext {
  now: Date;
  timeZone: string;
  role: RoleName;
  /** Names of customers / contacts the user dealt with recently ("张总", "那家公司"). */
  recentNames?: readonly string[];
  /** The plan the user is correcting (修改 …) or completing (an answer to "还差「金额」"):
   * an engine that can, answers with the whole revised plan. */
  plan?: { steps: readonly ProposedAction[]; asking?: string };
}

/** The engine could not give an answer: the model service failed within the retry budget
 * ("unavailable"), or its answer stayed invalid after one repair ("invalid"). The caller
 * tells the user; it never means "not CRM" (that is an empty proposal list). */
export class UnderstandingError extends Error {
  constructor(
    readonly reason: "unavailable" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "UnderstandingError";
  }
}

export interface NluEngine {
  readonly name: string;
  /** True when, given `ctx.plan`, it answers with the whole revised plan (the model does;
   * the offline engine reads only the new words). */
  readonly revisesPlans?: boolean;
  /** Zero actions: not understood (or not CRM at all). Throws UnderstandingError only. */
  interpret(text: string, ctx: UnderstandingContext): Promise<ProposedAction[]>;
}
