import { z } from "zod";
import { zh } from "../messages/zh.ts";
import { text } from "../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionDef } from "./action.ts";

/** Help is generated from the registry it belongs to. */
export function helpAction(list: () => readonly ActionDef[]) {
  return defineAction({
    name: "help",
    command: "帮助",
    aliases: ["help", "?", "？", "菜单"],
    summary: "列出所有指令",
    usage: "帮助",
    example: "帮助",
    params: z.object({}),
    labels: {},
    positional: [],
    roles: ALL_ROLES,
    effect: "read",
    async run(ctx) {
      const lines = list()
        .filter((a) => a.roles.includes(ctx.actor.role))
        .map((a) => zh.helpLine(a.usage, a.summary, a.example));
      return [text([zh.helpTitle, ...lines, zh.helpFooter].join("\n"))];
    },
  });
}
