// Free Chinese text in chat: what an engine proposed becomes a plan; reads answer at once,
// writes wait for 确认 on one card (unless config lets them apply at once); names are settled
// to records the user may see (several → a choice, none → an offer to create); a missing
// field is asked for and the next message completes it. The open conversation lives in
// the database for 30 minutes. Every step runs through the same path as a typed command.
import type { ActionDef } from "../../actions/action.ts";
import { paramProblems, parseParams } from "../../actions/param-errors.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import type { User } from "../../auth/users.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Tx } from "../../db/tx.ts";
import { zhFreeText } from "../../messages/zh-free-text.ts";
import type { ProposedAction } from "../../nlu/engine.ts";
import { cardUpdate, text, type CardClick, type Reply } from "../../render/reply.ts";
import { endConversation, lastShownIs, loadConversation, saveConversation, type OpenConversation } from "./conversation-store.ts";
import { checkParams, checkPlan, settle, stepAction, type Checked } from "./plan-check.ts";
import { choiceReply, choiceTaskId, confirmationReply, paramLabel } from "./plan-render.ts";
import { CANCEL_WORDS, CONFIRM_WORDS, CORRECTION, EDIT_PREFIX, type ConversationState, type Step } from "./plan.ts";
import { editSteps, fieldValue } from "./plan-edit.ts";
import { parseCommand } from "../command-parser.ts";

/** `revisedPlan`: the engine saw the open plan and answered with the whole plan revised. */
export type Understanding = { kind: "proposals"; proposals: ProposedAction[]; revisedPlan?: boolean } | { kind: "failed"; reason: "unavailable" | "invalid" };

export interface FlowOptions {
  registry: ActionRegistry;
  settings: CrmSettings;
  timeZone: string;
}

export interface Turn {
  tx: Tx;
  actor: User;
  now: Date;
  card?: CardClick;
  /** Runs an action exactly as a typed command would (params already validated). */
  execute(def: ActionDef, params: unknown): Promise<Reply[]>;
}

/** Button keys: `确认 <token>`, `取消 <token>`, `选 <token> <n>`. */
const BUTTON = /^(确认|取消|选)\s+([0-9a-f]{12})(?:\s+(\d{1,2}))?$/;

const wordOf = (input: string): string => input.normalize("NFKC").trim().toLowerCase().replace(/[。.!！~～\s]+$/u, "");

const toSteps = (proposals: readonly ProposedAction[]): Step[] => proposals.map((p) => ({ action: p.action, params: { ...p.params }, settled: {} }));

/** The engine's revision of the open plan, when it gave one: its proposals share an action
 * with the plan (otherwise the message was a new request). */
function revision(understanding: Understanding | undefined, plan: readonly Step[]): ProposedAction[] | null {
  if (understanding?.kind !== "proposals" || !understanding.revisedPlan || understanding.proposals.length === 0) return null;
  return understanding.proposals.some((p) => plan.some((s) => s.action === p.action)) ? understanding.proposals : null;
}

/** The command a user types for a typed-only action: its word and the values it was given. */
function typedCommand(def: ActionDef, params: Record<string, unknown>): string {
  const order = def.positional ?? Object.keys(def.labels);
  const words = order.map((k) => params[k]).filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return words.length ? `${def.command} ${words.join(" ")}` : def.usage;
}

export class FreeTextFlow {
  constructor(private readonly o: FlowOptions) {}

  /** An answer to the user's open conversation (its words or buttons); null when the
   * message is not one and should be read as a command or a new request. */
  async answer(input: string, turn: Turn, understanding: Understanding | undefined): Promise<Reply[] | null> {
    const button = BUTTON.exec(input.trim());
    // A command is a command, whatever the bot was waiting for: no lookup on that path.
    if (!button && parseCommand(this.o.registry, input).kind !== "unknown") return null;
    const convo = await loadConversation(turn.tx, turn.actor.id, turn.now);
    if (button) {
      if (!convo || convo.token !== button[2]) return [cardUpdate(turn.card, zhFreeText.ftStaleLabel, zhFreeText.ftStaleCard)];
      return this.reply(button[1]!, button[3], convo, turn);
    }
    const word = wordOf(input);
    if (CONFIRM_WORDS.includes(word)) return convo ? this.reply("确认", undefined, convo, turn) : word === "确认" ? [text(zhFreeText.ftNothingPending)] : null;
    if (CANCEL_WORDS.includes(word)) return convo ? this.reply("取消", undefined, convo, turn) : word === "取消" ? [text(zhFreeText.ftNothingPending)] : null;
    if (!convo) return null;
    // A number answers the choice only while its card is the last thing shown.
    if (/^\d{1,2}$/.test(word) && convo.state.kind === "choose") {
      return (await lastShownIs(turn.tx, turn.actor.wecomUserId, choiceTaskId(convo.token))) ? this.reply("选", word, convo, turn) : null;
    }
    if (convo.state.kind === "confirm" && EDIT_PREFIX.test(input.trim())) return this.edit(input, convo.state, turn, understanding, true);
    // 金额改成53万 / 不是52万是53万 correct the plan too; if nothing in it fits, it is a new request.
    if (convo.state.kind === "confirm" && CORRECTION.test(word)) return this.edit(input, convo.state, turn, understanding, false);
    if (convo.state.kind === "complete") return this.fill(input, convo.state, turn, understanding);
    return null;
  }

