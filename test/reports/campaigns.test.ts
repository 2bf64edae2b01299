// Conversion per lead source and campaign, and campaign spend, through the signed webhook and
// REST: leads from the intake API (with a campaign) and typed 新建线索 (with a 来源), behaviour
// points, 转化, a won deal, a payment; every figure checked, in each viewer's scope, and the
// period read in Asia/Shanghai (a lead made at 00:30 on 1 December local is December's, though
// UTC still says 30 November).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, say } from "../receivables/fixtures.ts";

let h: Harness;
let token = "";
const WANG = "cp_wang"; // 王芳, 华东 (上海)
const LI = "cp_li"; // 李雷, 华东
const ZHAO = "cp_zhao"; // 赵六, 华南 (广州)
const MGR = "cp_mgr"; // 华东's manager
const ADMIN = "cp_admin";

const api = (path: string) => h.request.get(`/api/v1${path}`).set("authorization", `Bearer ${token}`);
const intake = (body: object) => h.request.post("/api/v1/leads").set("authorization", `Bearer ${token}`).send(body);
const last = async (who: string, line: string) => (await say(h, who, line))[0]!;
const images = (who: string) => h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "image").length;

async function intakeLead(name: string, phone: string, company: string, source: string, region: string, campaign?: string): Promise<void> {
  h.clock.advance(60_000);
  const res = await intake({ name, phone, company, source, region, ...(campaign ? { campaign } : {}) });
  expect(res.status).toBe(201);
}

async function winDeal(who: string, amount: string): Promise<void> {
  const c = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
  for (const line of [`推进 #${c} 需求确认`, `商机 #${c} 需求:私有化部署`, `推进 #${c} 方案演示`, `商机 #${c} 预算:20万`, `推进 #${c} 报价谈判`]) await say(h, who, line);
  expect(await last(who, `赢单 #${c} ${amount}`)).toContain("赢单");
}

beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: ADMIN } });
  const p = h.tdb.db.prisma;
  const east = await p.team.create({ data: { name: "华东", regions: ["上海"] } });
  const south = await p.team.create({ data: { name: "华南", regions: ["广州"] } });
  await p.user.create({ data: { wecomUserId: MGR, name: "陈经理", role: "manager", teamId: east.id } });
  await p.user.create({ data: { wecomUserId: WANG, name: "王芳", teamId: east.id } });
  await p.user.create({ data: { wecomUserId: LI, name: "李雷", teamId: east.id } });
  await p.user.create({ data: { wecomUserId: ZHAO, name: "赵六", teamId: south.id } });
  token = /wcrm_[A-Za-z0-9_-]+/.exec(await last(ADMIN, "令牌 新建 官网"))![0];

  // November (local): one lead of 双11直播 → 王芳.
  await intakeLead("吴旧", "13900000009", "旧公司", "官网表单", "上海", "双11直播");
  // 00:30 on 1 December in Shanghai, still 30 November in UTC.
  h.clock.set(new Date("2026-11-30T16:30:00Z"));
  await intakeLead("钱一", "13900000001", "甲公司", "广告投放", "上海", "双11直播"); // → 李雷 (王芳 had the last one)
  await intakeLead("钱二", "13900000002", "乙公司", "广告投放", "上海", "双11直播"); // → 王芳
  await intakeLead("钱三", "13900000003", "丙公司", "官网表单", "广州", "双11直播"); // → 赵六
  await intakeLead("钱四", "13900000004", "丁公司", "官网表单", "上海", "春季展"); // → 李雷
  await say(h, WANG, "新建线索 孙五 13900000005 戊公司 展会");
  await say(h, LI, "新建线索 周六 13900000006 己公司 转介绍");
  // 钱二 reaches MQL by behaviour: 40 + 30.
  const ev = await h.request.post("/api/v1/events").set("authorization", `Bearer ${token}`).send({ lead: { phone: "13900000002" }, kind: "webinar", eventId: "w-1" });
  expect(ev.body.score).toBe(70);
  // 钱一 (score 40) converts and wins 12.5万 with 3万 of 回款; 钱三 converts only.
  await say(h, LI, "转化 钱一");
  await winDeal(LI, "125000.50");
  const jia = await p.customer.findFirstOrThrow({ where: { name: "甲公司" } });
  const contract = await contractFor(h, LI, jia.id, 12_500_050, { signDate: "2026-12-01" });
  await say(h, LI, `回款计划 ${contract.number} 2026-12-31 125000.50`);
  expect((await say(h, LI, `回款 ${contract.number} 3万 12月1日`))[0]).toContain("3万");
  await say(h, ZHAO, "转化 钱三");
}, 60_000);
afterAll(() => h.dispose());

