// The registry's command words (新建线索, 跟进 …), for "怎么新建线索" → help on that command.
import { buildRegistry } from "../../crm/assembly.ts";

let words: readonly string[] | undefined;

export function commandWords(): readonly string[] {
  words ??= buildRegistry()
    .list()
    .flatMap((a) => [a.command, ...a.aliases]);
  return words;
}
