// 回款 CSV import (合同编号, 金额, 到账日期, 方式, 外部编号): all or nothing, rows applied to the
// oldest instalments in the order received, 外部编号 already imported skipped, a contract
// paid beyond its plan refused; and `导出 回款` with what the actor may see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import { formatImportReport } from "../../src/crm/import-export/import/import-report.ts";
import { runImport } from "../../src/crm/import-export/import/run-import.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, plansOf, say } from "./fixtures.ts";

let h: Harness;
let c = { id: "", number: "" };
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "ri_admin" } });
  h.fake.users = { ri_rep: "王芳", ri_other: "李雷", ri_admin: "管理员" };
  await say(h, "ri_other", "帮助");
  const cust = await customerOf(h, "ri_rep", "阿里巴巴网络技术有限公司", "13811112205");
  c = await contractFor(h, "ri_rep", cust, 10_000_000, { signDate: "2026-09-01" });
  await say(h, "ri_rep", `回款计划 ${c.number} 2期 首期:2026-10-01`);
});
afterAll(() => h.dispose());

async function importCsv(lines: string[], as?: string, dryRun = false) {
  const r = await runImport(h.tdb.db.prisma, { file: "payments.csv", bytes: Buffer.from(lines.join("\n")), dryRun, now: h.clock.now(), settings: loadCrmSettings(undefined), ...(as ? { asUser: as } : {}) });
  if (r.kind !== "report") throw new Error(r.message);
  return { report: r.report, text: formatImportReport(r.report) };
}

describe("回款 import", () => {
  it("refuses the whole file when one contract would be paid beyond its plan", async () => {
    const { report, text } = await importCsv(["合同编号,金额,到账日期,方式,外部编号", `${c.number},6万,2026-10-02,银行转账,B-1`, `${c.number},50000.00,2026/11/2,,B-2`, "HT-2099-0001,1,2026-11-01,,"]);
    expect(report.written).toBe(false);
    // The row's own amount, and what was still owed after the file's earlier rows.
    expect(text).toContain("这笔 5万 超过了合同在本文件前面几行之后还未回款的 4万");
    expect(text).not.toContain("11万");
    expect(report.toCreate + report.duplicates.length + report.problems.length).toBe(3);
    expect(text).toContain("找不到合同 HT-2099-0001");
    expect(await h.tdb.db.prisma.payment.count()).toBe(0);
  });

  it("writes the payments in the order received, confirmed; a 外部编号 already imported is skipped", async () => {
    const { report } = await importCsv(["合同编号,金额,到账日期,方式,外部编号", `${c.number},20000,2026-11-02,,B-2`, `${c.number},6万,2026-10-02,银行转账,B-1`]);
    expect([report.written, report.created]).toEqual([true, 2]);
    expect((await plansOf(h, c.id)).map((p) => Number(p.paidFen))).toEqual([5_000_000, 3_000_000]);
    const again = await importCsv(["合同编号,金额,到账日期,方式,外部编号", `${c.number},20000,2026-11-02,,B-2`]);
    expect([again.report.created, again.report.duplicates.length]).toEqual([0, 1]);
    expect(again.text).toContain("外部编号相同");
    expect(await h.tdb.db.prisma.payment.count({ where: { status: "confirmed" } })).toBe(2);
  });

  it("a rep may not import payments", async () => {
    const r = await runImport(h.tdb.db.prisma, { file: "p.csv", bytes: Buffer.from(`合同编号,金额,到账日期\n${c.number},1,2026-11-01`), dryRun: true, now: h.clock.now(), settings: loadCrmSettings(undefined), asUser: "ri_rep" });
    expect(r).toMatchObject({ kind: "refused", message: "ri_rep 不是管理员或财务组成员，不能导入回款。" });
  });
});

describe("导出 回款", () => {
  it("exports the payments the actor sees, with the columns the import reads", async () => {
    await say(h, "ri_rep", "导出 回款");
    const file = h.fake.uploads.at(-1)!;
    const csv = file.content.toString("utf8").replace(/^\uFEFF/, "");
    const [header, first] = csv.split(/\r?\n/);
    expect(header!.startsWith("合同编号,金额,到账日期,方式,外部编号")).toBe(true);
    expect(first!.startsWith(`${c.number},60000.00,2026-10-02,银行转账,B-1`)).toBe(true);
    expect(file.filename).toMatch(/^回款_\d{8}_\d{6}_ri_rep\.csv$/);
    expect((await say(h, "ri_other", "导出 回款"))[0]).toContain("没有");
  });
});

describe("re-importing 导出 回款", () => {
  it("a payment without 外部编号 is exported as wecrm-<code>; the export re-imported skips every row", async () => {
    const r = await say(h, "ri_rep", `回款 ${c.number} 5000`);
    const code = Number(/回款记录 #(\d+)/.exec(r[0]!)![1]);
    await say(h, "ri_admin", "导出 回款");
    const csv = h.fake.uploads.at(-1)!.content.toString("utf8").replace(/^\uFEFF/, "");
    const lines = csv.split(/\r?\n/).filter(Boolean);
    expect(lines.find((l) => l.includes(`wecrm-${code}`))).toMatch(new RegExp(`^${c.number},5000.00,2026-11-23,,wecrm-${code},${code},`));
    const before = await h.tdb.db.prisma.payment.count();
    const { report, text } = await importCsv(lines);
    expect(text).toContain(`回款记录 #${code}（合同 ${c.number}）`);
    expect([report.problems.length, report.toCreate, report.duplicates.length]).toEqual([0, 0, lines.length - 1]);
    expect(await h.tdb.db.prisma.payment.count()).toBe(before);
  });

  it("each row is checked against what is owed after the earlier rows; the counts add up to the file", async () => {
    const cust = await customerOf(h, "ri_rep", "京东科技有限公司", "13811112206");
    const d = await contractFor(h, "ri_rep", cust, 10_000_000, { signDate: "2026-09-01" });
    await say(h, "ri_rep", `回款计划 ${d.number} 2期 首期:2026-10-01`);
    const { report, text } = await importCsv(
      [
        "合同编号,金额,到账日期,方式,外部编号",
        `${d.number},3万,2026-10-01,,J-1`,
        `${d.number},5万,2026-10-02,,J-2`,
        `${d.number},5万,2026-10-03,,J-3`,
        `${d.number},1万,2026-08-01,,J-4`,
        `${d.number},2万,2026-10-04,,J-5`,
        `${d.number},1万,2026-10-05,,J-1`,
      ],
      undefined,
      true,
    );
    expect(text).toContain("这笔 5万 超过了合同在本文件前面几行之后还未回款的 2万");
    expect(text).toContain(`到账日期 2026-08-01 早于合同 ${d.number} 的签订日期 2026-09-01`);
    expect([report.toCreate, report.duplicates.length, report.problems.length]).toEqual([3, 1, 2]);
    expect(report.problems.map((p) => p.line)).toEqual([4, 5]);
  });
});