describe("the leads as seeded", () => {
  it("carry their source, campaign and owner", async () => {
    const leads = await h.tdb.db.prisma.lead.findMany({ orderBy: { code: "asc" }, include: { owner: true } });
    expect(leads.map((l) => [l.name, l.source, l.campaign, l.owner?.wecomUserId, l.score, l.status])).toEqual([
      ["吴旧", "官网表单", "双11直播", WANG, 60, "new"],
      ["钱一", "广告投放", "双11直播", LI, 40, "converted"],
      ["钱二", "广告投放", "双11直播", WANG, 70, "new"],
      ["钱三", "官网表单", "双11直播", ZHAO, 60, "converted"],
      ["钱四", "官网表单", "春季展", LI, 60, "new"],
      ["孙五", "展会", null, WANG, 50, "new"],
      ["周六", "转介绍", null, LI, 80, "new"],
    ]);
  });
});

describe("活动 <名称> 成本", () => {
  it("managers and admins record spend; a new figure replaces the last; reps may not", async () => {
    expect(await last(ADMIN, "活动 双11直播 成本 2万")).toBe("已记录活动「双11直播」成本 2万。");
    expect(await last(MGR, "活动 双11直播 成本3万")).toBe("已更新活动「双11直播」成本：2万 → 3万（以最新一次为准）。");
    expect(await last(WANG, "活动 双11直播 成本 1万")).toBe("只有经理和管理员可以记录活动成本。");
    expect(await last(ADMIN, "活动 抖音投放 成本 5000 备注:12月信息流")).toBe("已记录活动「抖音投放」成本 5,000 元。");
    expect(await last(ADMIN, "活动 抖音投放 成本 五千")).toContain("成本「五千」不对");
    const rows = await h.tdb.db.prisma.campaign.findMany({ orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.name, Number(r.costFen), r.note])).toEqual([
      ["双11直播", 3_000_000, null],
      ["抖音投放", 500_000, "12月信息流"],
    ]);
    const history = await h.tdb.db.prisma.auditEntry.findMany({ where: { entity: "campaign", action: "set_cost" }, orderBy: { id: "asc" } });
    expect(history.map((a) => a.detail)).toEqual([
      { name: "双11直播", before: null, after: 2_000_000 },
      { name: "双11直播", before: 2_000_000, after: 3_000_000 },
      { name: "抖音投放", before: null, after: 500_000, note: "12月信息流" },
    ]);
  });
});

const LEGEND = "MQL：评分≥60或已转化；赢单、成交额、回款统计到今天。";

