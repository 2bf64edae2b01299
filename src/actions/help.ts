import { z } from "zod";
import { zh } from "../messages/zh.ts";
import { text } from "../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionDef } from "./action.ts";

/** Help is generated from the registry it belongs to: one line per command the user may
 * run (an example and what it does), or one command's full usage. */
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
        const one = mine.find((a) => [a.command, ...a.aliases].some((w) => w.toLowerCase() === p.command!.toLowerCase()));
        if (!one) return [text(zh.unknownCommand(p.command))];
        return [text(zh.helpOne(one.command, one.summary, one.usage, one.example))];
      }
      return [text([zh.helpTitle, ...mine.map((a) => zh.helpLine(a.example, a.summary)), zh.helpFooter].join("\n"))];
    },
  });
}
