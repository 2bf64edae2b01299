import { z } from "zod";
import { createApiToken, listApiTokens, revokeApiToken } from "../../auth/api-tokens.ts";
import { zh } from "../../messages/zh.ts";
import { zhTeam } from "./messages.ts";
import { text } from "../../render/reply.ts";
import { defineAction } from "../../actions/action.ts";

const day = (d: Date, timeZone: string) => new Intl.DateTimeFormat("zh-CN", { timeZone, dateStyle: "short" }).format(d);

export const apiTokenAction = defineAction({
  name: "admin.api_token",
  command: "令牌",
  aliases: ["token", "apitoken"],
  summary: "管理接口令牌：新建（只显示一次）、列表、吊销（管理员）",
  usage: "令牌 新建|列表|吊销 [名称]",
  example: "令牌 新建 官网表单",
  params: z.discriminatedUnion("op", [
    z.object({ op: z.enum(["新建", "create"]), name: z.string().trim().min(1).max(32) }),
    z.object({ op: z.enum(["吊销", "revoke"]), name: z.string().trim().min(1).max(32) }),
    z.object({ op: z.enum(["列表", "list"]) }),
  ], { error: "操作只能是：新建、列表、吊销" }),
  labels: { op: "操作（新建、列表、吊销）", name: "名称" },
  positional: ["op", "name"],
  roles: ["admin"],
  effect: "write",
  freeText: "off",
  async run(ctx, p) {
    if (p.op === "新建" || p.op === "create") {
      const r = await createApiToken(ctx.tx, ctx.actor, p.name, ctx.now);
      return "exists" in r ? [text(zhTeam.tokenExists(p.name))] : [{ kind: "text", text: zhTeam.tokenCreated(p.name, r.token), sensitive: true }];
    }
    if (p.op === "吊销" || p.op === "revoke") {
      return [text((await revokeApiToken(ctx.tx, ctx.actor, p.name, ctx.now)) ? zhTeam.tokenRevoked(p.name) : zhTeam.tokenNotFound(p.name))];
    }
    const tokens = await listApiTokens(ctx.tx);
    if (tokens.length === 0) return [text(zhTeam.tokenListEmpty)];
    return [
      text(
        tokens
          .map((t) =>
            zhTeam.tokenListLine(
              t.name,
              zh.whoName(t.createdBy.name, t.createdBy.wecomUserId),
              t.revokedAt ? zhTeam.tokenStateRevoked : zhTeam.tokenStateActive(t.lastUsedAt ? day(t.lastUsedAt, ctx.timeZone) : null),
            ),
          )
          .join("\n"),
      ),
    ];
  },
});
