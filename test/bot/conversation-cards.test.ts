// The cards of a conversation through the signed webhook: every card sent has a task_id
// of its own (WeCom refuses one the app already used), also when the bot shows the same
// question again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n",
    dispatcher: { perRecipientPerMinute: 10_000, perRecipientPerHour: 100_000 },
  });
  await say("rep_a", "新建客户 腾讯科技");
  await say("rep_a", "新建客户 腾讯音乐");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const taskIds = (who: string) =>
  h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").map((m) => (m["template_card"] as { task_id: string }).task_id);

describe("conversation cards", () => {
  it("a choice shown again on 确认 / 好的 gets a fresh task_id; so does every card of the conversation", async () => {
    expect(await say("rep_a", "跟腾讯打了电话，聊了续约")).toBe("[card] 「腾讯」指的是哪一个？");
    expect(await say("rep_a", "确认")).toBe("[card] 「腾讯」指的是哪一个？");
    expect(await say("rep_a", "好的")).toBe("[card] 「腾讯」指的是哪一个？");
    expect(await say("rep_a", "1")).toBe("[card] 我理解为（1 项）：");
    expect(await say("rep_a", "修改 内容：聊了续约和扩容")).toBe("[card] 我理解为（1 项）：");
    expect(await say("rep_a", "确认")).toMatch(/^已记录对 腾讯/);
    const ids = taskIds("rep_a");
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/);
  });

  it("a number answers the most recent thing shown: after a list typed meanwhile, 1 no longer picks the older choice", async () => {
    expect(await say("rep_a", "跟腾讯打了电话，聊了报价")).toBe("[card] 「腾讯」指的是哪一个？");
    expect(await say("rep_a", "查 腾讯")).toMatch(/腾讯科技[\s\S]*腾讯音乐|腾讯音乐[\s\S]*腾讯科技/);
    expect(await say("rep_a", "1")).not.toMatch(/^\[card\] 我理解为/);
    // The choice itself still works once it is shown again.
    expect(await say("rep_a", "好的")).toBe("[card] 「腾讯」指的是哪一个？");
    expect(await say("rep_a", "1")).toBe("[card] 我理解为（1 项）：");
    expect(await say("rep_a", "取消")).toBe("好的，已取消，什么都没有改。");
  });

  it("choices too long for a card's lines are listed whole as text, the card keeps the buttons", async () => {
    const long = "上海星河数字信息科技集团股份有限公司华东区域销售";
    await say("rep_a", `新建客户 ${long}一部`);
    await say("rep_a", `新建客户 ${long}二部 仍然新建`); // one character apart: a likely duplicate
    expect(await say("rep_a", "跟星河打了电话，聊了报价")).toBe("[card] 「星河」指的是哪一个？");
    const texts = sentTexts(h.fake, "rep_a");
    expect(texts.at(-2)).toMatch(new RegExp(`^「星河」指的是哪一个？\\n1\\. ${long}.部（客户#\\d+）\\n2\\. ${long}.部（客户#\\d+）`));
    expect(texts.at(-2)).not.toContain("…");
    expect(await say("rep_a", "2")).toBe("[card] 我理解为（1 项）：");
    expect(await say("rep_a", "取消")).toBe("好的，已取消，什么都没有改。");
  });
});
