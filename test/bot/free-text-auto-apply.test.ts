// A team may trust some writes from free text: `freeText.autoApply` lists them, and they run
// without a confirmation card; everything else still waits for 确认.
import { afterAll, beforeAll, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ crmYaml: "freeText:\n  autoApply: [followup.create]\nreminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n" });
  await say("rep_a", "新建客户 星河科技");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}

it("a listed write applies at once; an unlisted one still asks", async () => {
  expect(await say("rep_a", "今天给星河科技打了电话，聊了报价")).toBe("已记录对 星河科技 的跟进。");
  expect(await h.tdb.db.prisma.followUp.count()).toBe(1);
  expect(await say("rep_a", "把星河科技设为重点客户")).toBe("[card] 我理解为（1 项）：");
  expect((await h.tdb.db.prisma.customer.findFirstOrThrow()).level).toBeNull();
});
