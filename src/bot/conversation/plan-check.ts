// Getting a plan ready to show: each step must be an action the user may run (the engine
// never decides that), its params must pass the action's own zod schema, and every name of
// a record must be settled to one record the user may see. What cannot be settled without
// the user becomes a question (a missing field, a choice between records); what is wrong
// beyond asking is dropped with a note.
import type { ActionDef } from "../../actions/action.ts";
import { parseParams } from "../../actions/param-errors.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import type { User } from "../../auth/users.ts";
import { refCandidates } from "../../crm/assembly.ts";
import type { Tx } from "../../db/tx.ts";
import { zh } from "../../messages/zh.ts";
import { zhFreeText } from "../../messages/zh-free-text.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { Choice, ConversationState, Step } from "./plan.ts";

export type Checked =
  | { kind: "ready"; steps: Step[]; notes: Reply[] }
  | { kind: "ask"; state: Extract<ConversationState, { kind: "choose" | "complete" }>; notes: Reply[] }
  | { kind: "nothing"; notes: Reply[] };

export type ParamCheck = { kind: "ok" } | { kind: "missing"; field: string } | { kind: "bad"; problem: string };

/** Missing required fields are asked for; any other problem is the schema's own message. */
export function checkParams(def: ActionDef, params: Record<string, unknown>): ParamCheck {
  const r = parseParams(def, params);
  if (r.success) return { kind: "ok" };
  const missing = r.error.issues.find((i) => i.path.length === 1 && (params[String(i.path[0])] === undefined || params[String(i.path[0])] === ""));
  if (missing) return { kind: "missing", field: String(missing.path[0]) };
  return { kind: "bad", problem: r.error.issues[0]?.message ?? "" };
}

/** The step as an action the user may run, or the note saying why not. */
export function stepAction(registry: ActionRegistry, actor: User, step: Step): ActionDef | Reply {
  const def = registry.byName(step.action);
  if (!def || def.freeText === "off") return text(zhFreeText.ftSkipped(step.action, "不支持用自由文字执行"));
  if (!def.roles.includes(actor.role)) return text(zh.notAllowed(def.command));
  return def;
}

const isReply = (x: ActionDef | Reply): x is Reply => "kind" in x;

export interface CheckInput {
  tx: Tx;
  registry: ActionRegistry;
  actor: User;
  now: Date;
  text: string;
  steps: Step[];
}

/** Settles one name in every step that uses it for the same kind of record. */
export function settle(registry: ActionRegistry, steps: Step[], name: string, kind: string, choice: Choice): Step[] {
  return steps.map((step) => {
    const def = registry.byName(step.action);
    if (!def) return step;
    const params = { ...step.params };
    const settled = { ...step.settled };
    for (const [param, value] of Object.entries(step.params)) {
      if (value !== name || settled[param] || def.refs?.[param] !== kind) continue;
      params[param] = choice.ref;
      settled[param] = choice.create ? zhFreeText.ftNewCustomer(choice.ref) : choice.label;
    }
    return { ...step, params, settled };
  });
}

export async function checkPlan(input: CheckInput): Promise<Checked> {
  const notes: Reply[] = [];
  let steps: Step[] = [];
  for (const step of input.steps) {
    const def = stepAction(input.registry, input.actor, step);
    if (isReply(def)) notes.push(def);
    else steps.push(step);
  }
  for (let i = 0; i < steps.length; i++) {
    const def = input.registry.byName(steps[i]!.action)!;
    const check = checkParams(def, steps[i]!.params);
    if (check.kind === "missing") return { kind: "ask", state: { kind: "complete", text: input.text, steps, step: i, field: check.field }, notes };
    if (check.kind === "bad") {
      notes.push(text(zhFreeText.ftSkippedUsage(def.command, check.problem, def.usage)));
      steps.splice(i--, 1);
      continue;
    }
    for (const [param, kind] of Object.entries(def.refs ?? {})) {
      const name = steps[i]!.params[param];
      if (typeof name !== "string" || steps[i]!.settled[param]) continue;
      const found = await refCandidates(input.tx, input.actor, kind, name, input.now);
      if (found.length === 1) {
        steps = settle(input.registry, steps, name, kind, found[0]!);
        continue;
      }
      if (found.length > 1) return { kind: "ask", state: { kind: "choose", text: input.text, steps, step: i, param, name, choices: found }, notes };
      if (kind === "customer" || kind === "target") {
        const create: Choice = { ref: name, label: zhFreeText.ftCreateChoice(name), create: true };
        return { kind: "ask", state: { kind: "choose", text: input.text, steps, step: i, param, name, choices: [create] }, notes };
      }
      notes.push(text(zhFreeText.ftNoRecord(name, zhFreeText.ftRecordKinds[kind] ?? "")));
      // Dropped once; the next step moves into this index. (A filter with `i--` inside its
      // callback once moved i back by the number of steps, so the loop never ended.)
      steps.splice(i--, 1);
      break;
    }
  }
  return steps.length ? { kind: "ready", steps, notes } : { kind: "nothing", notes };
}
