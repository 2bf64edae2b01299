// Forecast snapshots and accuracy: the first-of-month job (runJobs with the manual clock)
// snapshots each rep's month once; deals are won; 预测 准确度 compares per rep and team, in
// scope; GET /api/v1/reports/forecast?view=accuracy gives the same numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotForecast } from "../../src/crm/reports/forecast-accuracy.ts";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import type { Harness } from "../support/harness.ts";
import { ADMIN, BOSS, LI, OUT, WANG, ask, dealOf, startForecastHarness } from "./forecast-fixtures.ts";

let h: Harness;
const deals: Record<string, number> = {};
beforeAll(async () => {
  h = await startForecastHarness();
  deals["hw"] = await dealOf(h, WANG, "华为技术有限公司", "13811112301", "金额:100万 预计成交:2026-12-10 预测:承诺", "需求确认");
  deals["tx"] = await dealOf(h, WANG, "腾讯科技有限公司", "13811112302", "金额:50万 预计成交:2026-12-20 预测:可能");
  deals["mi"] = await dealOf(h, LI, "小米科技有限公司", "13811112303", "金额:40万 预计成交:2026-12-05");
  deals["out"] = await dealOf(h, OUT, "网易有限公司", "13811112304", "金额:10万 预计成交:2026-12-01");
}, 60_000);
afterAll(() => h.dispose());

const snapshots = () => h.tdb.db.prisma.forecastSnapshot.findMany({ where: { month: "2026-12" }, orderBy: { id: "asc" } });
const NOTE = "误差 =（预测 − 实际）÷ 实际；实际为 0 时记为 —。";

describe("the first-of-month snapshot", () => {
  it("there is nothing to compare before it", async () => {
    expect(await ask(h, WANG, "预测 准确度 2026-12")).toEqual({ text: "2026年12月没有预测快照（每月1日自动生成），暂时无法比较。", images: 0 });
  });

  it("runs at 00:10 on the 1st (local time) and snapshots every rep's month", async () => {
    h.clock.set(new Date("2026-11-30T16:05:00Z")); // 1 December 00:05 in Shanghai
    await h.runJobs();
    expect(await snapshots()).toHaveLength(0);
    h.clock.set(new Date("2026-11-30T16:10:00Z"));
    await h.runJobs();
    const rows = await snapshots();
    const users = await h.tdb.db.prisma.user.findMany();
    const byRep = Object.fromEntries(rows.map((r) => [users.find((u) => u.id === r.userId)!.wecomUserId, r]));
    expect(Object.keys(byRep).sort()).toEqual([ADMIN, BOSS, LI, OUT, WANG].sort());
    expect(byRep[WANG]).toMatchObject({ weightedFen: 25_000_000n, commitFen: 100_000_000n, probableFen: 50_000_000n, upsideFen: 0n, uncategorizedFen: 0n, deals: 2 });
    expect(byRep[LI]).toMatchObject({ weightedFen: 4_000_000n, commitFen: 0n, uncategorizedFen: 40_000_000n, deals: 1 });
    expect(byRep[BOSS]).toMatchObject({ weightedFen: 0n, deals: 0 });
  });

  it("is idempotent: a rerun, or a change after it, leaves the snapshot as it was", async () => {
    await ask(h, WANG, `商机 #${deals["tx"]} 预测:承诺`);
    h.clock.advance(3_600_000);
    await h.runJobs();
    const settings = loadCrmSettings(undefined);
    expect(await h.tdb.db.prisma.$transaction((tx) => snapshotForecast(tx, "2026-12", settings, "Asia/Shanghai", h.clock.now()))).toBe(0);
    const rows = await snapshots();
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.takenAt.toISOString() === "2026-11-30T16:10:00.000Z")).toBe(true);
    expect(rows.map((r) => r.commitFen)).toContain(100_000_000n);
    expect(rows.map((r) => r.commitFen)).not.toContain(150_000_000n);
  });
});

