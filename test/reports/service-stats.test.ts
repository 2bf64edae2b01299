// 满意度统计 and 工单统计 through the signed webhook and REST: tickets opened and resolved in chat,
// survey answers stored; the average, the 1–5 distribution and per assignee; opened / solved /
// past SLA per priority; periods (本月 by default, 上月, a bad one refused); scopes (a manager
// the tickets assigned to the team, a rep their own, an admin all) and the pictures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { customerOf, imagesTo, say, startHealthHarness, surveyAnswered, tokenOf } from "./health-fixtures.ts";

let h: Harness;
let token = "";

beforeAll(async () => {
  h = await startHealthHarness();
  await customerOf(h, "hx_rep", "华为技术");
  await customerOf(h, "hx_rep2", "小米科技");
  await customerOf(h, "hx_out", "京东物流");
  h.clock.set(new Date("2026-10-20T02:00:00Z"));
  await say(h, "hx_rep", "工单 华为技术 咨询一下保修期 P3"); // #1, October
  await say(h, "hx_rep", "解决 #1 已答复");
  await surveyAnswered(h, 1, 5);
  h.clock.set(new Date("2026-11-02T02:00:00Z"));
  await say(h, "hx_rep", "工单 华为技术 设备无法开机 类型:报修 P1"); // #2: left open, past its 4 hours
  await say(h, "hx_rep", "工单 华为技术 咨询一下售后政策 P3"); // #3
  await say(h, "hx_rep", "解决 #3 已电话答复");
  await surveyAnswered(h, 3, 2);
  await say(h, "hx_rep2", "工单 小米科技 打印机坏了无法打印"); // #4: P2
  await say(h, "hx_rep2", "解决 #4 已换墨盒");
  await surveyAnswered(h, 4, 4);
  await say(h, "hx_out", "工单 京东物流 系统无法登录 P1"); // #5: outside the team
  await say(h, "hx_out", "解决 #5 已重置密码");
  await surveyAnswered(h, 5, 1);
  token = await tokenOf(h, "it_admin");
  h.clock.set(new Date("2026-11-23T03:00:00Z"));
}, 180_000);
afterAll(() => h.dispose());

const get = (path: string) => h.request.get(`/api/v1/reports/${path}`).set("authorization", `Bearer ${token}`);

describe("满意度统计", () => {
  it("a manager: this month's answers on tickets assigned to the team — average, distribution, per assignee (lowest first between equals) — and a bar chart", async () => {
    const before = imagesTo(h, "hx_boss").length;
    expect((await say(h, "hx_boss", "满意度统计"))[0]).toBe(
      ["满意度统计（2026年11月）：评价 2 个，平均 3 分", "5分 0 · 4分 1 · 3分 0 · 2分 1 · 1分 0", "按处理人：", "· 王芳：1 个，平均 2 分", "· 李强：1 个，平均 4 分"].join("\n"),
    );
    expect(imagesTo(h, "hx_boss")).toHaveLength(before + 1);
  });

  it("a rep sees their own tickets only; an admin everyone's; 上月 is October", async () => {
    expect((await say(h, "hx_rep2", "满意度统计 本月"))[0]).toBe(["满意度统计（2026年11月）：评价 1 个，平均 4 分", "5分 0 · 4分 1 · 3分 0 · 2分 0 · 1分 0", "按处理人：", "· 李强：1 个，平均 4 分"].join("\n"));
    expect((await say(h, "it_admin", "满意度"))[0]!.split("\n")[0]).toBe("满意度统计（2026年11月）：评价 3 个，平均 2.33 分");
    expect((await say(h, "hx_boss", "满意度统计 上月"))[0]!.split("\n").slice(0, 2)).toEqual(["满意度统计（2026年10月）：评价 1 个，平均 5 分", "5分 1 · 4分 0 · 3分 0 · 2分 0 · 1分 0"]);
    const images = imagesTo(h, "hx_rep").length;
    expect(await say(h, "hx_rep", "满意度统计 2026-09")).toEqual(["满意度统计（2026年9月）：这段时间没有客户评价。"]);
    expect(await say(h, "hx_rep", "满意度统计 下下周")).toEqual(["看不懂期间「下下周」。可以写：本月、上月、本季、今年、2026-11、2026-Q4、2026。"]);
    expect(imagesTo(h, "hx_rep")).toHaveLength(images); // no picture of nothing
  });
});

describe("工单统计", () => {
  it("opened, solved and past SLA per priority for the team, with a picture; the outsider's ticket is not counted", async () => {
    const before = imagesTo(h, "hx_boss").length;
    expect((await say(h, "hx_boss", "工单统计"))[0]).toBe(
      ["工单统计（2026年11月）：新建 3 · 解决 2 · 超时 1", "· P1：新建 1 · 解决 0 · 超时 1", "· P2：新建 1 · 解决 1 · 超时 0", "· P3：新建 1 · 解决 1 · 超时 0"].join("\n"),
    );
    expect(imagesTo(h, "hx_boss")).toHaveLength(before + 1);
    expect((await say(h, "hx_out", "工单统计"))[0]).toBe(["工单统计（2026年11月）：新建 1 · 解决 1 · 超时 0", "· P1：新建 1 · 解决 1 · 超时 0", "· P2：新建 0 · 解决 0 · 超时 0", "· P3：新建 0 · 解决 0 · 超时 0"].join("\n"));
    expect(await say(h, "hx_rep2", "工单统计 2026-09")).toEqual(["工单统计（2026年9月）：新建 0 · 解决 0 · 超时 0"]);
  });
});

describe("GET /api/v1/reports/satisfaction and /tickets", () => {
  it("the same numbers as the chat, for the token owner's scope (an admin: all)", async () => {
    const s = await get("satisfaction?period=2026-11");
    expect(s.status).toBe(200);
    expect(s.body).toEqual({
      period: "2026-11",
      responses: 3,
      average: 2.33,
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: score === 3 || score === 5 ? 0 : 1 })),
      assignees: [
        { assignee: "孙外", responses: 1, average: 1 },
        { assignee: "王芳", responses: 1, average: 2 },
        { assignee: "李强", responses: 1, average: 4 },
      ],
    });
    const t = await get("tickets?period=2026-11");
    expect(t.body).toEqual({
      period: "2026-11",
      opened: 4,
      solved: 3,
      pastSla: 1,
      priorities: [
        { priority: "P1", opened: 2, solved: 1, pastSla: 1 },
        { priority: "P2", opened: 1, solved: 1, pastSla: 0 },
        { priority: "P3", opened: 1, solved: 1, pastSla: 0 },
      ],
    });
    expect((await get("tickets?period=2026-10")).body).toMatchObject({ opened: 1, solved: 1, pastSla: 0 });
    expect((await get("tickets?period=last-month")).status).toBe(400);
  });
});
