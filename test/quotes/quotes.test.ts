// 报价 through the signed webhook: lines priced exactly (fen, ppm), the card after each change,
// a discount below the approval line blocks sending, sending freezes V1 and attaches the PDF,
// a later change starts V2 while V1 stays readable, and nobody outside the scope sees it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
let opp = 0;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "qa_admin" } });
  h.fake.users = { qa_rep: "王芳", qa_other: "李雷", qa_admin: "管理员" };
  await say("qa_rep", "新建线索 张伟 13811112222 华为技术有限公司 展会");
  await say("qa_rep", "转化 张伟");
  opp = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
  const p = h.tdb.db.prisma.product;
  await p.create({ data: { name: "CRM标准版", nameKey: "crm标准版", sku: "CRM-STD", unit: "套", listPriceFen: 1_200_000n, taxRatePpm: 130_000 } });
  await p.create({ data: { name: "实施服务", nameKey: "实施服务", unit: "人天", listPriceFen: 200_000n, taxRatePpm: 60_000 } });
});
afterAll(() => h.dispose());

/** A minute between messages: the outbox paces messages to one person (WeCom's per-user limit). */
async function say(who: string, text: string): Promise<string[]> {
  h.clock.advance(60_000);
  const before = sentTexts(h.fake, who).length;
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).slice(before);
}
const quote = (code: number) => h.tdb.db.prisma.quote.findUniqueOrThrow({ where: { code }, include: { lines: { orderBy: { position: "asc" } } } });

describe("报价", () => {
  let q = 0;
  it("starts on an opportunity and prices lines exactly", async () => {
    const started = await say("qa_rep", `报价 新建 商机#${opp}`);
    q = Number(/已新建报价 #(\d+)/.exec(started[0]!)![1]);
    const replies = await say("qa_rep", `报价 #${q} 加 CRM标准版 10套 85折，实施服务 5天`);
    expect(replies[0]).toBe(`[card] 报价 #${q} V1（草稿）`);
    const stored = await quote(q);
    // 12000.00 × 10 × 0.85 = 102000.00; tax 10200000 × 13/113 = 1173451.33 → 1173451
    // 2000.00 × 5 = 10000.00 at 6 %; tax 1000000 × 6/106 = 56603.77 → 56604
    expect(stored.lines.map((l) => [l.name, l.unit, l.quantityHundredths, Number(l.amountFen), Number(l.taxFen), l.discountPpm])).toEqual([
      ["CRM标准版", "套", 1000, 10_200_000, 1_173_451, 850_000],
      ["实施服务", "天", 500, 1_000_000, 56_604, 1_000_000],
    ]);
    expect([Number(stored.totalFen), Number(stored.taxFen), Number(stored.netFen), Number(stored.listTotalFen), stored.discountPpm]).toEqual([
      11_200_000, 1_230_055, 9_969_945, 13_000_000, 861_538,
    ]);
  });

  it("refuses to send below the approval line without a reason, and a line can be deleted", async () => {
    expect((await say("qa_rep", `报价 #${q} 发送`))[0]).toContain("需要审批后才能发送");
    expect((await quote(q)).status).toBe("draft");
    await say("qa_rep", `报价 #${q} 删 1`);
    expect((await quote(q)).lines.map((l) => [l.position, l.name])).toEqual([[1, "实施服务"]]);
    expect((await say("qa_rep", `报价 #${q} 删 5`))[0]).toContain("没有第 5 行");
  });

  it("sending freezes V1 with its PDF; a change starts V2 and V1 stays readable", async () => {
    const sent = await say("qa_rep", `报价 #${q} 发送`);
    expect(sent[0]).toContain(`已发送报价 #${q} V1`);
    const pdf = h.fake.uploads.at(-1)!;
    expect(pdf.filename).toBe(`报价单-${q}-V1.pdf`);
    expect(pdf.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await quote(q)).status).toBe("sent");
    await say("qa_rep", `报价 #${q} 加 培训 2次 单价:3000`);
    const v2 = await quote(q);
    expect([v2.version, v2.status, Number(v2.totalFen)]).toEqual([2, "draft", 1_600_000]);
    const v1 = await say("qa_rep", `报价 #${q} V1`);
    expect(v1[0]).toContain(`报价 #${q} V1`);
    expect(v1[0]).toContain("实施服务");
    expect(v1[0]).not.toContain("培训");
    expect(v1[0]).toContain("大写：人民币壹万元整");
  });

  it("a free item needs a price; a typo gets an explanation; others do not see the quote", async () => {
    expect((await say("qa_rep", `报价 #${q} 加 神秘服务 2次`))[0]).toContain("请写单价");
    expect((await say("qa_rep", `报价 #${q} 加 CRM标准版 十套`))[0]).toContain("缺少数量");
    expect((await say("qa_other", `报价 #${q}`))[0]).toContain("找不到报价");
    expect((await say("qa_other", `报价 #${q} 加 CRM标准版 1套`))[0]).toContain("找不到报价");
    expect((await quote(q)).lines).toHaveLength(2);
  });
});

