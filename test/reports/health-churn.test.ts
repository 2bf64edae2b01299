// The weekly 流失风险 list through the scheduler (manual clock, runJobs): Monday 09:30 the
// owner gets their customers in the risk band with the reasons, the manager the team's with the
// owner named; nobody at risk → nothing sent; once per week however often the jobs run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { contractFor, customerOf, say, startHealthHarness } from "./health-fixtures.ts";

let h: Harness;
let huawei = { id: "", code: 0 };

beforeAll(async () => {
  h = await startHealthHarness();
  huawei = await customerOf(h, "hx_rep", "华为技术");
  await say(h, "hx_rep", "跟进 华为技术 电话沟通了需求");
  const c = await contractFor(h, "hx_rep", huawei.id, 10_000_000, "2026-10-14");
  await say(h, "hx_rep", `回款计划 ${c.number} 2026-11-01 5万，2026-12-31 5万`);
  await say(h, "hx_rep", "工单 华为技术 设备无法开机 类型:报修 P1");
  await customerOf(h, "hx_rep2", "小米科技");
  await customerOf(h, "hx_out", "京东物流"); // never followed up: −30, 70 关注, not at risk
  h.clock.set(new Date("2026-11-27T02:00:00Z"));
  await say(h, "hx_rep2", "跟进 小米科技 上门拜访");
}, 180_000);
afterAll(() => h.dispose());

const churnTo = (who: string) =>
  h.fake
    .sentMessages()
    .filter((m) => m["touser"] === who && m["msgtype"] === "markdown")
    .map((m) => (m["markdown"] as { content: string }).content)
    .filter((t) => t.startsWith("**本周流失风险"));

describe("the weekly 流失风险 list", () => {
  it("nothing before Monday 09:30", async () => {
    h.clock.set(new Date("2026-11-30T01:20:00Z")); // Mon 09:20
    await h.runJobs();
    expect(churnTo("hx_rep")).toEqual([]);
  });

  it("Monday 09:30: the owner and the manager get the customer with its reasons; nobody else hears anything", async () => {
    h.clock.set(new Date("2026-11-30T01:45:00Z")); // Mon 09:45, past the per-person spread
    await h.runJobs();
    const reasons = ["> 47 天未跟进（-30）", "> 1 期回款逾期，未收 5万（-15）", "> 未完成的紧急工单 #1（P1）（-10）"];
    expect(churnTo("hx_rep")).toEqual([["**本周流失风险客户 1 个**", `**华为技术**（#${huawei.code}）45 分`, ...reasons].join("\n")]);
    expect(churnTo("hx_boss")).toEqual([["**本周流失风险客户 1 个**", `**华为技术**（#${huawei.code}）45 分 · 王芳`, ...reasons].join("\n")]);
    expect(churnTo("hx_rep2")).toEqual([]);
    expect(churnTo("hx_out")).toEqual([]);
  });

  it("once per week: running the jobs again that day or later in the week sends nothing more; next Monday it comes again", async () => {
    h.clock.set(new Date("2026-11-30T06:00:00Z"));
    await h.runJobs();
    h.clock.set(new Date("2026-12-03T02:00:00Z"));
    await h.runJobs();
    expect(churnTo("hx_rep")).toHaveLength(1);
    expect(churnTo("hx_boss")).toHaveLength(1);
    h.clock.set(new Date("2026-12-07T01:45:00Z"));
    await h.runJobs();
    expect(churnTo("hx_rep")).toHaveLength(2);
    expect(churnTo("hx_rep").at(-1)).toContain("54 天未跟进（-30）");
  });
});

describe("quiet hours", () => {
  let q: Harness;
  beforeAll(async () => {
    q = await startHealthHarness("reports:\n  health:\n    churnList: { at: \"07:30\" }\n");
    await customerOf(q, "hx_rep", "华为技术"); // never followed up (−30) with two open P1 tickets (−20): 50
    await say(q, "hx_rep", "工单 华为技术 设备无法开机 类型:报修 P1");
    await say(q, "hx_rep", "工单 华为技术 系统故障无法登录 P1");
  }, 180_000);
  afterAll(() => q.dispose());

  it("a list due at 07:30 (inside 21:00–08:00) waits for 08:00, then comes once", async () => {
    const churn = () => q.fake.sentMessages().filter((m) => m["touser"] === "hx_rep" && (m["markdown"] as { content?: string } | undefined)?.content?.startsWith("**本周流失风险"));
    q.clock.set(new Date("2026-11-29T23:45:00Z")); // Mon 07:45
    await q.runJobs();
    expect(churn()).toHaveLength(0);
    q.clock.set(new Date("2026-11-30T00:10:00Z")); // Mon 08:10
    await q.runJobs();
    q.clock.set(new Date("2026-11-30T00:20:00Z"));
    await q.runJobs();
    expect(churn()).toHaveLength(1);
  });
});
