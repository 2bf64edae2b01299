// The Chinese name of an action's parameter, as cards, questions and the model's view of a
// plan show it: its label, its Chinese `key:` word, or the common name of the field.
import { zhFreeText } from "../messages/zh-free-text.ts";
import type { ActionDef } from "./action.ts";

export function paramLabel(def: ActionDef, key: string): string {
  const named = Object.entries(def.named ?? {}).find(([word, field]) => field === key && /[\u4e00-\u9fff]/.test(word))?.[0];
  return def.labels[key] ?? named ?? zhFreeText.ftParamNames[key] ?? key;
}