  /** A message that is no command: a new request. */
  async understand(input: string, turn: Turn, understanding: Understanding): Promise<Reply[]> {
    if (understanding.kind === "failed") return [text(understanding.reason === "unavailable" ? zhFreeText.ftUnavailable : zhFreeText.ftRephrase)];
    if (understanding.proposals.length === 0) return [text(zhFreeText.ftNotUnderstood)];
    const typed = understanding.proposals.filter((p) => this.o.registry.byName(p.action)?.freeText === "typed");
    const rest = understanding.proposals.filter((p) => !typed.includes(p));
    const notes = typed.length ? [text(zhFreeText.ftTypedOnly(typed.map((p) => typedCommand(this.o.registry.byName(p.action)!, p.params))))] : [];
    if (rest.length === 0) return notes;
    return [...notes, ...(await this.present(await this.check(input, toSteps(rest), turn), turn, input, false))];
  }

  private async reply(word: string, n: string | undefined, convo: OpenConversation, turn: Turn): Promise<Reply[]> {
    const state = convo.state;
    if (word === "取消") {
      await endConversation(turn.tx, turn.actor.id);
      return [cardUpdate(turn.card, zhFreeText.ftCancelledLabel, zhFreeText.ftCancelled)];
    }
    if (word === "确认") return state.kind === "confirm" ? this.run(state.steps, turn) : this.ask(state, convo.token);
    if (state.kind !== "choose") return this.ask(state, convo.token);
    const choice = state.choices[Number(n) - 1];
    // Out of range: said, and the choice shown again (so it is again the last thing shown).
    if (!choice) return [text(zhFreeText.ftChooseAgain(state.choices.length)), ...this.ask(state, convo.token)];
    const def = this.o.registry.byName(state.steps[state.step]!.action);
    const kind = def?.refs?.[state.param] ?? "";
    const created: Step[] = choice.create ? [{ action: "customer.create", params: { name: choice.ref }, settled: {} }] : [];
    const steps = [...created, ...settle(this.o.registry, state.steps, state.name, kind, choice)];
    const done = turn.card?.responseCode ? [cardUpdate(turn.card, choice.create ? "新建" : `已选 ${n}`, choice.label)] : [];
    return [...done, ...(await this.present(await this.check(state.text, steps, turn), turn, state.text, true))];
  }

  /** 确认: every step runs, in order, as if typed (permission checked again). */
  private async run(steps: readonly Step[], turn: Turn): Promise<Reply[]> {
    await endConversation(turn.tx, turn.actor.id);
    const replies: Reply[] = turn.card?.responseCode ? [cardUpdate(turn.card, zhFreeText.ftConfirmed, zhFreeText.ftConfirmed)] : [];
    for (const step of steps) {
      const def = stepAction(this.o.registry, turn.actor, step);
      if ("kind" in def) {
        replies.push(def);
        continue;
      }
      const parsed = parseParams(def, step.params);
      if (!parsed.success) replies.push(text(zhFreeText.ftSkippedUsage(def.command, paramProblems(parsed.error).join("；"), def.usage)));
      else replies.push(...(await turn.execute(def, parsed.data)));
    }
    return replies;
  }

  /** 修改 …: a named field (预算60万), or what the engine read in the correction. */
  private async edit(input: string, state: ConversationState, turn: Turn, understanding: Understanding | undefined, said: boolean): Promise<Reply[] | null> {
    const revised = revision(understanding, state.steps);
    if (revised) return this.present(await this.check(state.text, toSteps(revised), turn), turn, state.text, true);
    const rest = input.trim().replace(EDIT_PREFIX, "").trim();
    const proposals = understanding?.kind === "proposals" ? understanding.proposals : [];
    const stages = this.o.settings.opportunities.stages.map((s) => s.name);
    const edit = editSteps({ registry: this.o.registry, stages, now: turn.now, timeZone: this.o.timeZone }, state.steps, rest, proposals);
    if (edit.kind === "unclear") return said ? [text(zhFreeText.ftEditUnclear)] : null;
    if (edit.kind === "which") return [text(zhFreeText.ftEditWhich(edit.labels))];
    if (edit.kind === "bad") return [text(zhFreeText.ftEditBad(edit.label, edit.value))];
    return this.present(await this.check(state.text, edit.steps, turn), turn, state.text, true);
  }

