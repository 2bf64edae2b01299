// How a plan is shown to the user: one line per step in the user's words (labels, settled
// record names, times as 11月25日 15:00), as a card with 确认 / 取消 and the same as text for
// channels without cards. Buttons carry the conversation's token.
import type { ActionDef } from "../../actions/action.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import { formatWhen } from "../../time/when.ts";
import { zhFreeText } from "../../messages/zh-free-text.ts";
import { card, text, type Reply } from "../../render/reply.ts";
import { COMMAND_KEY_PREFIX } from "../router-keys.ts";
import type { Choice, Step } from "./plan.ts";
import { clipText as clip } from "../../util/clip-text.ts";
import { paramLabel } from "../../actions/param-label.ts";

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;

/** The key of a conversation button: `cmd:确认 <token>`, `cmd:选 <token> 2`. */
export const answerKey = (word: string, token: string, n?: number): string => `${COMMAND_KEY_PREFIX}${word} ${token}${n === undefined ? "" : ` ${n}`}`;

export { paramLabel };

/** A param's value as the user reads it (ISO times as 11月25日 15:00). */
export function shownValue(value: unknown, timeZone: string): string {
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? v.map(String).join("：") : shownValue(v, timeZone))).join("，");
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value).replace(ISO_TIME, (iso) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : formatWhen(at, timeZone);
  });
}

/** One line of a plan: a field's label and its whole value. */
interface Line {
  label: string;
  value: string;
}

/** A step as lines: its command with the records it names, then every other field. */
function stepFields(registry: ActionRegistry, step: Step, timeZone: string): { command: string; records: string; fields: Line[] } {
  const def = registry.byName(step.action);
  const fields: Line[] = [];
  const records: string[] = [];
  for (const [key, value] of Object.entries(step.params)) {
    if (value === undefined || value === null || value === "") continue;
    const settled = step.settled[key];
    if (settled) records.push(settled);
    else fields.push({ label: def ? paramLabel(def, key) : key, value: shownValue(value, timeZone) });
  }
  return { command: def?.command ?? step.action, records: records.join("，"), fields };
}

/** WeCom shows a card line whole when its keyname has at most 5 characters and its value at most 30. */
const FITS = (l: Line): boolean => [...l.label].length <= 5 && [...l.value].length <= 30 && l.value !== "";
const CARD_LINES = 6;

/** The plan as card lines, or null when some line would not be shown whole. */
function cardLines(registry: ActionRegistry, steps: readonly Step[], timeZone: string): Line[] | null {
  const lines = steps.flatMap((step, i) => {
    const s = stepFields(registry, step, timeZone);
    const head = { label: steps.length > 1 ? `${i + 1}.${s.command}` : s.command, value: s.records || zhFreeText.ftStepNoRecord };
    return [head, ...s.fields];
  });
  return lines.length <= CARD_LINES && lines.every(FITS) ? lines : null;
}

/** The plan as text: a line per step and one per field under it, nothing cut. */
export function stepLines(registry: ActionRegistry, steps: readonly Step[], timeZone: string): string[] {
  return steps.map((step, i) => {
    const s = stepFields(registry, step, timeZone);
    return [zhFreeText.ftStepLine(i + 1, s.command, s.records), ...s.fields.map((f) => zhFreeText.ftFieldLine(f.label, f.value))].join("\n");
  });
}

const answerButtons = (token: string) => [
  { key: answerKey("确认", token), text: zhFreeText.ftConfirmButton, style: "primary" as const },
  { key: answerKey("取消", token), text: zhFreeText.ftCancelButton, style: "default" as const },
];

/** The confirmation: one card when every field fits on it whole; else the plan as text
 * followed by a card with the buttons. */
export function confirmationReply(registry: ActionRegistry, steps: readonly Step[], token: string, timeZone: string): Reply[] {
  const lines = cardLines(registry, steps, timeZone);
  const base = { taskId: choiceTaskId(token), title: zhFreeText.ftConfirmTitle(steps.length), buttons: answerButtons(token) };
  if (lines) return [card({ ...base, description: zhFreeText.ftConfirmHint, fields: lines })];
  return [text(zhFreeText.ftConfirmText(stepLines(registry, steps, timeZone))), card({ ...base, description: zhFreeText.ftConfirmSeeAbove })];
}

/** The task id a conversation's cards are built with (the outbox makes each sent one unique). */
export const choiceTaskId = (token: string): string => `nlu-${token}`;

/** Which record a name means: numbered choices as card buttons (typing the number works
 * too); choices that would not fit a card's lines whole are listed as text before it. */
export function choiceReply(name: string, choices: readonly Choice[], token: string, notFound: boolean): Reply[] {
  const lines = choices.map((c, i) => ({ label: String(i + 1), value: c.label }));
  const fits = lines.length <= CARD_LINES && lines.every(FITS);
  const reply = card({
    taskId: choiceTaskId(token),
    title: clip(notFound ? zhFreeText.ftNotFoundTitle(name) : zhFreeText.ftChooseTitle(name), 36),
    description: zhFreeText.ftChooseHint,
    fields: fits ? lines : [],
    buttons: [
      ...choices.slice(0, 5).map((c, i) => ({ key: answerKey("选", token, i + 1), text: c.create ? "新建" : String(i + 1), style: "primary" as const })),
      { key: answerKey("取消", token), text: zhFreeText.ftCancelButton, style: "default" as const },
    ],
  });
  return fits ? [reply] : [text(zhFreeText.ftChooseText(name, lines.map((l) => `${l.label}. ${l.value}`))), reply];
}
