// The registry's command words (新建线索, 跟进 …), for "怎么新建线索" → help on that command,
// and the registry itself, for commands typed with names (推进 远洋物流 报价谈判).
import { buildRegistry } from "../../crm/assembly.ts";
import type { ActionRegistry } from "../../actions/registry.ts";

let registry: ActionRegistry | undefined;
let words: readonly string[] | undefined;

export function actionRegistry(): ActionRegistry {
  registry ??= buildRegistry();
  return registry;
}

export function commandWords(): readonly string[] {
  words ??= actionRegistry()
    .list()
    .flatMap((a) => [a.command, ...a.aliases]);
  return words;
}
