import { z } from "zod";
import { zh } from "../messages/zh.ts";
import { text } from "../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionDef } from "./action.ts";

/** Help is generated from the registry it belongs to: the commands the user may run,
 * grouped by topic (the registry name's prefix) so it fits one message, with a few
 * examples; or one command's full usage. */
/** The everyday commands whose examples the overview shows. */
const HELP_EXAMPLES = ["lead.create", "followup.create", "search", "reminder.create", "opportunity.advance"];

export function helpAction(list: () => readonly ActionDef[]) {
  return defineAction({
    name: "help",
    command: "帮助",
    aliases: ["help", "?", "？", "菜单"],
    summary: "列出你能用的指令；「帮助 指令」看完整用法",
    usage: "帮助 [指令]",
    example: "帮助 新建线索",
    params: z.object({ command: z.string().trim().max(16).optional() }),
    labels: { command: "指令" },
    positional: ["command"],
    roles: ALL_ROLES,
    effect: "read",
    async run(ctx, p) {
      const mine = list().filter((a) => a.roles.includes(ctx.actor.role));
      if (p.command) {
        const named = (a: ActionDef) => [a.command, ...a.aliases].some((w) => w.toLowerCase() === p.command!.toLowerCase());
        const one = mine.find(named);
        // a command that exists but is not for this role is said so, not denied to exist
        const other = one ? undefined : list().find(named);
        if (other) return [text(zh.notAllowed(other.command))];
        if (!one) return [text(zh.unknownCommand(p.command))];
        return [text(zh.helpOne(one.command, one.summary, one.usage, one.example))];
      }
      const groups = new Map<string, string[]>();
      for (const a of mine) {
        const label = zh.helpGroups[a.name.split(".")[0]!] ?? zh.helpOtherGroup;
        groups.set(label, [...(groups.get(label) ?? []), a.command]);
      }
      const lines = [...groups].map(([label, commands]) => zh.helpGroupLine(label, commands));
      const examples = mine.filter((a) => HELP_EXAMPLES.includes(a.name)).map((a) => zh.helpExample(a.example));
      return [text([zh.helpTitle, ...lines, zh.helpExamplesTitle, ...examples, zh.helpFooter].join("\n"))];
    },
  });
}
