// How a plan is shown to the user: one line per step in the user's words (labels, settled
// record names, times as 11月25日 15:00), as a card with 确认 / 取消 and the same as text for
// channels without cards. Buttons carry the conversation's token.
import type { ActionDef } from "../../actions/action.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import { formatWhen } from "../../crm/when.ts";
import { zh } from "../../messages/zh.ts";
import { card, text, type Reply } from "../../render/reply.ts";
import { COMMAND_KEY_PREFIX } from "../router-keys.ts";
import type { Choice, Step } from "./plan.ts";
import { clipText as clip } from "../../util/clip-text.ts";

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;

/** The key of a conversation button: `cmd:确认 <token>`, `cmd:选 <token> 2`. */
export const answerKey = (word: string, token: string, n?: number): string => `${COMMAND_KEY_PREFIX}${word} ${token}${n === undefined ? "" : ` ${n}`}`;

export function paramLabel(def: ActionDef, key: string): string {
  const named = Object.entries(def.named ?? {}).find(([word, field]) => field === key && /[\u4e00-\u9fff]/.test(word))?.[0];
  return def.labels[key] ?? named ?? zh.ftParamNames[key] ?? key;
}

function shown(value: unknown, timeZone: string): string {
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? v.map(String).join("：") : shown(v, timeZone))).join("，");
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value).replace(ISO_TIME, (iso) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : formatWhen(at, timeZone);
  });
}

/** 华为技术有限公司（客户#12）；内容：聊了报价；下次：11月25日 15:00 */
export function describeStep(def: ActionDef, step: Step, timeZone: string): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(step.params)) {
    if (value === undefined || value === null || value === "") continue;
    const settled = step.settled[key];
    parts.push(settled ?? `${paramLabel(def, key)}：${shown(value, timeZone)}`);
  }
  return parts.join("；") || def.summary;
}


export function stepLines(registry: ActionRegistry, steps: readonly Step[], timeZone: string): string[] {
  return steps.map((step, i) => {
    const def = registry.byName(step.action);
    return zh.ftStepLine(i + 1, def?.command ?? step.action, def ? describeStep(def, step, timeZone) : "");
  });
}

/** The confirmation: a card (fields hold at most 6 steps), else the same as text. */
export function confirmationReply(registry: ActionRegistry, steps: readonly Step[], token: string, timeZone: string): Reply {
  const lines = stepLines(registry, steps, timeZone);
  if (steps.length > 6) return text(zh.ftConfirmText(lines));
  return card({
    taskId: `nlu-${token}`,
    title: zh.ftConfirmTitle(steps.length),
    description: zh.ftConfirmHint,
    fields: steps.map((step, i) => {
      const def = registry.byName(step.action);
      return { label: clip(`${i + 1}. ${def?.command ?? step.action}`, 16), value: clip(def ? describeStep(def, step, timeZone) : "", 64) };
    }),
    buttons: [
      { key: answerKey("确认", token), text: zh.ftConfirmButton, style: "primary" },
      { key: answerKey("取消", token), text: zh.ftCancelButton, style: "default" },
    ],
  });
}

/** Which record a name means: numbered choices as card buttons (typing the number works too). */
export function choiceReply(name: string, choices: readonly Choice[], token: string, notFound: boolean): Reply {
  return card({
    taskId: `nlu-${token}`,
    title: clip(notFound ? zh.ftNotFoundTitle(name) : zh.ftChooseTitle(name), 36),
    description: zh.ftChooseHint,
    fields: choices.slice(0, 6).map((c, i) => ({ label: String(i + 1), value: clip(c.label, 64) })),
    buttons: [
      ...choices.slice(0, 5).map((c, i) => ({ key: answerKey("选", token, i + 1), text: c.create ? "新建" : String(i + 1), style: "primary" as const })),
      { key: answerKey("取消", token), text: zh.ftCancelButton, style: "default" as const },
    ],
  });
}