describe("渠道分析 (this month: December in Shanghai)", () => {
  it("an admin sees every lead, per source in the configured order, with a picture", async () => {
    const before = images(ADMIN);
    expect(await last(ADMIN, "渠道分析")).toBe(
      [
        "线索来源分析 · 2026年12月 · 全公司",
        LEGEND,
        "官网表单：线索 2，MQL 2（100%），转化 1（50%），赢单 0，成交 0 元，回款 0 元",
        "广告投放：线索 2，MQL 2（100%），转化 1（50%），赢单 1，成交 125,000.50 元，回款 3万",
        "展会：线索 1，MQL 0（0%），转化 0（0%），赢单 0，成交 0 元，回款 0 元",
        "转介绍：线索 1，MQL 1（100%），转化 0（0%），赢单 0，成交 0 元，回款 0 元",
        "合计：线索 6，MQL 5（83%），转化 2（33%），赢单 1，成交 125,000.50 元，回款 3万",
      ].join("\n"),
    );
    expect(images(ADMIN)).toBe(before + 1);
  });

  it("the aliases and another month: 来源分析 上月 counts November's one lead", async () => {
    expect(await last(ADMIN, "来源分析 上月")).toContain("官网表单：线索 1，MQL 1（100%）");
    expect(await last(ADMIN, "线索来源 2026-10")).toBe("2026年10月没有新线索。");
    expect(await last(ADMIN, "渠道分析 上月 王芳 李雷")).toContain("多余的内容：「李雷」");
  });

  it("a manager sees the team, a rep only their own; a rep asking for a colleague is refused", async () => {
    const team = await last(MGR, "渠道分析 本月");
    expect(team).toContain("线索来源分析 · 2026年12月 · 本团队");
    expect(team).toContain("官网表单：线索 1，MQL 1（100%），转化 0（0%）");
    expect(team).toContain("合计：线索 5，MQL 4（80%），转化 1（20%），赢单 1，成交 125,000.50 元，回款 3万");
    expect(await last(MGR, "渠道分析 李雷")).toContain("合计：线索 3，MQL 3（100%），转化 1（33%），赢单 1");
    expect(await last(MGR, "渠道分析 赵六")).toBe("看不到「赵六」的数据：销售只能看自己的，经理看本团队的。");
    expect(await last(WANG, "渠道分析 李雷")).toBe("看不到「李雷」的数据：销售只能看自己的，经理看本团队的。");
    const own = await last(WANG, "渠道分析");
    expect(own).toContain("· 你本人");
    expect(own).toContain("合计：线索 2，MQL 1（50%），转化 0（0%），赢单 0，成交 0 元，回款 0 元");
  });
});

describe("活动分析 and 活动", () => {
  it("an admin sees cost per lead and ROI = (won − cost) / cost; a campaign with spend and no lead shows too", async () => {
    const before = images(ADMIN);
    expect(await last(ADMIN, "活动分析")).toBe(
      [
        "活动分析 · 2026年12月 · 全公司",
        LEGEND,
        "双11直播：线索 3，MQL 3（100%），转化 2（67%），赢单 1，成交 125,000.50 元，回款 3万，成本 3万，单条线索 1万，ROI 316.67%",
        "春季展：线索 1，MQL 1（100%），转化 0（0%），赢单 0，成交 0 元，回款 0 元，未记成本",
        "抖音投放：线索 0，MQL 0，转化 0，赢单 0，成交 0 元，回款 0 元，成本 5,000 元，ROI -100%",
      ].join("\n"),
    );
    expect(images(ADMIN)).toBe(before + 1);
    const png = h.fake.uploads.at(-1)!;
    expect([png.type, png.filename, png.content.subarray(1, 4).toString()]).toEqual(["image", "campaigns-2026-12.png", "PNG"]);
  });

  it("a manager sees the team's leads and the spend, not a ROI drawn from part of the leads", async () => {
    const text = await last(MGR, "活动分析 本月");
    expect(text).toContain("双11直播：线索 2，MQL 2（100%），转化 1（50%），赢单 1，成交 125,000.50 元，回款 3万，成本 3万\n");
    expect(text).toContain("抖音投放：线索 0");
    expect(text).toContain("单条线索成本和 ROI 按全公司线索计算，仅管理员可见。");
  });

  it("帮助 lists the commands under 报表", async () => {
    const group = /【报表】(.*)/.exec((await say(h, WANG, "帮助")).join("\n"))?.[1]?.split("、") ?? [];
    expect(group).toEqual(expect.arrayContaining(["渠道分析", "活动分析", "活动"]));
  });

  it("a rep sees their own leads' figures and no spend", async () => {
    const text = await last(WANG, "活动分析");
    expect(text).toContain("双11直播：线索 1，MQL 1（100%），转化 0（0%），赢单 0，成交 0 元，回款 0 元");
    expect(text).not.toContain("成本");
    expect(text).not.toContain("抖音投放");
  });

  it("活动 lists every campaign over all time; 活动 <名称> shows one", async () => {
    const all = await last(ADMIN, "活动");
    expect(all).toContain("活动分析 · 全部时间 · 全公司");
    expect(all).toContain("双11直播：线索 4，MQL 4（100%），转化 2（50%），赢单 1，成交 125,000.50 元，回款 3万，成本 3万，单条线索 7,500 元，ROI 316.67%");
    const one = await last(ADMIN, "活动 春季展");
    expect(one).toBe(["活动「春季展」· 全部线索 · 全公司", LEGEND, "春季展：线索 1，MQL 1（100%），转化 0（0%），赢单 0，成交 0 元，回款 0 元，未记成本"].join("\n"));
    expect(await last(ADMIN, "活动 不存在的活动")).toBe("没有找到活动「不存在的活动」：没有线索带这个活动，也没有记录过它的成本。");
    expect(await last(ZHAO, "活动 春季展")).toContain("春季展：线索 0，MQL 0");
  });
});