  /** The next message after "还差「金额」": the missing value — unless it is a whole new request. */
  private async fill(input: string, state: Extract<ConversationState, { kind: "complete" }>, turn: Turn, understanding: Understanding | undefined): Promise<Reply[] | null> {
    const revised = revision(understanding, state.steps);
    if (revised) return this.present(await this.check(state.text, toSteps(revised), turn), turn, state.text, true);
    if (understanding?.kind === "proposals" && understanding.revisedPlan && understanding.proposals.length > 0) return null;
    const proposals = understanding?.kind === "proposals" ? understanding.proposals : [];
    const isNew = proposals.some((p) => {
      const def = this.o.registry.byName(p.action);
      return def !== undefined && p.action !== state.steps[state.step]!.action && checkParams(def, p.params).kind === "ok";
    });
    if (isNew) return null;
    const step = state.steps[state.step]!;
    const def = this.o.registry.byName(step.action)!;
    // 「修改 金额53万」 while the bot waits for 金额 answers it the same as 「金额53万」.
    const value = fieldValue(def, state.field, input.trim().replace(EDIT_PREFIX, ""), proposals);
    const params = { ...step.params, [state.field]: value };
    const check = checkParams(def, params);
    if (check.kind === "bad") return [text(zhFreeText.ftBadField(paramLabel(def, state.field), check.problem))];
    const steps = state.steps.map((s, i) => (i === state.step ? { ...s, params } : s));
    return this.present(await this.check(state.text, steps, turn), turn, state.text, true);
  }

  private check(input: string, steps: Step[], turn: Turn): Promise<Checked> {
    return checkPlan({ tx: turn.tx, registry: this.o.registry, actor: turn.actor, now: turn.now, text: input, steps });
  }

  private needsConfirmation(def: ActionDef): boolean {
    if (def.freeText === "confirm") return true;
    return def.effect === "write" && !this.o.settings.freeText.autoApply.includes(def.name);
  }

  /** Shows a checked plan: asks what is open, runs what needs no 确认, confirms the rest. */
  private async present(checked: Checked, turn: Turn, input: string, fromConversation: boolean): Promise<Reply[]> {
    if (checked.kind === "ask") {
      const token = await saveConversation(turn.tx, turn.actor.id, checked.state, turn.now);
      return [...checked.notes, ...this.ask(checked.state, token)];
    }
    if (checked.kind === "nothing") {
      if (fromConversation) await endConversation(turn.tx, turn.actor.id);
      return checked.notes.length ? checked.notes : [text(zhFreeText.ftNotUnderstood)];
    }
    const later = checked.steps.filter((s) => this.needsConfirmation(this.o.registry.byName(s.action)!));
    const now = checked.steps.filter((s) => !later.includes(s));
    const replies = [...checked.notes, ...(await this.runNow(now, turn))];
    if (later.length === 0) {
      if (fromConversation) await endConversation(turn.tx, turn.actor.id);
      return replies;
    }
    const token = await saveConversation(turn.tx, turn.actor.id, { kind: "confirm", text: input, steps: later }, turn.now);
    return [...replies, ...confirmationReply(this.o.registry, later, token, this.o.timeZone)];
  }

  private async runNow(steps: readonly Step[], turn: Turn): Promise<Reply[]> {
    const out: Reply[] = [];
    for (const step of steps) {
      const def = this.o.registry.byName(step.action)!;
      out.push(...(await turn.execute(def, def.params.parse(step.params))));
    }
    return out;
  }

  /** The open question, (again) in full. */
  private ask(state: ConversationState, token: string): Reply[] {
    if (state.kind === "confirm") return confirmationReply(this.o.registry, state.steps, token, this.o.timeZone);
    if (state.kind === "choose") {
      const notFound = state.choices.length === 1 && state.choices[0]!.create === true;
      return choiceReply(state.name, state.choices, token, notFound);
    }
    const def = this.o.registry.byName(state.steps[state.step]!.action)!;
    return [text(zhFreeText.ftAskField(paramLabel(def, state.field), def.usage))];
  }
}