describe("报价 below the discount line", () => {
  it("needs a reason, waits for approval (no change meanwhile), then sends", async () => {
    const started = await say("qa_rep", `报价 新建 商机#${opp}`);
    const q = Number(/已新建报价 #(\d+)/.exec(started[0]!)![1]);
    await say("qa_rep", `报价 #${q} 加 CRM标准版 2套 8.5折`);
    expect((await say("qa_rep", `报价 #${q} 发送`))[0]).toBe(`报价 #${q} 折扣率 85%，需要审批后才能发送。请写理由提交审批：报价 #${q} 发送 理由:客户预算有限`);
    const filed = await say("qa_rep", `报价 #${q} 发送 理由:竞品报价更低`);
    const approval = Number(/审批 #(\d+)/.exec(filed[0]!)![1]);
    expect((await h.tdb.db.prisma.quote.findUniqueOrThrow({ where: { code: q } })).status).toBe("pending_approval");
    expect((await say("qa_rep", `报价 #${q} 加 实施服务 1天`))[0]).toContain("正在审批中");
    expect((await say("qa_rep", `报价 #${q} 发送`))[0]).toContain("正在审批中");
    await say("qa_admin", `同意 #${approval}`);
    expect((await h.tdb.db.prisma.quote.findUniqueOrThrow({ where: { code: q } })).status).toBe("approved");
    const sent = await say("qa_rep", `报价 #${q} 发送`);
    expect(sent[0]).toContain(`已发送报价 #${q} V1`);
    const stored = await h.tdb.db.prisma.quote.findUniqueOrThrow({ where: { code: q } });
    // 12000.00 × 2 × 0.85 = 20400.00
    expect([stored.status, Number(stored.totalFen), stored.discountPpm]).toEqual(["sent", 2_040_000, 850_000]);
  });
});

describe("the customer's answer and the validity", () => {
  it("reminds the owner before the quote runs out; 接受 moves the deal on; 拒绝 needs a reason", async () => {
    const started = await say("qa_rep", `报价 新建 商机#${opp}`);
    const q = Number(/已新建报价 #(\d+)/.exec(started[0]!)![1]);
    await say("qa_rep", `报价 #${q} 加 实施服务 3天`);
    expect((await say("qa_rep", `报价 #${q} 接受`))[0]).toContain("只有已发送");
    await say("qa_rep", `报价 #${q} 发送`);
    const { validUntil } = await h.tdb.db.prisma.quote.findUniqueOrThrow({ where: { code: q } });
    // valid 30 days; the reminder is due 3 days before the last valid day, 09:00 Shanghai (01:00 UTC)
    h.clock.set(new Date(validUntil!.getTime() - 3 * 86_400_000 + 3_600_000));
    await h.runJobs();
    await h.drain();
    expect(sentTexts(h.fake, "qa_rep").at(-1)).toContain(`报价 #${q} V1（华为技术有限公司）将于`);
    expect((await say("qa_rep", `报价 #${q} 拒绝`))[0]).toContain("请写客户拒绝的原因");
    const accepted = await say("qa_rep", `报价 #${q} 接受`);
    expect(accepted[0]).toBe(`已记录：客户接受了报价 #${q} V1。`);
    // from 初步沟通, 合同签署 is a skip: the rep is told, nothing moves by itself
    expect(accepted[1]).toContain("跳");
    expect((await h.tdb.db.prisma.quote.findUniqueOrThrow({ where: { code: q } })).status).toBe("accepted");
    expect((await say("qa_rep", `报价 #${q} 拒绝 太贵`))[0]).toContain("已接受");
  });
});


describe("a quote in one message", () => {
  it("报价 <客户> 加 … starts the quote with its lines", async () => {
    const replies = await say("qa_rep", "报价 新建 华为 加 CRM标准版 2套 9折，实施服务 1天");
    const q = Number(/已新建报价 #(\d+)/.exec(replies[0]!)![1]);
    expect(replies[1]).toBe(`[card] 报价 #${q} V1（草稿）`);
    const stored = await quote(q);
    // 12000.00 × 2 × 0.9 = 21600.00; 2000.00 × 1 = 2000.00
    expect(stored.lines.map((l) => [l.name, Number(l.amountFen)])).toEqual([["CRM标准版", 2_160_000], ["实施服务", 200_000]]);
    expect(Number(stored.totalFen)).toBe(2_360_000);
  });

  it("报价 <客户> again continues the deal's draft instead of starting another", async () => {
    const before = await h.tdb.db.prisma.quote.count();
    const replies = await say("qa_rep", "报价 华为 加 实施服务 1天");
    expect(replies[0]).toMatch(/^商机 #\d+ 已有草稿报价 #\d+，接着编辑它：$/);
    expect(await h.tdb.db.prisma.quote.count()).toBe(before);
    expect(replies.join("\n")).toContain("大写：人民币");
  });

  it("a line the catalogue cannot price is refused before anything is made", async () => {
    const before = await h.tdb.db.prisma.quote.count();
    expect((await say("qa_rep", "报价 华为 加 神秘服务 3次"))[0]).toContain("神秘服务");
    expect(await h.tdb.db.prisma.quote.count()).toBe(before);
  });

  it("free text: 给华为报个价… proposes the quote with its lines; 确认 makes it", async () => {
    // no draft open on the deal (a draft would be continued instead)
    await h.tdb.db.prisma.quote.updateMany({ where: { status: "draft" }, data: { status: "rejected" } });
    const card = await say("qa_rep", "给华为报个价，标准版10套打85折，实施服务5天");
    expect(card.join("\n")).toContain("报价");
    const before = await h.tdb.db.prisma.quote.count();
    const done = await say("qa_rep", "确认");
    expect(done.join("\n")).toMatch(/已新建报价 #\d+/);
    const latest = await h.tdb.db.prisma.quote.findFirstOrThrow({ orderBy: { code: "desc" }, include: { lines: true } });
    expect(await h.tdb.db.prisma.quote.count()).toBe(before + 1);
    expect(Number(latest.totalFen)).toBe(11_200_000);
  });
});

describe("edges a new team hit", () => {
  it("deletes several lines at once; a line number that is not a number gets an example", async () => {
    const q = Number(/已新建报价 #(\d+)/.exec((await say("qa_rep", `报价 新建 商机#${opp}`))[0]!)![1]);
    await say("qa_rep", `报价 #${q} 加 实施服务 1天，实施服务 2天，实施服务 3天`);
    expect((await say("qa_rep", `报价 #${q} 删 x`))[0]).toBe(`行号写数字，例如：报价 #${q} 删 2（几行一起：删 1，3）。`);
    expect((await say("qa_rep", `报价 #${q} 删 1，7`))[0]).toContain("没有第 7 行");
    await say("qa_rep", `报价 #${q} 删 1，3`);
    expect((await quote(q)).lines.map((l) => l.quantityHundredths)).toEqual([200]);
  });

  it("a share just under 9折 that shows as 90% still needs the approval", async () => {
    await h.tdb.db.prisma.product.create({ data: { name: "集团版", nameKey: "集团版", unit: "套", listPriceFen: 100_000_000n, taxRatePpm: 130_000 } });
    const q = Number(/已新建报价 #(\d+)/.exec((await say("qa_rep", `报价 新建 商机#${opp}`))[0]!)![1]);
    // 899,999.99 of 1,000,000.00 = 0.89999999: rounds to 900000 ppm, yet is below 9折
    await say("qa_rep", `报价 #${q} 加 集团版 1套 单价:899999.99`);
    expect((await quote(q)).discountPpm).toBe(900_000);
    expect((await say("qa_rep", `报价 #${q} 发送`))[0]).toContain("需要审批后才能发送");
  });
});

describe("a closed deal", () => {
  it("报价 on a lost or won deal is refused; nothing is made", async () => {
    await say("qa_rep", "新建线索 刘洋 13822223333 小米 展会");
    await say("qa_rep", "转化 刘洋");
    const lost = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
    await say("qa_rep", `输单 #${lost} 客户选了别家`);
    const before = await h.tdb.db.prisma.quote.count();
    expect((await say("qa_rep", `报价 商机#${lost}`))[0]).toBe(`商机 #${lost} 已是「输单」（已关闭），不能再报价。加购或新需求请新建一个商机再报价。`);
    const won = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { code: lost } });
    await h.tdb.db.prisma.opportunity.update({ where: { id: won.id }, data: { stage: "赢单" } });
    expect((await say("qa_rep", `报价 商机#${lost} 加 CRM标准版 1套`))[0]).toContain("已是「赢单」（已关闭），不能再报价");
    expect(await h.tdb.db.prisma.quote.count()).toBe(before);
  });
});
