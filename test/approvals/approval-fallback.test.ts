// Approver groups left empty (the default config, as after `npm run seed`): the request goes
// up the requester's chain of command — manager, then the manager's manager — then to the
// admins; the approved discount then shows on 商机 #N, the customer card and the CSV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/crm/import-export/csv.ts";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

type Card = { task_id: string; main_title: { title: string }; button_list: Array<{ key: string }> };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "fb_root" } });
  h.fake.users = { fb_rep: "王芳", fb_mgr: "周静", fb_top: "孙总", fb_solo: "李强", fb_admin: "赵磊", fb_root: "钱总" };
  const p = h.tdb.db.prisma;
  const top = await p.user.create({ data: { wecomUserId: "fb_top", name: "孙总", role: "manager" } });
  const mgr = await p.user.create({ data: { wecomUserId: "fb_mgr", name: "周静", role: "manager", managerId: top.id } });
  await p.user.create({ data: { wecomUserId: "fb_rep", name: "王芳", managerId: mgr.id } });
  await p.user.create({ data: { wecomUserId: "fb_solo", name: "李强" } });
  await p.user.create({ data: { wecomUserId: "fb_admin", name: "赵磊", role: "admin" } });
  for (const [n, phone, company] of [["张伟", "13811112222", "华为"], ["刘洋", "13822223333", "小米"]] as const) {
    await say("fb_rep", `新建线索 ${n} ${phone} ${company} 展会`);
    await say("fb_rep", `转化 ${n}`);
  }
  await say("fb_solo", "新建线索 陈静 13833334444 美团 展会");
  await say("fb_solo", "转化 陈静");
  await say("fb_rep", "商机 #1 金额:120万");
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}
const cardsTo = (who: string) => h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").map((m) => m["template_card"] as Card);

describe("empty approver groups fall back", () => {
  it("85折 with no 销售总监 configured goes to the rep's manager, and the discount shows everywhere once approved", async () => {
    expect(await say("fb_rep", "申请折扣 #1 85折 客户预算有限")).toBe("已提交折扣审批（审批 #1），等待 周静 审批，结果会通知你。发送「审批 #1」看进度。");
    expect(cardsTo("fb_mgr").at(-1)!.main_title.title).toBe("折扣审批 #1");
    await say("fb_mgr", "同意 #1");
    expect(sentTexts(h.fake, "fb_rep").at(-1)).toBe("你的折扣审批 #1 已通过。商机 #1 的折扣已设为 85折。");
    const view = await say("fb_rep", "商机 #1");
    expect(view).toContain("商机 #1");
    expect(view).toContain("折扣：85折");
    expect(view).toContain("金额：120万");
    expect(await say("fb_rep", "客户 华为")).toContain("｜120万｜85折");
    await say("fb_rep", "导出 商机");
    const file = h.fake.sentMessages().filter((m) => m["touser"] === "fb_rep" && m["msgtype"] === "file").at(-1)!;
    const upload = h.fake.uploads.find((u) => u.mediaId === (file["file"] as { media_id: string }).media_id)!;
    const [header, ...rows] = parseCsv(upload.content.toString("utf8").replace(/^\uFEFF/, "")).map((r) => r.cells);
    expect(rows.find((r) => r[0] === "1")![header!.indexOf("折扣")]).toBe("85折");
  });

  it("75折: 销售总监 → the manager, then 副总裁 → the manager's manager", async () => {
    expect(await say("fb_rep", "申请折扣 #2 75折 年度大单")).toContain("等待 周静 审批");
    await say("fb_mgr", "同意 #2");
    expect(sentTexts(h.fake, "fb_rep").at(-1)).toBe("你的折扣审批 #2：周静 已同意，下一步等待 孙总 审批。");
    await say("fb_top", "同意 #2");
    expect(sentTexts(h.fake, "fb_rep").at(-1)).toBe("你的折扣审批 #2 已通过。商机 #2 的折扣已设为 75折。");
  });

  it("a rep with no manager: the admins, by role and from CRM_ADMINS (one who never wrote is named by id)", async () => {
    expect(await say("fb_solo", "申请折扣 #3 85折 竞品压价")).toMatch(/^已提交折扣审批（审批 #3），等待 (赵磊、fb_root|fb_root、赵磊) 审批/);
    expect(cardsTo("fb_admin").at(-1)!.main_title.title).toBe("折扣审批 #3");
    expect(cardsTo("fb_root").at(-1)!.main_title.title).toBe("折扣审批 #3");
  });
});