describe("GET /api/v1/reports/campaigns", () => {
  const december = {
    from: "2026-12-01",
    to: "2026-12-31",
    sources: [
      { source: "官网表单", leads: 2, mql: 2, converted: 1, won: 0, wonAmount: "0.00", receipts: "0.00" },
      { source: "广告投放", leads: 2, mql: 2, converted: 1, won: 1, wonAmount: "125000.50", receipts: "30000.00" },
      { source: "展会", leads: 1, mql: 0, converted: 0, won: 0, wonAmount: "0.00", receipts: "0.00" },
      { source: "转介绍", leads: 1, mql: 1, converted: 0, won: 0, wonAmount: "0.00", receipts: "0.00" },
    ],
    campaigns: [
      { campaign: "双11直播", leads: 3, mql: 3, converted: 2, won: 1, wonAmount: "125000.50", receipts: "30000.00", cost: "30000.00", costPerLead: "10000.00", roi: 3.1667 },
      { campaign: "春季展", leads: 1, mql: 1, converted: 0, won: 0, wonAmount: "0.00", receipts: "0.00", cost: null, costPerLead: null, roi: null },
      { campaign: "抖音投放", leads: 0, mql: 0, converted: 0, won: 0, wonAmount: "0.00", receipts: "0.00", cost: "5000.00", costPerLead: null, roi: -1 },
    ],
  };

  it("gives the chat's numbers; without dates, this month", async () => {
    const res = await api("/reports/campaigns?from=2026-12-01&to=2026-12-31");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(december);
    expect((await api("/reports/campaigns")).body).toMatchObject(december);
  });

  it("reads the days in CRM_TIMEZONE: November holds only the lead of the 23rd", async () => {
    const res = await api("/reports/campaigns?from=2026-11-01&to=2026-11-30");
    expect(res.body.sources).toEqual([{ source: "官网表单", leads: 1, mql: 1, converted: 0, won: 0, wonAmount: "0.00", receipts: "0.00" }]);
    expect(res.body.campaigns[0]).toEqual({ campaign: "双11直播", leads: 1, mql: 1, converted: 0, won: 0, wonAmount: "0.00", receipts: "0.00", cost: "30000.00", costPerLead: "30000.00", roi: -1 });
  });

  it("a bad query is a 400 naming the field", async () => {
    expect((await api("/reports/campaigns?from=2026-13-01&to=2026-12-31")).body.fields).toHaveProperty("from");
    expect((await api("/reports/campaigns?from=2026-12-01")).body.fields).toHaveProperty("to");
    const backwards = await api("/reports/campaigns?from=2026-12-31&to=2026-12-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields).toHaveProperty("to");
  });
});

describe("the intake API", () => {
  it("refuses a campaign name that is too long", async () => {
    const res = await intake({ name: "冯七", phone: "13900000007", campaign: "x".repeat(65) });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty("campaign");
  });
});
