import { z } from "zod";
import { createTeam, findOrRegisterUser, teamsWithMembers, updateUser } from "./teams.ts";
import type { User } from "../../auth/users.ts";
import { zh } from "../../messages/zh.ts";
import { zhTeam } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import { defineAction, type ActionContext } from "../../actions/action.ts";

const ROLE_WORDS: Record<string, User["role"]> = { 销售: "rep", rep: "rep", 主管: "manager", manager: "manager", 管理员: "admin", admin: "admin" };
const list = (v: string | undefined) => (v ? v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean) : []);
const who = (u: User) => zh.whoName(u.name, u.wecomUserId);
const name = z.string().trim().min(1).max(64);

const params = z.discriminatedUnion(
  "op",
  [
    z.object({ op: z.enum(["新建", "create"]), a: name, regions: z.string().optional(), products: z.string().optional() }),
    z.object({ op: z.enum(["加入", "join"]), a: name, b: name }),
    z.object({ op: z.enum(["角色", "role"]), a: name, b: z.string().refine((r) => r in ROLE_WORDS, "角色只能是：销售、主管、管理员") }),
    z.object({ op: z.enum(["主管", "manager"]), a: name, b: name }),
    z.object({ op: z.enum(["列表", "list"]) }),
  ],
  { error: zhTeam.teamOps },
);

async function user(ctx: ActionContext, ref: string): Promise<User | Reply> {
  return (await findOrRegisterUser(ctx.tx, ref)) ?? text(zh.userNotFound(ref));
}
const isReply = (x: User | Reply): x is Reply => "kind" in x;

export const teamAction = defineAction({
  name: "admin.team",
  command: "团队",
  aliases: ["team"],
  summary: "组织架构：新建团队、加人、设角色和主管、查看（管理员）",
  usage: "团队 新建 <团队> [地区:…] [产品:…] | 加入 <团队> <成员> | 角色 <成员> <销售|主管|管理员> | 主管 <成员> <主管> | 列表",
  example: "团队 新建 华东一组 地区:上海,江苏",
  params,
  labels: { op: "操作", a: "团队或成员", b: "成员、角色或主管" },
  positional: ["op", "a", "b"],
  named: { 地区: "regions", regions: "regions", 产品: "products", products: "products" },
  roles: ["admin"],
  effect: "write",
  freeText: "off",
  async run(ctx, p): Promise<Reply[]> {
    switch (p.op) {
      case "新建":
      case "create": {
        const regions = list(p.regions);
        const productLines = list(p.products);
        const team = await createTeam(ctx.tx, ctx.actor, { name: p.a, regions, productLines }, ctx.now);
        return [text(team ? zhTeam.teamCreated(p.a, regions, productLines) : zhTeam.teamExists(p.a))];
      }
      case "加入":
      case "join": {
        const team = await ctx.tx.team.findUnique({ where: { name: p.a } });
        if (!team) return [text(zhTeam.teamNotFound(p.a))];
        const u = await user(ctx, p.b);
        if (isReply(u)) return [u];
        await updateUser(ctx.tx, ctx.actor, u, { teamId: team.id }, ctx.now);
        return [text(zhTeam.teamJoined(who(u), team.name))];
      }
      case "角色":
      case "role": {
        const u = await user(ctx, p.a);
        if (isReply(u)) return [u];
        const role = ROLE_WORDS[p.b]!;
        await updateUser(ctx.tx, ctx.actor, u, { role }, ctx.now);
        return [text(zhTeam.roleSet(who(u), zh.roleNames[role]!))];
      }
      case "主管":
      case "manager": {
        const [u, m] = [await user(ctx, p.a), await user(ctx, p.b)];
        if (isReply(u)) return [u];
        if (isReply(m)) return [m];
        if (u.id === m.id) return [text(zhTeam.selfManager)];
        await updateUser(ctx.tx, ctx.actor, u, { managerId: m.id }, ctx.now);
        return [text(zhTeam.managerSet(who(u), who(m)))];
      }
      default: {
        const teams = await teamsWithMembers(ctx.tx);
        if (teams.length === 0) return [text(zhTeam.teamListEmpty)];
        return [
          text(
            teams
              .map((t) =>
                zhTeam.teamListLine(
                  t.name,
                  [...t.regions, ...t.productLines].join("、"),
                  t.members.map((m) => `${who(m)}（${zh.roleNames[m.role]}）`).join("、"),
                ),
              )
              .join("\n"),
          ),
        ];
      }
    }
  },
});
