// 审计 on the money records through the webhook: 产品, 报价, 合同 (by code or number) and 发票
// show who changed what, only the fields that changed, amounts in fen read as money, statuses
// and types by their Chinese names — and a manager outside the scope finds none of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContractFull } from "../../src/crm/contracts/index.ts";
import type { Harness } from "../support/harness.ts";
import { contractFor, invoiceHarness, repOpportunity, say } from "../invoices/support.ts";

let h: Harness;
let contract: ContractFull;
let quote = 0;
let product = 0;
beforeAll(async () => {
  h = await invoiceHarness({ ma_admin: "管理员", ma_rep: "王芳", fin: "钱财务", ma_boss: "赵主管" }, "ma_admin");
  for (const u of ["ma_admin", "ma_rep", "fin", "ma_boss"]) await say(h, u, "帮助");
  await say(h, "ma_admin", "团队 角色 ma_boss 主管");
  const opp = await repOpportunity(h, "ma_rep");
  const created = await say(h, "ma_admin", "产品 新建 CRM标准版 1.2万 单位:套 税率:13%");
  product = Number(/#(\d+)/.exec(created.join("\n"))![1]);
  await say(h, "ma_admin", `产品 #${product} 单价:1.5万 税率:6%`);
  const started = await say(h, "ma_rep", `报价 商机#${(await h.tdb.db.prisma.opportunity.findUniqueOrThrow({ where: { id: opp.id } })).code}`);
  quote = Number(/已新建报价 #(\d+)/.exec(started[0]!)![1]);
  await say(h, "ma_rep", `报价 #${quote} 加 CRM标准版 2套`);
  await say(h, "ma_rep", `报价 #${quote} 加 实施 1天 单价:500.5`);
  contract = await contractFor(h, "ma_rep", opp, 10_000_000);
});
afterAll(() => h.dispose());

const trail = async (who: string, ref: string) => (await say(h, who, `审计 ${ref}`)).join("\n");

describe("审计 on money records", () => {
  it("产品: only the fields that changed, the price as money and the rate in %", async () => {
    const t = await trail("ma_admin", `产品#${product}`);
    expect(t).toContain(`产品 #${product} CRM标准版 的操作记录`);
    expect(t).toContain("管理员 修改：含税单价 1.2万 → 1.5万；税率 13% → 6%");
    expect(t).not.toMatch(/单位 套 → 套|在售 是 → 是/);
    expect(t).toContain("管理员 创建：");
  });

  it("报价: the total before → after in money, the unchanged version left out", async () => {
    const t = await trail("ma_admin", `报价#${quote}`);
    expect(t).toContain(`报价 #${quote} 华为技术有限公司 的操作记录`);
    // 15000.00 × 2 = 30000.00; + 500.50 = 30500.50
    expect(t).toContain("王芳 修改：合计(含税) 3万 → 30,500.50 元；");
    expect(t).toContain("王芳 修改：合计(含税) 0 元 → 3万；");
    expect(t).not.toContain("版本 1 → 1");
  });

  it("合同 by code or by number: amount as money, status in Chinese", async () => {
    for (const ref of [`合同#${contract.code}`, `合同 ${contract.number}`, contract.number]) {
      const t = await trail("ma_admin", ref);
      expect(t).toContain(`合同 ${contract.number} 华为技术有限公司 的操作记录`);
      expect(t).toContain(`王芳 创建：合同号：${contract.number}；合同金额：10万；状态：已生效`);
    }
  });

  it("合同 also shows its 回款: the plan and each payment, amounts as money", async () => {
    await say(h, "ma_rep", `回款计划 ${contract.number} 2期 首期:2026-12-31`);
    await say(h, "ma_rep", `回款 ${contract.number} 3万 方式:银行转账`);
    const t = await trail("ma_admin", `合同#${contract.code}`);
    expect(t).toContain(`王芳 创建回款计划：期：1，到期日：2026-12-31，金额：5万、期：2，到期日：2027-01-31，金额：5万`);
    expect(t).toContain(`王芳 创建回款：合同：合同 ${contract.number}；金额：3万；到账日期：2026-11-23；状态：已确认；核销：期：1，金额：3万；预收：0 元`);
  });

  it("发票: created, issued by the finance member, numbered — before → after", async () => {
    const [reply] = await say(h, "ma_rep", `开票 合同#${contract.code} 40000.5 类型:专票 税号:91440300279583285X`);
    const code = Number(/发票 #(\d+)/.exec(reply!)![1]);
    const approval = Number(/开票审批 #(\d+)/.exec(reply!)![1]);
    await say(h, "fin", `同意 #${approval}`);
    await say(h, "fin", `发票 #${code} 号码:12345678`);
    const t = await trail("ma_admin", `发票#${code}`);
    expect(t).toContain(`发票 #${code} ${contract.number} 的操作记录`);
    expect(t).toContain(`王芳 创建：合同：合同 ${contract.number}；抬头：华为技术有限公司；税号：91440300279583285X；发票类型：专票；开票金额：40,000.50 元；状态：待审批；审批编号：${approval}`);
    expect(t).toContain(`钱财务 修改：状态 待审批 → 已开票；审批编号：${approval}`);
    expect(t).toContain("钱财务 修改：发票号码 （空） → 12345678");
  });

  it("a manager outside the scope finds none of them (and the miss is audited)", async () => {
    const invoice = await h.tdb.db.prisma.invoice.findFirstOrThrow();
    for (const ref of [`报价#${quote}`, `合同#${contract.code}`, contract.number, `发票#${invoice.code}`]) {
      expect(await trail("ma_boss", ref)).toContain(`找不到「${ref.replace(" ", "")}」`);
    }
    expect(await h.tdb.db.prisma.auditEntry.count({ where: { action: "read_denied", entity: "audit" } })).toBeGreaterThanOrEqual(4);
  });
});

describe("帮助 for a command that is not one's own", () => {
  it("says it is not allowed, rather than that it does not exist", async () => {
    expect((await say(h, "ma_rep", "帮助 审计"))[0]).toBe("你没有权限使用「审计」。如需开通请联系管理员。");
    expect((await say(h, "ma_rep", "帮助 不存在的指令"))[0]).toContain("没有「不存在的指令」这个指令");
  });
});
