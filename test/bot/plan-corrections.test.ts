// Correcting a 我理解为 card through the signed webhook, in the words a rep uses: the P0
// sequence of issue 12 (a won deal whose 成交金额 is corrected), field names and synonyms,
// a bare time or amount when the plan has one field of that kind, 改成 / 不是…是….
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";
import { planText } from "../support/plan-view.ts";

let h: Harness;
let opp = 0;
beforeAll(async () => {
  h = await startHarness({
    crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n",
    dispatcher: { perRecipientPerMinute: 10_000, perRecipientPerHour: 100_000 },
  });
  h.fake.users = { wangfang: "王芳" };
  // The seed's deal: 上海嘉禾信息科技有限公司, owned by wangfang, at 报价谈判 for 56万.
  await say("wangfang", "新建线索 陈建国 13812345678 上海嘉禾信息科技有限公司 展会 产品:CRM");
  await say("wangfang", "转化 陈建国");
  opp = (await db().opportunity.findFirstOrThrow()).code;
  await say("wangfang", `商机 #${opp} 需求:销售团队80人 预算:60万 金额:56万 决策人:陈建国`);
  for (const stage of ["需求确认", "方案演示", "报价谈判"]) await say("wangfang", `推进 #${opp} ${stage}`);
});
afterAll(() => h.dispose());

const db = () => h.tdb.db.prisma;
async function say(who: string, text: string): Promise<string> {
  const n = h.fake.sentMessages().length;
  await h.sendText(who, text);
  await h.drain();
  if (process.env["DEBUG_SAY"]) for (const c of h.fake.sentMessages().slice(n)) console.log(text, "→", JSON.stringify(c["template_card"] ?? c["text"]));
  return sentTexts(h.fake, who).at(-1)!;
}
const cardText = (who: string) => planText(h.fake, who);

describe("corrections of a plan", () => {
  it("the P0 sequence: 赢单 52万 → 修改 成交金额53万 → the card says 53万, and 确认 wins at 53万", async () => {
    expect((await db().opportunity.findFirstOrThrow()).stage).toBe("报价谈判");
    expect(await say("wangfang", "嘉禾那单搞定了，最后签了52万")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/成交金额：52万/);
    expect(await say("wangfang", "修改 成交金额53万")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/成交金额：53万/);
    expect(await say("wangfang", "修改 成交金额:53.5万")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/成交金额：53\.5万/);
    expect(await say("wangfang", "修改 金额53万")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/成交金额：53万/);
    await say("wangfang", "确认");
    const won = await db().opportunity.findFirstOrThrow();
    expect(won.stage).toBe("赢单");
    expect(Number(won.amount)).toBe(530_000);
  });

  it("a bare amount, 改成 and 不是…是… change the only amount on the plan", async () => {
    await say("wangfang", "新建客户 苏州恒瑞");
    await say("wangfang", "跟进 苏州恒瑞 初次电话");
    const code = (await db().opportunity.findFirst({ where: { stage: { not: "赢单" } } }))?.code;
    expect(code).toBeUndefined(); // no open deal: the budget goes on a new one below
    await say("wangfang", "新建线索 周八 13900001111 杭州云帆 展会");
    await say("wangfang", "转化 周八");
    expect(await say("wangfang", "云帆的预算是50万")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/预算：50万$/);
    for (const [said, shown] of [
      ["修改 55万", "55万"],
      ["预算改成60万", "60万"],
      ["不是60万是65万", "65万"],
      ["修改 金额不是65万，是七十万", "70万"],
      ["改成 八十万", "80万"],
    ] as const) {
      expect(await say("wangfang", said), said).toBe("[card] 我理解为（1 项）：");
      expect(cardText("wangfang"), said).toMatch(new RegExp(`预算：${shown}(\\n|$)`));
    }
    expect(await say("wangfang", "取消")).toBe("好的，已取消，什么都没有改。");
  });

  it("a follow-up's next time: 修改 下周四, 修改 明天下午2点, 下次改到周五, 时间:…", async () => {
    h.clock.set(new Date("2026-11-23T02:00:00Z")); // Mon 10:00 Shanghai
    expect(await say("wangfang", "今天去了云帆，聊了方案，下周三再约")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/下次：12月2日 09:00/);
    expect(await say("wangfang", "修改 下周四")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/下次：12月3日 09:00/);
    expect(await say("wangfang", "修改 明天下午2点")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/下次：11月24日 14:00/);
    expect(await say("wangfang", "下次改到周五上午10点")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/下次：11月27日 10:00/);
    expect(await say("wangfang", "修改 时间：后天")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/下次：11月25日 09:00/);
    expect(await say("wangfang", "修改 内容：聊了实施方案")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/跟进内容：聊了实施方案/);
    expect(await say("wangfang", "修改 方式 微信")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/方式：微信/);
    await say("wangfang", "确认");
    const f = await db().followUp.findFirstOrThrow({ where: { content: "聊了实施方案" } });
    expect(f.channel).toBe("微信");
    expect(f.nextAt?.toISOString()).toBe("2026-11-25T01:00:00.000Z");
  });

  it("a reminder's time and what to do are corrected separately", async () => {
    h.clock.set(new Date("2026-11-23T02:00:00Z"));
    expect(await say("wangfang", "明天下午3点记得给陈建国打电话")).toBe("[card] 我理解为（1 项）：");
    expect(await say("wangfang", "修改 后天上午10点")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/11月25日 10:00 给陈建国打电话/);
    expect(await say("wangfang", "修改 内容 发报价单")).toBe("[card] 我理解为（1 项）：");
    expect(cardText("wangfang")).toMatch(/11月25日 10:00 发报价单/);
    await say("wangfang", "确认");
    const r = await db().reminder.findFirstOrThrow({ where: { content: { contains: "发报价单" } } });
    expect(r.dueAt.toISOString()).toBe("2026-11-25T02:00:00.000Z");
  });

  it("what fits no field is said plainly; a wrong value for a field changes nothing", async () => {
    expect(await say("wangfang", "云帆的预算是50万")).toBe("[card] 我理解为（1 项）：");
    expect(await say("wangfang", "修改 预算 很多")).toMatch(/不像是预算/);
    expect(await say("wangfang", "修改 随便")).toMatch(/^没看懂要改什么/);
    expect(await say("wangfang", "确认")).toMatch(/预算 50万/);
  });
});
