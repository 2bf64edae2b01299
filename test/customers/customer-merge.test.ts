// 合并 through the signed webhook: B's contacts, follow-ups, opportunities, reminders and
// pool history move to A, duplicates collapse, B is deleted; scopes and roles hold.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, type Harness } from "../support/harness.ts";
import { DAY, sayer, setUpTeam, startPoolHarness, userId } from "../support/pool-fixtures.ts";

let h: Harness;
const say = sayer(() => h);
const prisma = () => h.tdb.db.prisma;
const byName = (name: string) => prisma().customer.findFirstOrThrow({ where: { name } });

beforeAll(async () => {
  h = await startPoolHarness("{}\n", { CRM_ADMINS: "it_admin" });
  await setUpTeam(h, { rep_a: "王芳", rep_b: "李强", boss: "陈经理", rep_z: "周外" }, "华东", ["rep_a", "rep_b", "boss"], "boss");
  // A: 华为技术有限公司 (rep_a), contact 张伟. B: 华为终端 (rep_b), contacts 李娜 and a duplicate 张伟.
  await say("rep_a", "新建线索 张伟 13811112222 华为技术有限公司 展会");
  await say("rep_a", "转化 张伟");
  await say("rep_b", "新建线索 李娜 13822223333 华为终端 展会");
  await say("rep_b", "转化 李娜");
  await say("rep_b", "跟进 华为终端 上门拜访");
  await say("rep_z", "新建线索 孙丽 13833334444 腾讯");
  await say("rep_z", "转化 孙丽");
  const [a, b] = [await byName("华为技术有限公司"), await byName("华为终端")];
  await prisma().customer.update({ where: { id: a.id }, data: { tags: ["重点"], customFields: { source: "展会" } } });
  await prisma().customer.update({ where: { id: b.id }, data: { tags: ["重点", "华南"], industry: "通信", customFields: { source: "官网", size: "500人" } } });
  await prisma().contact.create({ data: { customerId: b.id, name: "张伟", initials: "zw", phone: "13811112222", title: "CTO" } });
  await prisma().reminder.create({
    data: { userId: await userId(h, "rep_b"), dueAt: new Date(h.clock.now().getTime() + DAY), content: "回访", kind: "follow_up", refType: "customer", refId: b.id },
  });
  await prisma().poolEvent.create({ data: { customerId: b.id, kind: "claimed", toUserId: await userId(h, "rep_b"), at: h.clock.now() } });
});
afterAll(() => h.dispose());

describe("合并", () => {
  it("a rep may not merge", async () => {
    expect(await say("rep_a", "合并 华为技术 华为终端")).toBe("你没有权限使用「合并」。如需开通请联系管理员。");
    expect(await prisma().customer.count()).toBe(3);
  });

  it("a customer cannot be merged with itself", async () => {
    const a = await byName("华为技术有限公司");
    expect(await say("boss", `合并 #${a.code} 华为技术`)).toBe(`不能把客户 #${a.code} 华为技术有限公司 和它自己合并。`);
  });

  it("a customer outside the manager's team is not found, and the attempt is audited", async () => {
    expect(await say("boss", "合并 华为技术 腾讯")).toBe("找不到客户「腾讯」。可用客户名、联系人姓名或 #编号。");
    const denied = await prisma().auditEntry.findFirstOrThrow({ where: { action: "write_denied", entity: "customer" } });
    expect(denied.detail).toEqual({ ref: "腾讯" });
    expect(await prisma().customer.count()).toBe(3);
  });

  it("moves everything from B to A, collapses the duplicate contact, fills A's gaps and deletes B", async () => {
    const [a, b] = [await byName("华为技术有限公司"), await byName("华为终端")];
    const reply = await say("boss", "合并 华为技术 华为终端");
    expect(reply).toBe(
      `已把客户 #${b.code} 华为终端 并入 #${a.code} 华为技术有限公司：联系人 2 个（其中 1 个重复的已合并）、跟进 1 条、商机 1 个、提醒 1 条。#${b.code} 已删除。`,
    );
    expect(await prisma().customer.findUnique({ where: { id: b.id } })).toBeNull();
    const merged = await prisma().customer.findUniqueOrThrow({
      where: { id: a.id },
      include: { contacts: { orderBy: { name: "asc" } }, followUps: true, opportunities: true, poolEvents: true },
    });
    expect(merged.contacts.map((c) => [c.name, c.phone, c.title])).toEqual([
      ["张伟", "13811112222", "CTO"], // B's copy filled A's empty title, then went away
      ["李娜", "13822223333", null],
    ]);
    expect(merged.followUps.map((f) => f.content)).toEqual(["上门拜访"]);
    expect(merged.opportunities.map((o) => o.name).sort()).toEqual(["华为技术有限公司", "华为终端"]);
    expect(merged.poolEvents.map((e) => e.kind)).toEqual(["claimed"]);
    expect(merged).toMatchObject({ ownerId: await userId(h, "rep_a"), tags: ["重点", "华南"], industry: "通信", customFields: { source: "展会", size: "500人" } });
    expect(await prisma().reminder.findFirstOrThrow({ where: { content: "回访" } })).toMatchObject({ refType: "customer", refId: a.id });
    const audits = await prisma().auditEntry.findMany({ where: { entityId: { in: [a.id, b.id] }, action: { in: ["merge", "merge_into"] } } });
    expect(audits.map((x) => x.action).sort()).toEqual(["merge", "merge_into"]);
    const snapshot = audits.find((x) => x.action === "merge_into")!.detail as { before: { name: string; contacts: Array<{ name: string }> }; into: string };
    expect(snapshot.before.name).toBe("华为终端");
    expect(snapshot.before.contacts.map((c) => c.name).sort()).toEqual(["张伟", "李娜"]);
    expect(snapshot.into).toBe(a.id);
    expect(sentTexts(h.fake, "rep_b").at(-1)).toBe(`陈经理 把你的客户 #${b.code} 华为终端 并入了 #${a.code} 华为技术有限公司，跟进和商机都在 #${a.code} 里。`);
    expect(await say("rep_a", "跟进记录 华为技术")).toContain("上门拜访");
  });
});
