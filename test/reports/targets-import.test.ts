// 业绩目标 from a CSV file (npm run import's runImport): detected by its header, people by
// WeCom id or name, teams by name, --as limits it to what that person may set in chat, and
// any bad row writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import { formatImportReport } from "../../src/crm/import-export/import/import-report.ts";
import { runImport } from "../../src/crm/import-export/import/run-import.ts";
import type { Harness } from "../support/harness.ts";
import { say, startOrg } from "./targets-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await startOrg();
});
afterAll(() => h.dispose());

async function importCsv(lines: string[], as?: string): Promise<string> {
  const r = await runImport(h.tdb.db.prisma, { file: "targets.csv", bytes: Buffer.from(lines.join("\n")), dryRun: false, now: h.clock.now(), settings: loadCrmSettings(undefined), ...(as ? { asUser: as } : {}) });
  if (r.kind === "refused") return r.message;
  return formatImportReport(r.report);
}

describe("导入 目标", () => {
  it("refuses bad rows with their line and column, and writes nothing", async () => {
    const report = await importCsv(
      [
        "销售,团队,月份,成交目标,回款目标",
        "王芳,,2026-12,50万,40万",
        "赵六,,2026-12,10万,",
        "李雷,,2026-13,10万,",
        "王芳,,2026/12,1万,",
        ",,2026-12,1万,",
        "李雷,,2026-12,,",
        "李雷,,2026-12,abc,",
      ],
      "tg_boss",
    );
    expect(report).toContain("第 3 行「销售」：「赵六」不在 陈经理 的管辖范围内");
    expect(report).toContain("第 4 行「月份」：月份写 2026-12");
    expect(report).toContain("第 5 行「月份」：与第 2 行是同一人（团队）的同一个月");
    expect(report).toContain("第 6 行「销售」：每行写「销售」或「团队」其中一个");
    expect(report).toContain("第 7 行「成交目标」：成交目标和回款目标至少写一个");
    expect(report).toContain("第 8 行「成交目标」：格式不对");
    expect(await h.tdb.db.prisma.salesTarget.count()).toBe(0);
  });

  it("a rep may not import targets; a manager may not set another team's", async () => {
    expect(await importCsv(["销售,月份,成交目标", "王芳,2026-12,1万"], "tg_wang")).toContain("第 2 行「销售」：不能给「王芳」设置目标");
    expect(await importCsv(["团队,月份,回款目标", "华南组,2026-12,1万"], "tg_boss")).toContain("第 2 行「团队」：不能给「华南组」设置目标");
    expect(await h.tdb.db.prisma.salesTarget.count()).toBe(0);
  });

  it("writes each month, audited, and chat reads them back; an existing month is updated", async () => {
    const report = await importCsv(
      ["销售,团队,月份,成交目标,回款目标", "tg_wang,,2026-12,50万,400000", "李雷,,2026年1月,30万,", ",华东一组,2026-12,,100万"],
      "tg_boss",
    );
    expect(report).toContain("已导入 3 条目标。");
    expect((await say(h, "tg_boss", "目标 2026-12"))[0]).toBe("2026年12月的目标：\n团队 华东一组：成交 50万，回款 100万\n王芳：成交 50万，回款 40万");
    expect((await say(h, "tg_boss", "目标 李雷 2026-01"))[0]).toBe("李雷 2026年1月目标：成交 30万，回款 未设");
    expect(await importCsv(["销售,月份,回款目标", "王芳,2026-12,45万"], "tg_admin")).toContain("已导入 1 条目标。");
    expect((await say(h, "tg_boss", "目标 王芳 2026-12"))[0]).toBe("王芳 2026年12月目标：成交 50万，回款 45万");
    const audits = await h.tdb.db.prisma.auditEntry.findMany({ where: { entity: "sales_target" } });
    expect(audits.filter((a) => a.action === "import")).toHaveLength(2);
    expect(audits.filter((a) => a.action !== "import").map((a) => (a.detail as { via?: string }).via)).toEqual(["import", "import", "import", "import"]);
  });
});
