// Where 回款 shows up besides its own commands: the customer's 360° card (contracts, paid,
// owed, overdue, the next instalment), 今日待办 (instalments due soon and overdue) and the
// manager's weekly report (回款 per rep and in total) — through the signed webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, say } from "./fixtures.ts";

let h: Harness;
let c = { id: "", code: 0, number: "" };
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "rs_admin" }, crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n" });
  h.fake.users = { rs_rep: "王芳", rs_boss: "陈经理", rs_admin: "管理员" };
  await say(h, "rs_boss", "帮助");
  await say(h, "rs_rep", "帮助");
  await say(h, "rs_admin", "团队 新建 华东");
  await say(h, "rs_admin", "团队 加入 华东 rs_rep");
  await say(h, "rs_admin", "团队 加入 华东 rs_boss");
  await say(h, "rs_admin", "团队 角色 rs_boss 主管");
  await say(h, "rs_admin", "团队 主管 rs_rep rs_boss");
  const huawei = await customerOf(h, "rs_rep", "华为技术有限公司", "13811112233");
  c = await contractFor(h, "rs_rep", huawei, 30_000_000);
});
afterAll(() => h.dispose());

describe("回款 on other surfaces", () => {
  it("the 360° card, 今日待办 and the weekly report show the money", async () => {
    const today = h.clock.now().toISOString().slice(0, 10);
    const addDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    // 10万 overdue since 5 days ago (3万 of it paid), 10万 due in 2 days, 10万 later
    await say(h, "rs_rep", `回款计划 ${c.number} ${addDays(-5)} 10万，${addDays(2)} 10万，${addDays(40)} 10万`);
    expect((await say(h, "rs_rep", `回款 ${c.number} 3万 ${today}`))[0]).toContain("已记录回款");

    const card = (await say(h, "rs_rep", "客户 华为技术有限公司"))[0]!;
    expect(card).toContain("合同 1 份 30万：已回款 3万，未回 27万，其中逾期 7万");
    expect(card).toContain(`下一期回款：${c.number} ${addDays(2)} 10万`);

    const agenda = (await say(h, "rs_rep", "今日待办")).join("\n");
    expect(agenda).toContain("回款：");
    expect(agenda).toContain(`${c.number}（华为技术有限公司）第1期 ${addDays(-5)} 7万（逾期）`);
    expect(agenda).toContain(`${c.number}（华为技术有限公司）第2期 ${addDays(2)} 10万（待回款）`);
    expect(agenda).not.toContain("第3期");

    // Monday 09:05 next week: the report for the week the payment fell in (Nov 23–29)
    h.clock.set(new Date("2026-11-30T01:05:00Z"));
    await h.runJobs();
    await h.drain();
    const report = h.fake.sentMessages().filter((m) => m["touser"] === "rs_boss" && m["msgtype"] === "markdown").map((m) => JSON.stringify(m));
    expect(report).toHaveLength(1);
    expect(report[0]).toContain("> 王芳：新线索 1 · 跟进 0 · 推进 0 · 赢单 0 · 输单 0 · 回款 3万");
    expect(report[0]).toContain("输单 0 · 回款 3万\"");
  });
});
