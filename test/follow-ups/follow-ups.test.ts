// 跟进 and 跟进记录 through the signed webhook: history, reminders, scopes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.users = { rep_a: "王芳", rep_b: "李强" };
  await say("rep_a", "新建线索 张伟 13811112222 华为技术有限公司 展会");
  await say("rep_a", "转化 张伟");
  await say("rep_a", "新建线索 赵敏 13822223333");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}

describe("跟进", () => {
  it("records a follow-up on a customer (by its short name) and a reminder for next time", async () => {
    const reply = await say("rep_a", "跟进 华为技术 聊了报价，预算大概 50 万 下次 明天下午3点 方式:电话");
    expect(reply).toBe("已记录对 华为技术有限公司 的跟进。下次跟进：11月24日 15:00，到时提醒你。");
    const customer = await h.tdb.db.prisma.customer.findFirstOrThrow({ include: { followUps: true } });
    expect(customer.lastFollowUpAt?.toISOString()).toBe(h.clock.now().toISOString());
    expect(customer.followUps.at(-1)).toMatchObject({ content: "聊了报价，预算大概 50 万", channel: "电话" });
    const reminder = await h.tdb.db.prisma.reminder.findFirstOrThrow({ include: { user: true } });
    expect(reminder).toMatchObject({ kind: "follow_up", status: "pending", refType: "customer", refId: customer.id });
    expect(reminder.dueAt.toISOString()).toBe("2026-11-24T07:00:00.000Z");
    expect(reminder.user.wecomUserId).toBe("rep_a");
  });

  it("finds a customer by a contact's name, and a lead by its name (which becomes contacted)", async () => {
    h.clock.advance(60_000);
    expect(await say("rep_a", "跟进 张伟 发了方案")).toBe("已记录对 华为技术有限公司 的跟进。");
    expect(await say("rep_a", "fu 赵敏 第一次电话，没接")).toBe("已记录对 赵敏 的跟进。");
    expect((await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { name: "赵敏" } })).status).toBe("contacted");
  });

  it("explains a time it cannot read, and a missing content", async () => {
    const bad = await say("rep_a", "跟进 华为 聊了 下次 改天吧");
    expect(bad).toMatch(/^看不懂「改天吧」这个时间/);
    expect(bad).toContain("用法：跟进 <客户|联系人|线索>");
    expect(await say("rep_a", "跟进 华为")).toContain("缺少跟进内容");
    expect(await h.tdb.db.prisma.followUp.count({ where: { content: "聊了" } })).toBe(0);
  });

  it("跟进记录 shows the whole history, newest first, to whoever may see the customer", async () => {
    const history = await say("rep_a", "跟进记录 华为");
    const lines = history.split("\n");
    expect(lines[0]).toBe("华为技术有限公司 的跟进记录（共 2 条）：");
    expect(lines[1]).toBe("11月23日 10:01 王芳（企业微信）：发了方案");
    expect(lines[2]).toBe("11月23日 10:00 王芳（电话）：聊了报价，预算大概 50 万　→ 下次 11月24日 15:00");
  });

  it("another rep can neither record nor read it; the attempts are audited", async () => {
    expect(await say("rep_b", "跟进 华为 想抢单")).toBe("找不到客户或线索「华为」。可用客户名、联系人姓名、线索姓名或 #编号。");
    expect(await say("rep_b", "跟进记录 华为")).toContain("找不到客户或线索「华为」");
    const denied = await h.tdb.db.prisma.auditEntry.findMany({ where: { entity: "customer_or_lead" } });
    expect(denied.map((d) => d.action).sort()).toEqual(["read_denied", "write_denied"]);
  });
});
