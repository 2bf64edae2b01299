// 开票 / 发票 through the signed webhook: the cap in exact fen (pending ones count, a void or
// a rejection frees the amount), the finance group's approval by card button and typed 同意,
// rejection and withdrawal, 专票 needs a 税号, numbers and voids by finance only, scopes,
// contracts that are not live or have no opportunity — and two requests at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPendingInvoice } from "../../src/crm/invoices/invoices.ts";
import type { ContractFull } from "../../src/crm/contracts/index.ts";
import type { Harness } from "../support/harness.ts";
import { cardsTo, contractFor, invoiceHarness, repOpportunity, say } from "./support.ts";

let h: Harness;
let opp: { id: string; customerId: string };
let contract: ContractFull;
beforeAll(async () => {
  h = await invoiceHarness({ iv_rep: "王芳", iv_other: "李雷", fin: "钱财务", iv_admin: "管理员" }, "iv_admin");
  for (const u of ["iv_rep", "iv_other", "fin", "iv_admin"]) await say(h, u, "帮助");
  opp = await repOpportunity(h, "iv_rep");
  const { code } = await h.tdb.db.prisma.opportunity.findUniqueOrThrow({ where: { id: opp.id } });
  await say(h, "iv_rep", `商机 #${code} 金额:120万`);
  contract = await contractFor(h, "iv_rep", opp, 10_000_000); // 100,000.00
});
afterAll(() => h.dispose());

const invoice = (code: number) => h.tdb.db.prisma.invoice.findUniqueOrThrow({ where: { code } });
const codeIn = (reply: string, re: RegExp) => Number(re.exec(reply)![1]);