describe("预测 准确度", () => {
  it("while the month runs, the actual is so far", async () => {
    h.clock.set(new Date("2026-12-10T02:00:00Z"));
    await ask(h, WANG, `赢单 #${deals["hw"]} 80万`);
    const extra = await dealOf(h, LI, "小米科技二期有限公司", "13811112305", "金额:10万");
    await ask(h, LI, `赢单 #${extra} 10万`);
    await ask(h, OUT, `赢单 #${deals["out"]} 10万`);
    const r = await ask(h, WANG, "预测 准确度 本月");
    expect(r.text).toContain("本期尚未结束，实际为截至目前的赢单。");
    expect(r.text).toContain("• 王芳：预测 加权 25万｜承诺 100万；实际 80万；误差 加权 -69%｜承诺 +25%");
  });

  it("after the month, a rep sees their own error; 上月 is the default; a picture goes along", async () => {
    h.clock.set(new Date("2027-01-02T02:00:00Z"));
    const r = await ask(h, WANG, "预测 准确度");
    expect(r.text).toBe(
      [
        "预测准确度 2026年12月",
        "预测快照：12月（每月1日生成，最早 12月1日 00:10）",
        "• 王芳：预测 加权 25万｜承诺 100万；实际 80万；误差 加权 -69%｜承诺 +25%",
        NOTE,
      ].join("\n"),
    );
    expect(r.images).toBe(1);
    expect(h.fake.uploads.at(-1)!.filename).toBe("forecast-accuracy-2026-12.png");
  });

  it("a manager sees each rep of the team and the team's total", async () => {
    const r = await ask(h, BOSS, "预测 准确度 2026-12");
    expect(r.text).toBe(
      [
        "预测准确度 2026年12月",
        "预测快照：12月（每月1日生成，最早 12月1日 00:10）",
        "• 陈经理：预测 加权 0 元｜承诺 0 元；实际 0 元；误差 加权 —｜承诺 —",
        "• 王芳：预测 加权 25万｜承诺 100万；实际 80万；误差 加权 -69%｜承诺 +25%",
        "• 李雷：预测 加权 4万｜承诺 0 元；实际 10万；误差 加权 -60%｜承诺 -100%",
        "合计：预测 加权 29万｜承诺 100万；实际 90万；误差 加权 -68%｜承诺 +11%",
        NOTE,
      ].join("\n"),
    );
    expect((await ask(h, BOSS, "预测 准确度 2026-12 李雷")).text).toContain("预测准确度 2026年12月（李雷）\n预测快照：12月");
    // a quarter compares the months that have snapshots
    expect((await ask(h, BOSS, "预测 准确度 2026-Q4")).text).toContain("合计：预测 加权 29万｜承诺 100万；实际 90万；误差 加权 -68%｜承诺 +11%");
  });

  it("a rep asking for a colleague is refused; bad input gets the usage", async () => {
    expect(await ask(h, WANG, "预测 准确度 2026-12 李雷")).toEqual({ text: "找不到你能查看的销售「李雷」。销售只能看自己的预测，主管看本团队的。", images: 0 });
    expect((await ask(h, WANG, "预测 准确度 下下月")).text).toContain("「下下月」不是期间");
    expect((await ask(h, WANG, "预测 准确度 下下月")).text).toContain("用法：预测 [本月|本季|2026-12] [销售]；预测 准确度");
  });

  it("REST ?view=accuracy: the same numbers; an admin's total counts everyone", async () => {
    const token = /wcrm_[A-Za-z0-9_-]+/.exec((await ask(h, ADMIN, "令牌 新建 报表")).text)![0];
    const res = await h.request.get("/api/v1/reports/forecast?period=2026-12&view=accuracy").set("authorization", `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: "2026-12", view: "accuracy", months: ["2026-12"], complete: true, weighted: "300000.00", commit: "1000000.00", actual: "1000000.00", weightedErrorPct: -70, commitErrorPct: 0 });
    expect(res.body.reps).toContainEqual({ rep: LI, name: "李雷", weighted: "40000.00", commit: "0.00", actual: "100000.00", weightedErrorPct: -60, commitErrorPct: -100 });
    expect(res.body.reps).toContainEqual({ rep: ADMIN, name: "管理员", weighted: "0.00", commit: "0.00", actual: "0.00", weightedErrorPct: null, commitErrorPct: null });
    // without a period it looks back at last month
    expect((await h.request.get("/api/v1/reports/forecast?view=accuracy").set("authorization", `Bearer ${token}`)).body.period).toBe("2026-12");
  });
});
