// Shared set-up for the funnel and team-view tests: two teams made in chat by an admin —
// 华东 (王芳 f_rep, her manager 陈经理 f_mgr) and 华南 (李雷 g_rep, his manager 赵经理 g_mgr) —
// deals made from leads (新建线索 → 转化) and moved with the real commands.
import { sentTexts, type Harness } from "../support/harness.ts";

export const PEOPLE = { fa_admin: "管理员", f_rep: "王芳", f_mgr: "陈经理", g_rep: "李雷", g_mgr: "赵经理" };

/** Sends a line a minute after the last one; returns the texts it got back. */
export async function say(h: Harness, who: string, line: string): Promise<string[]> {
  h.clock.advance(60_000);
  const before = sentTexts(h.fake, who).length;
  await h.sendText(who, line);
  await h.drain();
  return sentTexts(h.fake, who).slice(before);
}

export const one = async (h: Harness, who: string, line: string): Promise<string> => (await say(h, who, line)).join("\n");

export async function twoTeams(h: Harness): Promise<void> {
  h.fake.users = PEOPLE;
  for (const line of [
    "团队 新建 华东",
    "团队 新建 华南",
    "团队 加入 华东 f_rep",
    "团队 加入 华东 f_mgr",
    "团队 加入 华南 g_rep",
    "团队 加入 华南 g_mgr",
    "团队 角色 f_mgr 主管",
    "团队 角色 g_mgr 主管",
    "团队 主管 f_rep f_mgr",
    "团队 主管 g_rep g_mgr",
  ])
    await say(h, "fa_admin", line);
}

let phone = 13900000000;
/** A lead converted by `who`: its new opportunity's code. */
export async function dealOf(h: Harness, who: string, contact: string, company: string): Promise<number> {
  await say(h, who, `新建线索 ${contact} ${++phone} ${company} 展会 产品:CRM`);
  await say(h, who, `转化 ${contact}`);
  const opp = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { customer: { name: company } } });
  return opp.code;
}

export const days = (h: Harness, n: number) => h.clock.advance(n * 86_400_000);