describe("开票 on a contract", () => {
  let first = 0;
  let second = 0;
  let firstApproval = 0;
  let secondApproval = 0;

  it("files a pending invoice for the finance group, titled with the customer's name, 普票 by default", async () => {
    const [reply] = await say(h, "iv_rep", `开票 合同#${contract.code} 40000`);
    expect(reply).toMatch(new RegExp(`^已申请发票 #\\d+（合同 ${contract.number}，4万），开票审批 #\\d+ 等待 钱财务 审批；通过后自动开出。$`));
    first = codeIn(reply!, /发票 #(\d+)/);
    firstApproval = codeIn(reply!, /开票审批 #(\d+)/);
    const stored = await invoice(first);
    expect([stored.status, stored.title, stored.type, stored.taxId, Number(stored.amountFen)]).toEqual(["pending_approval", "华为技术有限公司", "normal", null, 4_000_000]);
    const card = cardsTo(h, "fin").at(-1)!;
    expect(card.main_title.title).toBe(`开票审批 #${firstApproval}`);
    expect(card.horizontal_content_list.find((f) => f.keyname === "金额")?.value).toBe("4万"); // the invoice's, not the deal's 120万
    expect(card.horizontal_content_list.find((f) => f.keyname === "事项")?.value).toBe(
      `${contract.number} 开票 4万 华为技术有限公司`,
    );
  });

  it("counts pending invoices against the cap, to the fen", async () => {
    const [over] = await say(h, "iv_rep", `开票 合同#${contract.code} 60000.01`);
    expect(over).toBe(`不能开票：合同 ${contract.number} 金额 10万，已开票和待审批的发票共 4万，最多还能开 6万，这次申请 60,000.01 元 超出了。`);
    expect(await h.tdb.db.prisma.invoice.count({ where: { contractId: contract.id } })).toBe(1);
  });

  it("专票 needs the buyer's 税号; with one it is filed as 专票 (the number written either way)", async () => {
    expect((await say(h, "iv_rep", `开票 ${contract.number} 60000 类型:专票`))[0]).toContain("开专票需要购买方税号");
    expect((await say(h, "iv_rep", `开票 ${contract.number} 60000 类型:专票 税号:123`))[0]).toContain("税号「123」不对");
    expect(await h.tdb.db.prisma.invoice.count({ where: { contractId: contract.id } })).toBe(1);
    const [reply] = await say(h, "iv_rep", `开票 ${contract.number.toLowerCase()} 6万 类型:专票 税号:91440300279583285x 抬头:华为技术有限公司 深圳分公司`);
    second = codeIn(reply!, /发票 #(\d+)/);
    secondApproval = codeIn(reply!, /开票审批 #(\d+)/);
    const stored = await invoice(second);
    expect([stored.type, stored.taxId, stored.title, Number(stored.amountFen)]).toEqual(["special", "91440300279583285X", "华为技术有限公司 深圳分公司", 6_000_000]);
    expect((await say(h, "iv_rep", `开票 合同#${contract.code} 0.01`))[0]).toContain("最多还能开 0 元");
  });

  it("the finance member's 同意 button issues it; the rep is told", async () => {
    const card = cardsTo(h, "fin").find((c) => c.main_title.title === `开票审批 #${firstApproval}`)!;
    h.clock.advance(60_000);
    await h.clickCard("fin", card.button_list[0]!.key, card.task_id);
    await h.drain();
    const stored = await invoice(first);
    expect(stored.status).toBe("issued");
    expect(stored.issuedAt?.getTime()).toBe(h.clock.now().getTime());
    const told = (await say(h, "iv_rep", `发票 #${first}`))[0]!;
    expect(told).toContain(`发票 #${first}（已开票）`);
    expect(told).toContain("合同金额 10万，已开票和待审批 10万，还能开 0 元");
  });

  it("a rejection frees the amount again; a typed 同意 issues the next", async () => {
    await say(h, "fin", `驳回 #${secondApproval} 税号待客户确认`);
    expect((await invoice(second)).status).toBe("rejected");
    const [reply] = await say(h, "iv_rep", `开票 合同#${contract.code} 6万`);
    const third = codeIn(reply!, /发票 #(\d+)/);
    const approval = codeIn(reply!, /开票审批 #(\d+)/);
    const approved = await say(h, "fin", `同意 #${approval}`);
    expect(approved[0]).toContain(`已同意审批 #${approval}`);
    expect((await invoice(third)).status).toBe("issued");
    expect((await say(h, "iv_rep", `开票 合同#${contract.code} 0.01`))[0]).toContain("已开票和待审批的发票共 10万，最多还能开 0 元");
  });

  it("only finance voids; a void frees exactly its amount; a withdrawn request is void too", async () => {
    expect((await say(h, "iv_rep", `发票 #${first} 作废 抬头写错`))[0]).toBe("只有财务组成员或管理员能登记发票号码或作废发票。");
    expect((await say(h, "fin", `发票 #${first} 作废`))[0]).toContain("请写作废原因");
    expect((await say(h, "fin", `发票 #${first} 作废 抬头写错`))[0]).toBe(`已作废发票 #${first}（4万），合同 ${contract.number} 还能开 4万。`);
    expect((await invoice(first)).status).toBe("void");
    expect((await say(h, "fin", `发票 #${first} 作废 又一次`))[0]).toContain("不用作废");
    expect((await say(h, "iv_rep", `开票 合同#${contract.code} 40000.01`))[0]).toContain("最多还能开 4万");
    const [reply] = await say(h, "iv_rep", `开票 合同#${contract.code} 40000`);
    const fourth = codeIn(reply!, /发票 #(\d+)/);
    const approval = codeIn(reply!, /开票审批 #(\d+)/);
    expect((await say(h, "fin", `发票 #${fourth} 作废 不要了`))[0]).toContain(`审批人可「驳回 #${approval} 原因」`);
    await say(h, "iv_rep", `撤回审批 #${approval}`);
    expect((await invoice(fourth)).status).toBe("void");
    expect((await say(h, "iv_rep", `发票 合同#${contract.code}`))[0]).toContain("还能开 4万");
  });

  it("finance records the printed number (audited before → after)", async () => {
    const issued = await h.tdb.db.prisma.invoice.findFirstOrThrow({ where: { contractId: contract.id, status: "issued" } });
    expect((await say(h, "iv_rep", `发票 #${issued.code} 号码:12345678`))[0]).toContain("只有财务组成员");
    expect((await say(h, "fin", `发票 #${issued.code} 号码:1234`))[0]).toContain("8–20 位数字");
    expect((await say(h, "fin", `发票 #${issued.code} 号码:12345678`))[0]).toBe(`已登记发票 #${issued.code} 的号码：12345678`);
    expect((await say(h, "iv_admin", `发票 #${issued.code} 号码:87654321`))[0]).toBe(`已登记发票 #${issued.code} 的号码：12345678 → 87654321`);
    expect((await say(h, "iv_rep", `开票 #${issued.code}`))[0]).toContain("发票号码：87654321");
    const entries = await h.tdb.db.prisma.auditEntry.findMany({ where: { entityId: issued.id, action: "update" }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.detail)).toContainEqual({ before: { invoiceNumber: "12345678" }, after: { invoiceNumber: "87654321" } });
    expect(entries[0]!.detail).toMatchObject({ before: { status: "pending_approval" }, after: { status: "issued" } });
  });
});

describe("who sees what", () => {
  it("another rep finds neither the invoice nor the contract; finance and the admin see all", async () => {
    const any = await h.tdb.db.prisma.invoice.findFirstOrThrow({ where: { contractId: contract.id } });
    expect((await say(h, "iv_other", `发票 #${any.code}`))[0]).toContain("找不到发票");
    expect((await say(h, "iv_other", `开票 #${any.code}`))[0]).toContain("找不到发票");
    expect((await say(h, "iv_other", `开票 合同#${contract.code} 1`))[0]).toContain("找不到合同");
    expect((await say(h, "iv_other", "发票"))[0]).toContain("还没有你能看到的发票");
    expect((await say(h, "fin", "发票"))[0]).toContain(`#${any.code} ${contract.number} 华为技术有限公司`);
    expect((await say(h, "iv_admin", "发票"))[0]).toContain(`#${any.code} ${contract.number}`);
    expect((await say(h, "iv_rep", "发票"))[0]).toContain(`#${any.code} ${contract.number}`);
  });
});

describe("导出 发票", () => {
  it("finance gets every invoice as CSV, amounts in yuan; someone who sees none gets no file", async () => {
    const count = await h.tdb.db.prisma.invoice.count();
    const reply = (await say(h, "fin", "导出 发票")).at(-1);
    expect(reply).toMatch(new RegExp(`^已导出你可见范围内的 ${count} 条发票：发票_\\d{8}_\\d{6}_[A-Za-z0-9_-]+\\.csv`));
    const csv = h.fake.uploads.at(-1)!.content.toString("utf8");
    expect(csv.split("\n")[0]).toContain("编号,合同号,客户,抬头,税号,类型,金额,状态,发票号码,开票日期,申请日期");
    expect(csv).toContain(`,${contract.number},华为技术有限公司,华为技术有限公司,,普票,40000.00,已作废,`);
    expect((await say(h, "iv_other", "导出 发票"))[0]).toContain("你可见范围内没有发票");
  });
});

describe("contracts that cannot be invoiced as usual", () => {
  it("a contract not yet effective is refused", async () => {
    const pending = await contractFor(h, "iv_rep", opp, 500_000, "pending_approval");
    expect((await say(h, "iv_rep", `开票 合同#${pending.code} 1000`))[0]).toBe(`合同 ${pending.number} 现在是「待审批」，只有已生效、执行中或已完成的合同能开票。`);
    expect(await h.tdb.db.prisma.invoice.count({ where: { contractId: pending.id } })).toBe(0);
  });

  it("a contract without an opportunity: the rep is refused, finance issues it at once", async () => {
    const bare = await contractFor(h, "iv_rep", { customerId: opp.customerId }, 500_000);
    expect((await say(h, "iv_rep", `开票 合同#${bare.code} 1000`))[0]).toContain("没有关联商机");
    const [reply] = await say(h, "fin", `开票 合同#${bare.code} 1000`);
    expect(reply).toContain("已开出");
    const stored = await h.tdb.db.prisma.invoice.findFirstOrThrow({ where: { contractId: bare.id } });
    expect([stored.status, stored.requestedById === null]).toEqual(["issued", false]);
  });

  it("bad amounts get a clear answer with an example", async () => {
    expect((await say(h, "iv_rep", `开票 合同#${contract.code}`))[0]).toContain("请写开票金额");
    expect((await say(h, "iv_rep", `开票 合同#${contract.code} 三万`))[0]).toContain("金额「三万」不对");
    expect((await say(h, "iv_rep", `开票 合同#${contract.code} 0`))[0]).toContain("不能为 0");
    expect((await say(h, "iv_rep", `开票 合同#${contract.code} 1 类型:电子票`))[0]).toContain("写 专票 或 普票");
    expect((await say(h, "iv_rep", "开票 #1 5万"))[0]).toContain("开票 合同#1 <金额>");
  });
});

describe("two requests at once", () => {
  it("the contract's row lock lets only one of two fitting-alone requests through", async () => {
    const small = await contractFor(h, "iv_rep", opp, 1_000_000);
    const rep = await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "iv_rep" } });
    const locks: string[][] = [];
    const attempt = () =>
      h.tdb.db.prisma.$transaction(async (tx) => {
        const r = await createPendingInvoice(tx, rep, { contract: small, title: "华为", taxId: null, type: "normal", amountFen: 600_000 }, h.clock.now());
        const held = await tx.$queryRawUnsafe<{ mode: string }[]>(`SELECT mode FROM pg_locks WHERE relation = 'contracts'::regclass AND pid = pg_backend_pid()`);
        locks.push(held.map((l) => l.mode));
        return r;
      });
    const results = await Promise.all([attempt(), attempt()]);
    expect(results.map((r) => r.kind).sort()).toEqual(["created", "over_cap"]);
    expect(results.find((r) => r.kind === "over_cap")).toMatchObject({ usedFen: 600_000, leftFen: 400_000 });
    for (const held of locks) expect(held).toContain("RowShareLock"); // SELECT … FOR UPDATE ran in each
    expect(await h.tdb.db.prisma.invoice.count({ where: { contractId: small.id } })).toBe(1);
  });
});

describe("the type word, the title and a customer's name", () => {
  let midea: ContractFull;
  const newest = () => h.tdb.db.prisma.invoice.findFirstOrThrow({ orderBy: { code: "desc" } });
  beforeAll(async () => {
    await say(h, "iv_rep", "新建线索 李四 13822223333 美的集团股份有限公司 展会");
    await say(h, "iv_rep", "转化 李四");
    const owner = await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: "iv_rep" } });
    const o = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { ownerId: owner.id }, orderBy: { code: "desc" } });
    midea = await contractFor(h, "iv_rep", o, 100_000_000);
  });

  it("a bare 专票 anywhere is the type, not the title", async () => {
    const [reply] = await say(h, "iv_rep", `开票 ${midea.number} 1万 专票 税号:91440300279583285X`);
    expect(reply).toContain("已申请发票");
    expect(await newest()).toMatchObject({ title: "美的集团股份有限公司", type: "special", taxId: "91440300279583285X" });
  });

  it("a title followed by 普票 keeps the title clean; 抬头:… 专用发票 too", async () => {
    await say(h, "iv_rep", `开票 ${midea.number} 1万 美的集团股份有限公司 普票`);
    expect(await newest()).toMatchObject({ title: "美的集团股份有限公司", type: "normal" });
    await say(h, "iv_rep", `开票 ${midea.number} 1万 抬头:美的集团 专用发票 税号:91440300279583285X`);
    expect(await newest()).toMatchObject({ title: "美的集团", type: "special" });
    await say(h, "iv_rep", `开票 ${midea.number} 普通发票 1万`);
    expect(await newest()).toMatchObject({ title: "美的集团股份有限公司", type: "normal" });
  });

  it("refuses a title that starts like a formula or runs over 60 characters", async () => {
    const before = await h.tdb.db.prisma.invoice.count();
    expect((await say(h, "iv_rep", `开票 ${midea.number} 1万 =HYPERLINK("x")`))[0]).toContain("不能以 = + - @ 开头");
    expect((await say(h, "iv_rep", `开票 ${midea.number} 1万 抬头:@SUM(A1)`))[0]).toContain("不能以 = + - @ 开头");
    expect((await say(h, "iv_rep", `开票 ${midea.number} 1万 抬头:${"美".repeat(61)}`))[0]).toContain("抬头最多 60 个字");
    expect(await h.tdb.db.prisma.invoice.count()).toBe(before);
  });

  it("专票 without 税号 says how to add it", async () => {
    expect((await say(h, "iv_rep", "开票 美的 2万 专票"))[0]).toBe("开专票需要购买方税号，请在命令后加上 税号:…，例如：开票 美的 2万 专票 税号:91440300XXXXXXXXXX");
  });

  it("a customer's name finds their one live contract; several are listed; none is said", async () => {
    const [reply] = await say(h, "iv_rep", "开票 美的 2万");
    expect(reply).toContain(`（合同 ${midea.number}，2万）`);
    expect((await say(h, "iv_rep", "开票 腾讯 2万"))[0]).toBe("客户「腾讯」没有可开票的生效合同（或不在你的范围内）。可以写 合同#3 或合同号 HT-2026-0001。");
    expect((await say(h, "iv_other", "开票 美的 2万"))[0]).toContain("客户「美的」没有可开票的生效合同");
    // free text proposes 开票 with the customer's name; 确认 files it on that contract
    const before = await h.tdb.db.prisma.invoice.count({ where: { contractId: midea.id } });
    expect((await say(h, "iv_rep", "帮美的开一张3万的普票")).join("\n")).toContain("我理解为");
    expect((await say(h, "iv_rep", "确认")).join("\n")).toContain(`（合同 ${midea.number}，3万）`);
    expect(await h.tdb.db.prisma.invoice.count({ where: { contractId: midea.id } })).toBe(before + 1);
    const second = await contractFor(h, "iv_rep", { customerId: midea.customerId }, 500_000);
    expect((await say(h, "iv_rep", "开票 美的 2万"))[0]).toBe(`客户「美的」有多份生效合同：${midea.number}、${second.number}。请写合同号，例如：开票 ${midea.number} 5万`);
  });
});
