// 导出 through the signed webhook: a CSV of exactly what the actor may see, uploaded to
// WeCom and sent as a file message, audited, and not left in the outbox afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/crm/import-export/csv.ts";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.fake.users = { ex_rep_a: "王芳", ex_rep_b: "李强", ex_mgr: "周静", ex_rep_c: "陈杰" };
  const p = h.tdb.db.prisma;
  const east = await p.team.create({ data: { name: "华东一组" } });
  const south = await p.team.create({ data: { name: "华南一组" } });
  const mgr = await p.user.create({ data: { wecomUserId: "ex_mgr", name: "周静", role: "manager", teamId: east.id } });
  await p.user.create({ data: { wecomUserId: "ex_rep_a", name: "王芳", teamId: east.id, managerId: mgr.id } });
  await p.user.create({ data: { wecomUserId: "ex_rep_b", name: "李强", teamId: east.id, managerId: mgr.id } });
  await p.user.create({ data: { wecomUserId: "ex_rep_c", name: "陈杰", teamId: south.id } });
  await say("ex_rep_a", "新建线索 张伟 13811112222 华为技术有限公司 展会 地区:上海");
  await say("ex_rep_a", "新建线索 赵敏 13822223333 某某科技 转介绍 备注:=HYPERLINK(\"http://x\") 先发资料");
  await say("ex_rep_b", "新建线索 孙丽 13833334444 腾讯 官网表单");
  await say("ex_rep_c", "新建线索 吴昊 13844445555 美的集团 广告投放");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}

/** The last file sent to a user: the message/send body and the uploaded CSV's rows. */
function lastFileTo(user: string) {
  const msg = h.fake.sentMessages().filter((m) => m["touser"] === user && m["msgtype"] === "file").at(-1);
  if (!msg) return undefined;
  const mediaId = (msg["file"] as { media_id: string }).media_id;
  const upload = h.fake.uploads.find((u) => u.mediaId === mediaId)!;
  const text = upload.content.toString("utf8");
  return { upload, text, rows: parseCsv(text.replace(/^\uFEFF/, "")).map((r) => r.cells) };
}

describe("导出", () => {
  it("a rep gets a CSV file of their own leads only, with a BOM and formula-safe cells", async () => {
    const reply = await say("ex_rep_a", "导出 线索");
    expect(reply).toMatch(/^已导出你可见范围内的 2 条线索：线索_20261123_100000_ex_rep_a\.csv/);
    const got = lastFileTo("ex_rep_a")!;
    expect(got.upload.type).toBe("file");
    expect(got.upload.filename).toBe("线索_20261123_100000_ex_rep_a.csv");
    expect(got.text.startsWith("\uFEFF编号,姓名,手机,公司")).toBe(true);
    const [header, ...rows] = got.rows;
    expect(header).toContain("负责人");
    expect(rows.map((r) => r[1]).sort()).toEqual(["张伟", "赵敏"]);
    const zhao = rows.find((r) => r[1] === "赵敏")!;
    expect(zhao[header!.indexOf("备注")]).toBe("'=HYPERLINK(\"http://x\") 先发资料");
    expect(zhao[header!.indexOf("负责人")]).toBe("王芳");
    expect(zhao[header!.indexOf("创建时间")]).toBe("2026-11-23 10:00");
  });

  it("a manager gets the team's leads (not another team's); the English alias works", async () => {
    h.clock.advance(60_000);
    await say("ex_mgr", "export leads");
    const names = lastFileTo("ex_mgr")!.rows.slice(1).map((r) => r[1]).sort();
    expect(names).toEqual(["孙丽", "张伟", "赵敏"]);
  });

  it("every export is audited with what and how many rows", async () => {
    const entries = await h.tdb.db.prisma.auditEntry.findMany({ where: { action: "export" }, include: { actor: true }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.actor?.wecomUserId, e.entity, (e.detail as { rows: number }).rows, (e.detail as { via: string }).via])).toEqual([
      ["ex_rep_a", "lead", 2, "chat"],
      ["ex_mgr", "lead", 3, "chat"],
    ]);
  });

  it("the file's content does not stay in the outbox once sent", async () => {
    const rows = await h.tdb.db.query<{ body: string }>("SELECT body::text AS body FROM outbox_messages");
    expect(rows.some((r) => r.body.includes("编号,姓名,手机") || r.body.includes('"file"'))).toBe(false);
    expect(rows.filter((r) => r.body.includes("[sent; content removed]")).length).toBe(2);
  });

  it("customers and opportunities export too; nothing to export says so and sends no file", async () => {
    expect(await say("ex_rep_c", "导出 客户")).toBe("你可见范围内没有客户，没有生成文件。");
    await say("ex_rep_a", "转化 张伟");
    await say("ex_rep_a", "导出 商机");
    const opp = lastFileTo("ex_rep_a")!.rows;
    expect(opp[0]!.slice(0, 4)).toEqual(["编号", "名称", "客户", "阶段"]);
    expect(opp[1]!.slice(2, 4)).toEqual(["华为技术有限公司", "初步沟通"]);
    await say("ex_rep_a", "导出 客户");
    const customers = lastFileTo("ex_rep_a")!.rows;
    expect(customers[1]!.slice(1, 2)).toEqual(["华为技术有限公司"]);
    expect(customers[1]![customers[0]!.indexOf("联系人")]).toBe("张伟");
  });

  it("two people exporting in the same minute get different file names (seconds and who)", async () => {
    h.clock.advance(7_000);
    await say("ex_rep_a", "导出 线索");
    await say("ex_rep_c", "导出 线索");
    const names = [lastFileTo("ex_rep_a")!.upload.filename, lastFileTo("ex_rep_c")!.upload.filename];
    expect(names[0]).toMatch(/^线索_20261123_\d{6}_ex_rep_a\.csv$/);
    expect(names[1]).toMatch(/^线索_20261123_\d{6}_ex_rep_c\.csv$/);
    expect(names[0]!.slice(0, 18)).toBe(names[1]!.slice(0, 18));
    expect(names[0]).not.toBe(names[1]);
  });

  it("a wrong kind gets usage and an example", async () => {
    const reply = await say("ex_rep_a", "导出 订单");
    expect(reply).toContain("只能导出：线索、客户、商机、合同、回款、发票");
    expect(reply).toContain("用法：导出 <线索|客户|商机|合同|回款|发票>");
    expect(await say("ex_rep_a", "导出")).toContain("缺少要导出的内容");
  });

  it("a failed upload is retried, and the file still arrives once", async () => {
    const before = h.fake.uploads.length;
    h.fake.failNext("/cgi-bin/media/upload", { kind: "http", status: 502 });
    await say("ex_rep_b", "导出 线索");
    expect(lastFileTo("ex_rep_b")).toBeUndefined();
    h.clock.advance(10 * 60_000);
    await h.drain();
    expect(h.fake.uploads.length).toBe(before + 1);
    expect(lastFileTo("ex_rep_b")!.rows.slice(1).map((r) => r[1])).toEqual(["孙丽"]);
  });
});
