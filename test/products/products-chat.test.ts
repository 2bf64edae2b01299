// 产品 through the signed webhook: admins build the catalogue (prices 含税 read exactly to
// fen, only the VAT rates allowed, one product per name however it is typed, one per SKU),
// everyone lists what is on sale, stopped products disappear from the list and lookups,
// and every change is audited before → after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProductByRef } from "../../src/crm/products/products.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { sayer } from "../support/pool-fixtures.ts";

let h: Harness;
const say = sayer(() => h);
const ADMIN = "pc_admin";
const REP = "pc_rep";
const product = (name: string) => h.tdb.db.prisma.product.findFirstOrThrow({ where: { name } });
const auditsOf = (entityId: string) => h.tdb.db.prisma.auditEntry.findMany({ where: { entity: "product", entityId }, orderBy: { id: "asc" } });
const USAGE_TAIL =
  "用法：产品 [列表 [页码]] | 产品 新建 <名称> <含税单价> [单位:套] [税率:13%] [编码:CRM-STD] | 产品 <#编号|编码|名称> [单价:…] [税率:…] [单位:…] [名称:…] [编码:…] | 产品 #3 停用|启用\n" +
  "例如：产品 新建 CRM标准版 1.2万 单位:套 税率:13% 编码:CRM-STD";

beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: ADMIN }, dispatcher: { perRecipientPerMinute: 10_000, perRecipientPerHour: 100_000 } });
});
afterAll(() => h.dispose());

describe("产品 新建 (admins)", () => {
  it("creates a product from the issue's example: price 含税 to the fen, unit, rate, SKU, audited", async () => {
    const reply = await say(ADMIN, "产品 新建 CRM标准版 1.2万 单位:套 税率:13% 编码:CRM-STD");
    const p = await product("CRM标准版");
    expect(reply).toBe(`已新建产品 #${p.code} CRM标准版：1.2万/套（含税），税率 13%，编码 CRM-STD。`);
    expect([p.listPriceFen, p.taxRatePpm, p.unit, p.sku, p.active, p.nameKey]).toEqual([1_200_000n, 130_000, "套", "CRM-STD", true, "crm标准版"]);
    const admin = await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: ADMIN } });
    const [created] = await auditsOf(p.id);
    expect(created).toMatchObject({
      action: "create",
      actorId: admin.id,
      detail: { after: { name: "CRM标准版", sku: "CRM-STD", unit: "套", listPriceFen: 1_200_000, taxRatePpm: 130_000, active: true } },
    });
  });

  it("defaults: unit 套, rate 13 %; any amount parseAmount reads; a name of several words", async () => {
    expect(await say(ADMIN, "产品 新建 CRM专业版 ¥36,000.50")).toMatch(/^已新建产品 #\d+ CRM专业版：36,000.50 元\/套（含税），税率 13%。$/);
    expect((await product("CRM专业版")).listPriceFen).toBe(3_600_050n);
    expect(await say(ADMIN, "产品 新建 实施 服务 2000 单位:人天 税率:6%")).toMatch(/^已新建产品 #\d+ 实施 服务：2,000 元\/人天（含税），税率 6%。$/);
    expect(await say(ADMIN, "产品 新建 年度维保 0.36万 单位:年 税率:0.06")).toMatch(/年度维保：3,600 元\/年（含税），税率 6%。$/);
    expect((await product("年度维保")).listPriceFen).toBe(360_000n);
  });

  it("refuses a name taken in another width, case or spacing, and a SKU taken in another case", async () => {
    const p = await product("CRM标准版");
    const before = await h.tdb.db.prisma.product.count();
    for (const variant of ["ＣＲＭ标准版", "crm标准版", "CRM 标准版"]) {
      expect(await say(ADMIN, `产品 新建 ${variant} 1万`), variant).toBe(`已有同名产品：#${p.code} CRM标准版。`);
    }
    expect(await say(ADMIN, "产品 新建 CRM旗舰版 5万 编码:crm-std")).toBe(`编码 crm-std 已被产品 #${p.code} CRM标准版 使用。`);
    expect(await h.tdb.db.prisma.product.count()).toBe(before);
  });

  it("refuses a bad price or rate with the reason and the usage; nothing is written", async () => {
    const before = await h.tdb.db.prisma.product.count();
    const cases: Array<[string, string]> = [
      ["产品 新建 旗舰版 1.2345678万", "单价「1.2345678万」精度超出（金额最多到分）。写含税单价，例如 12000、1.2万、¥12,000.00"],
      ["产品 新建 旗舰版 -5万", "单价「-5万」不能为负数。写含税单价，例如 12000、1.2万、¥12,000.00"],
      ["产品 新建 旗舰版 0", "单价「0」不能为 0。写含税单价，例如 12000、1.2万、¥12,000.00"],
      ["产品 新建 旗舰版 很贵", "单价「很贵」格式不对。写含税单价，例如 12000、1.2万、¥12,000.00"],
      ["产品 新建 旗舰版 5万 税率:5%", "税率「5%」不对：只能是 13%、9%、6%、3% 或 0%"],
      ["产品 新建 旗舰版 5万 税率:13.5%", "税率「13.5%」不对：只能是 13%、9%、6%、3% 或 0%"],
      ["产品 新建 旗舰版", "缺少含税单价"],
      ["产品 新建", "缺少产品名称\n缺少含税单价"],
      ["产品 新建 旗舰版 5万 编码:CRM STD", "单价「STD」格式不对。写含税单价，例如 12000、1.2万、¥12,000.00"],
      ["产品 新建 旗舰版 5万 编码:标准", "编码「标准」不对：最多 32 个字母、数字或 - _ . / 符号，不含空格"],
      [`产品 新建 ${"长".repeat(65)} 5万`, "产品名称应为 1–64 个字"],
    ];
    for (const [line, problem] of cases) expect(await say(ADMIN, line), line).toBe(`${problem}\n${USAGE_TAIL}`);
    expect(await h.tdb.db.prisma.product.count()).toBe(before);
  });

  it("only admins may create or change; reps are told so and nothing changes", async () => {
    const p = await product("CRM标准版");
    const before = await h.tdb.db.prisma.product.count();
    expect(await say(REP, "产品 新建 盗版 1元")).toBe("只有管理员可以新建、修改、停用或启用产品。发送「产品」查看产品目录。");
    expect(await say(REP, `产品 #${p.code} 单价:1元`)).toBe("只有管理员可以新建、修改、停用或启用产品。发送「产品」查看产品目录。");
    expect(await say(REP, `产品 #${p.code} 停用`)).toBe("只有管理员可以新建、修改、停用或启用产品。发送「产品」查看产品目录。");
    expect(await h.tdb.db.prisma.product.count()).toBe(before);
    expect((await product("CRM标准版")).listPriceFen).toBe(1_200_000n);
  });
});

