// What a new user trips over in 回款: payment numbers worded apart from contract numbers, help
// printing 用法 once, day words (明天, 下周一, 下个月5号), date sanity (a plan years before the
// signing, a postponement past the next instalment, a payment before the signing) and amounts
// written in Chinese numerals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, day, plansOf, say } from "./fixtures.ts";

let h: Harness;
let acme = "";
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "rw_admin" } });
  h.fake.users = { rw_rep: "王芳", rw_admin: "管理员" };
  acme = await customerOf(h, "rw_rep", "顶峰科技有限公司", "13811112301");
});
afterAll(() => h.dispose());

describe("回款 wording and input", () => {
  it("help shows 用法 once, and 回款's usage names 备注", async () => {
    for (const cmd of ["回款计划", "回款"]) {
      const r = (await say(h, "rw_rep", `帮助 ${cmd}`))[0]!;
      expect(r).toContain("用法：");
      expect(r).not.toContain("用法：用法：");
    }
    expect((await say(h, "rw_rep", "帮助 回款"))[0]).toContain("[备注:…]");
  });

  it("a payment's number is worded as 回款记录 #N, so 回款 #N (a contract) is not mistaken for it", async () => {
    const c = await contractFor(h, "rw_rep", acme, 10_000_000);
    await say(h, "rw_rep", `回款计划 ${c.number} 2期 首期:2026-12-31`);
    const r = (await say(h, "rw_rep", `回款 ${c.number} 1万 备注:首付 款`))[0]!;
    const code = Number(/^已记录回款（回款记录 #(\d+)）：合同 /.exec(r)![1]);
    const p = await h.tdb.db.prisma.payment.findUniqueOrThrow({ where: { code } });
    expect(p.note).toBe("首付 款");
    expect((await say(h, "rw_rep", `回款记录 ${c.number}`))[0]).toContain(`记录 #${code} 2026-11-23 1万`);
  });

  it("reads 明天, 下周一 and 下个月5号 as calendar days; a future word is no arrival day", async () => {
    const c = await contractFor(h, "rw_rep", acme, 9_000_000);
    const r = await say(h, "rw_rep", `回款计划 ${c.number} 明天 3万，下周一 3万，下个月5号 3万`);
    expect(r[0]).toContain("共 3 期");
    expect((await plansOf(h, c.id)).map((p) => day(p.dueDate))).toEqual(["2026-11-24", "2026-11-30", "2026-12-05"]);
    expect((await say(h, "rw_rep", `回款计划 ${c.number} 3期 首期:后天`))[0]).toContain("共 3 期");
    expect(day((await plansOf(h, c.id))[0]!.dueDate)).toBe("2026-11-25");
    expect((await say(h, "rw_rep", `回款计划 ${c.number} 第1期 推迟到 明天`))[0]).toContain("要晚于原来的 2026-11-25");
    expect((await say(h, "rw_rep", `回款 ${c.number} 1万 明天`))[0]).toBe("到账日期 2026-11-24 还没到，请写实际到账的日期。");
    expect((await say(h, "rw_rep", `回款计划 ${c.number} 第1期 推迟到 大后年吧`))[0]).toContain("日期「大后年吧」不对");
  });

  it("refuses a plan starting over a year before the signing, or before 2000", async () => {
    const c = await contractFor(h, "rw_rep", acme, 2_000_000, { signDate: "2026-11-20" });
    expect((await say(h, "rw_rep", `回款计划 ${c.number} 2025-11-19 1万，2026-12-31 1万`))[0]).toBe(
      "首期日期 2025-11-19 太早：回款计划最早只能从 2025-11-20 开始（签订日期前一年以内，且不早于 2000-01-01）。请核对年份。",
    );
    expect((await say(h, "rw_rep", `回款计划 ${c.number} 1999-12-31 1万，2026-12-31 1万`))[0]).toContain("太早");
    expect(await plansOf(h, c.id)).toHaveLength(0);
    expect((await say(h, "rw_rep", `回款计划 ${c.number} 2025-11-20 1万，2026-12-31 1万`))[0]).toContain("共 2 期");
  });

  it("refuses postponing an instalment past the next one, naming it", async () => {
    const c = await contractFor(h, "rw_rep", acme, 2_000_000);
    await say(h, "rw_rep", `回款计划 ${c.number} 2026-12-31 1万，2027-01-31 1万`);
    expect((await say(h, "rw_rep", `回款计划 ${c.number} 第1期 推迟到 2027-02-10`))[0]).toBe(
      `第 2 期 2027-01-31 到期，推迟到 2027-02-10 会排到它后面，没有推迟。请推迟到 2027-01-31 或更早，或者先推迟第 2 期：回款计划 ${c.number} 第2期 推迟到 …`,
    );
    expect(day((await plansOf(h, c.id))[0]!.dueDate)).toBe("2026-12-31");
    expect((await say(h, "rw_rep", `回款计划 ${c.number} 第1期 推迟到 2027-01-31`))[0]).toContain("推迟到 2027-01-31");
  });

  it("refuses a payment dated before the contract was signed", async () => {
    const c = await contractFor(h, "rw_rep", acme, 2_000_000, { signDate: "2026-11-20" });
    await say(h, "rw_rep", `回款计划 ${c.number} 1期 首期:2026-12-31`);
    expect((await say(h, "rw_rep", `回款 ${c.number} 1万 2026-11-19`))[0]).toBe(`到账日期 2026-11-19 早于合同 ${c.number} 的签订日期 2026-11-20，没有记录。请核对日期。`);
    expect(await h.tdb.db.prisma.payment.count({ where: { contractId: c.id } })).toBe(0);
  });

  it("amounts in Chinese numerals get an example; 1.2万元整 is read", async () => {
    const c = await contractFor(h, "rw_rep", acme, 5_000_000);
    await say(h, "rw_rep", `回款计划 ${c.number} 1期 首期:2026-12-31`);
    for (const w of ["五百", "两万", "12万5千", "壹万元整"]) {
      expect((await say(h, "rw_rep", `回款 ${c.number} ${w}`))[0]).toBe(`金额「${w}」看不懂：金额写成数字，例如 500、5万、1.2万 或 125000。`);
    }
    expect((await say(h, "rw_rep", `回款 ${c.number} 1.2万元整`))[0]).toContain(`合同 ${c.number} 1.2万`);
  });
});
