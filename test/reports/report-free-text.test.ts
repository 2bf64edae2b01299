// Reports asked in plain words through the signed webhook (offline parser): reads answer at
// once in the asker's scope; a target said in words is a write — a card, 修改 in 元, then 确认 —
// and is stored in 元 as said (50万 is 50万, not 5,000 元).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "it_admin" }, dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 } });
  h.fake.users = { rep_a: "王芳", boss: "赵总", it_admin: "管理员" };
  for (const line of ["团队 新建 华东一组", "团队 加入 华东一组 rep_a", "团队 加入 华东一组 boss", "团队 角色 boss 主管", "团队 主管 rep_a boss"]) await say("it_admin", line);
  await say("rep_a", "帮助");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  const before = sentTexts(h.fake, who).length;
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).slice(before).join("\n");
}

describe("reports in plain words", () => {
  it("a target said in words is stored as said, also after 修改", async () => {
    const card = await say("boss", "给王芳定个12月目标 成交50万 回款40万");
    expect(card).toContain("我理解为");
    const fixed = await say("boss", "修改 成交目标 60万");
    expect(fixed).not.toContain("没能理解");
    expect(await say("boss", "确认")).toContain("成交 60万");
    expect(await say("boss", "目标 王芳 2026-12")).toContain("回款 40万");
  });

  it("questions answer at once in the asker's scope", async () => {
    expect(await say("boss", "12月王芳的业绩怎么样")).toContain("王芳");
    expect(await say("rep_a", "这个月谁回款最多")).toMatch(/回款排行/);
    expect(await say("rep_a", "赵总的业绩怎么样")).toMatch(/看不到|无权|只能/);
    expect(await say("boss", "漏斗发我看看")).toMatch(/销售漏斗/);
    // 上上月 is two months back (the test clock is in 2026-11), not 上月 inside it.
    expect(await say("boss", "上上月业绩怎么样")).toContain("2026年9月");
  });
});