describe("产品 (everyone)", () => {
  it("a rep lists what is on sale: code, name, SKU, 含税 price per unit, rate", async () => {
    const [std, pro, svc, care] = await Promise.all(["CRM标准版", "CRM专业版", "实施 服务", "年度维保"].map(product));
    expect(await say(REP, "产品")).toBe(
      [
        "产品目录（在售 4 个）：",
        `#${std!.code} CRM标准版（CRM-STD）｜1.2万/套｜税率 13%`,
        `#${pro!.code} CRM专业版｜36,000.50 元/套｜税率 13%`,
        `#${svc!.code} 实施 服务｜2,000 元/人天｜税率 6%`,
        `#${care!.code} 年度维保｜3,600 元/年｜税率 6%`,
        "详情：产品 #编号",
      ].join("\n"),
    );
    expect(await say(REP, "产品 列表")).toBe(await say(REP, "产品"));
    expect(await say(REP, `产品 #${std!.code}`)).toBe(
      `产品 #${std!.code} CRM标准版\n1.2万/套（含税），税率 13%，编码 CRM-STD\n修改：产品 #${std!.code} 单价:… 税率:… 单位:… 名称:… 编码:…；产品 #${std!.code} 停用`,
    );
    expect(await say(REP, "产品 crm-std")).toContain(`产品 #${std!.code} CRM标准版\n`);
    expect(await say(REP, "产品 专业")).toContain(`产品 #${pro!.code} CRM专业版\n`);
    expect(await say(REP, "产品 不存在的东西")).toBe("找不到产品「不存在的东西」。发送「产品」查看产品目录。");
    expect(await say(REP, "产品 列表 0")).toBe(`页码应为正整数，例如「产品 列表 2」\n${USAGE_TAIL}`);
    expect(await say(REP, "产品 列表 9")).toBe("只有 1 页。");
    expect(await say(REP, `产品 #${std!.code} 删掉`)).toBe(`「删掉」看不懂：要停用或启用产品，请写「停用」或「启用」\n${USAGE_TAIL}`);
  });

  it("pages of 20, with the next page named", async () => {
    for (let i = 1; i <= 18; i++) await h.tdb.db.prisma.product.create({ data: { name: `配件${i}`, nameKey: `配件${i}`, unit: "个", listPriceFen: BigInt(i * 100), taxRatePpm: 130_000 } });
    const first = await say(REP, "产品 列表");
    expect(first.split("\n")[0]).toBe("产品目录（在售 22 个，第 1/2 页）：");
    expect(first).toContain("下一页：产品 列表 2");
    const second = await say(REP, "产品 列表 2");
    expect(second.split("\n")).toEqual(["产品目录（在售 22 个，第 2/2 页）：", expect.stringMatching(/^#\d+ 配件17｜17 元\/个｜税率 13%$/), expect.stringMatching(/^#\d+ 配件18｜18 元\/个｜税率 13%$/), "详情：产品 #编号"]);
    await h.tdb.db.prisma.product.deleteMany({ where: { name: { startsWith: "配件" } } });
  });
});

describe("产品 #n changes (admins)", () => {
  it("changes price, rate, unit, name and SKU, audited before → after; the same values again change nothing", async () => {
    const p = await product("CRM专业版");
    expect(await say(ADMIN, `产品 #${p.code} 单价:3.6万 税率:9% 编码:CRM-PRO`)).toBe(`已更新产品 #${p.code} CRM专业版：含税单价 3.6万/套，税率 9%，编码 CRM-PRO。`);
    const after = await product("CRM专业版");
    expect([after.listPriceFen, after.taxRatePpm, after.sku]).toEqual([3_600_000n, 90_000, "CRM-PRO"]);
    const update = (await auditsOf(p.id)).at(-1)!;
    expect(update).toMatchObject({
      action: "update",
      detail: { before: { listPriceFen: 3_600_050, taxRatePpm: 130_000, sku: null }, after: { listPriceFen: 3_600_000, taxRatePpm: 90_000, sku: "CRM-PRO" } },
    });
    expect(await say(ADMIN, `产品 #${p.code} 单价:36000 税率:9%`)).toBe(`产品 #${p.code} CRM专业版 没有变化。`);
    expect(await say(ADMIN, `产品 CRM-PRO 名称:CRM 专业版 单位:年`)).toBe(`已更新产品 #${p.code} CRM 专业版：名称（原「CRM专业版」），单位 年。`);
    expect(await say(ADMIN, `产品 #${p.code} 名称:CRM标准版`)).toMatch(/^已有同名产品：#\d+ CRM标准版。$/);
    expect(await say(ADMIN, `产品 #${p.code} 编码:`)).toBe(`已更新产品 #${p.code} CRM 专业版：编码 （已清空）。`);
    expect(await say(ADMIN, `产品 #${p.code} 税率:10%`)).toBe(`税率「10%」不对：只能是 13%、9%、6%、3% 或 0%\n${USAGE_TAIL}`);
  });

  it("a stopped product leaves the list and every lookup but the admin's; 启用 brings it back", async () => {
    const p = await product("年度维保");
    expect(await say(ADMIN, `产品 #${p.code} 停用`)).toBe(`已停用产品 #${p.code} 年度维保：产品目录和新报价里不再出现，已有报价不受影响。发送「产品 #${p.code} 启用」可恢复。`);
    expect(await say(ADMIN, `产品 #${p.code} 停用`)).toBe(`产品 #${p.code} 年度维保 已经是停用状态。`);
    const list = await say(REP, "产品");
    expect(list).toContain("在售 3 个");
    expect(list).not.toContain("年度维保");
    expect(await say(ADMIN, "产品")).toContain(`已停用：#${p.code} 年度维保`);
    expect(await say(REP, `产品 #${p.code}`)).toBe(`找不到产品「#${p.code}」。发送「产品」查看产品目录。`);
    expect(await say(REP, "产品 年度维保")).toBe("找不到产品「年度维保」。发送「产品」查看产品目录。");
    const tx = h.tdb.db.prisma;
    for (const ref of [`#${p.code}`, `产品#${p.code}`, "年度维保", "年度 维保", "维保"]) expect(await findProductByRef(tx, ref), ref).toBeNull();
    expect((await findProductByRef(tx, "维保", true))?.id).toBe(p.id);
    expect(await say(ADMIN, `产品 #${p.code}`)).toContain(`产品 #${p.code} 年度维保（已停用）`);
    // A stopped product still owns its name: no second 年度维保.
    expect(await say(ADMIN, "产品 新建 年度维保 1万")).toBe(`已有同名产品：#${p.code} 年度维保（已停用，可「产品 #${p.code} 启用」）。`);
    expect(await say(ADMIN, `产品#${p.code} 启用`)).toBe(`已启用产品 #${p.code} 年度维保，重新出现在产品目录里。`);
    expect((await findProductByRef(tx, "维保"))?.id).toBe(p.id);
    const trail = (await auditsOf(p.id)).map((a) => [a.action, (a.detail as { before?: { active: boolean } }).before?.active, (a.detail as { after: { active: boolean } }).after.active]);
    expect(trail).toEqual([["create", undefined, true], ["update", true, false], ["update", false, true]]);
  });

  it("help names the command; a typo after 产品 新建 gets the usage", async () => {
    expect(await say(REP, "帮助 产品")).toBe(`产品：产品目录：查看在售产品（含税单价、税率）；管理员可新建、改价、停用或启用\n${USAGE_TAIL}`);
    expect(await say(ADMIN, "产品 新建 旗舰版 5万 税率:13% 多余")).toBe(`单价「多余」格式不对。写含税单价，例如 12000、1.2万、¥12,000.00\n${USAGE_TAIL}`);
  });
});
