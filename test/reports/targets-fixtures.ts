// The organisation behind the targets and leaderboard tests, built through chat: 华东一组
// (manager 陈经理, reps 王芳 and 李雷) and 华南组 (rep 赵六); customers by 新建线索 → 转化,
// deals won by 赢单, contracts from the contracts domain and 回款 recorded by the 回款 command.
import { createApiToken } from "../../src/auth/api-tokens.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, say } from "../receivables/fixtures.ts";

export { say };

export async function startOrg(): Promise<Harness> {
  const h = await startHarness({ env: { CRM_ADMINS: "tg_admin" }, crmYaml: "opportunities:\n  winFromLastStages: 0\n" });
  h.fake.users = { tg_admin: "管理员", tg_boss: "陈经理", tg_wang: "王芳", tg_li: "李雷", tg_zhao: "赵六" };
  for (const who of ["tg_boss", "tg_wang", "tg_li", "tg_zhao"]) await say(h, who, "帮助");
  for (const line of ["团队 新建 华东一组", "团队 新建 华南组", "团队 加入 华东一组 tg_boss", "团队 加入 华东一组 tg_wang", "团队 加入 华东一组 tg_li", "团队 加入 华南组 tg_zhao", "团队 角色 tg_boss 主管"])
    await say(h, "tg_admin", line);
  return h;
}

/** A new customer of `who` with its opportunity won at `amount` (as typed after 赢单). */
export async function winDeal(h: Harness, who: string, company: string, phone: string, amount: string): Promise<string> {
  const cust = await customerOf(h, who, company, phone);
  const opp = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { customerId: cust }, orderBy: { code: "desc" } });
  const said = await say(h, who, `赢单 #${opp.code} ${amount}`);
  if (!said[0]?.startsWith("恭喜")) throw new Error(`win failed: ${said.join(" ")}`);
  return cust;
}

/** A 10万 contract of `who` for the customer, with one instalment, and a payment of `amount`. */
export async function receive(h: Harness, who: string, customerId: string, amount: string): Promise<void> {
  const c = await contractFor(h, who, customerId, 10_000_000);
  await say(h, who, `回款计划 ${c.number} 2026-12-31 10万`);
  const said = await say(h, who, `回款 ${c.number} ${amount}`);
  if (!said[0]?.startsWith("已记录回款")) throw new Error(`payment failed: ${said.join(" ")}`);
}

/** November 2026 (the harness's clock): 王芳 wins 48万 and 12,345.67 元 and receives 3万;
 * 李雷 gets a customer, two follow-ups and 5万; 赵六 (the other team) wins 100万. */
export async function novemberBusiness(h: Harness): Promise<void> {
  const hw = await winDeal(h, "tg_wang", "华为技术有限公司", "13811112201", "48万");
  await winDeal(h, "tg_wang", "小米科技有限公司", "13811112202", "12345.67");
  await receive(h, "tg_wang", hw, "3万");
  const wy = await customerOf(h, "tg_li", "网易有限公司", "13811112203");
  await say(h, "tg_li", "跟进 网易 聊了需求");
  await say(h, "tg_li", "跟进 网易 发了方案");
  await receive(h, "tg_li", wy, "5万");
  await winDeal(h, "tg_zhao", "字节跳动有限公司", "13811112204", "100万");
}

/** An API token owned by `who`, as 令牌 新建 makes it (only an admin's token is accepted). */
export async function tokenOf(h: Harness, who: string): Promise<string> {
  const prisma = h.tdb.db.prisma;
  const user = await prisma.user.findUniqueOrThrow({ where: { wecomUserId: who } });
  const r = await prisma.$transaction((tx) => createApiToken(tx, user, `t-${who}`, h.clock.now()));
  if (!("token" in r)) throw new Error("token exists");
  return r.token;
}

/** Image messages sent to `who` so far. */
export const imagesTo = (h: Harness, who: string): number => h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "image").length;
