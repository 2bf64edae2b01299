// 团队: an admin sets up the organisation in chat; scopes follow it at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "it_admin" } });
  h.fake.users = { rep_a: "王芳", boss: "陈经理" };
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string> {
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}

describe("团队", () => {
  it("only admins may change the organisation", async () => {
    expect(await say("rep_a", "团队 列表")).toBe("你没有权限使用「团队」。如需开通请联系管理员。");
  });

  it("creates a team, adds people (even before they first write), sets roles and managers", async () => {
    expect(await say("it_admin", "团队 新建 华东一组 地区:上海,江苏 产品:CRM")).toBe("已创建团队「华东一组」，负责地区 上海、江苏，产品线 CRM。");
    expect(await say("it_admin", "团队 新建 华东一组")).toBe("已有团队「华东一组」。");
    expect(await say("it_admin", "团队 加入 华东一组 rep_a")).toBe("王芳 已加入团队「华东一组」。");
    expect(await say("it_admin", "团队 加入 华东一组 boss")).toBe("boss 已加入团队「华东一组」。");
    expect(await say("it_admin", "团队 角色 boss 主管")).toBe("boss 的角色已设为 主管。");
    expect(await say("it_admin", "团队 主管 王芳 boss")).toBe("王芳 的主管已设为 boss。");
    expect(await say("it_admin", "团队 主管 boss boss")).toBe("不能把一个人设为自己的主管。");
    expect(await say("it_admin", "团队 列表")).toBe("• 华东一组（上海、江苏、CRM）：王芳（销售）、boss（主管）");
    const team = await h.tdb.db.prisma.team.findUniqueOrThrow({ where: { name: "华东一组" } });
    expect(team).toMatchObject({ regions: ["上海", "江苏"], productLines: ["CRM"] });
    const audits = await h.tdb.db.prisma.auditEntry.count({ where: { entity: { in: ["team", "user"] } } });
    expect(audits).toBe(5);
  });

  it("explains mistakes", async () => {
    expect(await say("it_admin", "团队 解散 华东一组")).toContain("操作只能是：新建、加入、角色、主管、列表");
    expect(await say("it_admin", "团队 角色 boss 老板")).toContain("角色只能是：销售、主管、管理员");
    expect(await say("it_admin", "团队 加入 华南 rep_a")).toBe("没有团队「华南」。发送「团队 列表」查看。");
  });

  it("the new manager sees the team's leads at once", async () => {
    await say("rep_a", "新建线索 张伟 13811112222");
    expect(await say("boss", "评分 张伟")).toContain("张伟：30 分 · C 级");
  });
});

describe("审计", () => {
  it("shows a manager who did what to a lead, with before and after; reps may not", async () => {
    await say("it_admin", "团队 加入 华东一组 rep_c");
    await say("boss", "分配 张伟 rep_c");
    const trail = await say("boss", "审计 张伟");
    const lines = trail.split("\n");
    expect(lines[0]).toMatch(/^线索 #\d+ 张伟 的操作记录（最近 2 条）：$/);
    expect(lines[1]).toBe("11月23日 10:00 陈经理 分配：负责人 王芳 → rep_c");
    expect(lines[2]).toBe("11月23日 10:00 王芳 创建：姓名：张伟；手机：13811112222；来源：其他");
    expect(trail).not.toMatch(/[{}"]|ownerId|phone/);
    expect(await say("rep_a", "审计 张伟")).toBe("你没有权限使用「审计」。如需开通请联系管理员。");
  });

  it("takes 客户#N, 线索#N and names, and reads changes in the cards' words", async () => {
    await say("rep_c", "转化 张伟");
    const customer = await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name: "张伟" } });
    await say("rep_c", `客户 #${customer.code} 级别:重点 标签:年底采购,华东`);
    for (const ref of [`客户#${customer.code}`, `客户 #${customer.code}`]) {
      const trail = (await say("boss", `审计 ${ref}`)).split("\n");
      expect(trail[0]).toBe(`客户 #${customer.code} 张伟 的操作记录（最近 1 条）：`);
      expect(trail[1]).toBe("11月23日 10:00 rep_c 修改：级别 （空） → 重点；标签 （空） → 年底采购、华东");
    }
    const lead = await h.tdb.db.prisma.lead.findFirstOrThrow({ where: { name: "张伟" } });
    expect((await say("boss", `审计线索#${lead.code}`)).split("\n")[1]).toMatch(/^11月23日 10:00 rep_c 转化：来源：其他；客户：客户 #\d+ 张伟；联系人：张伟；商机：商机 #\d+ 张伟$/);
    expect(await say("boss", "审计 客户#999")).toBe("找不到「客户#999」。可以写 线索#3、客户#1、商机#2、报价#4、产品#5、合同#6（或合同号）、发票#7，或线索、客户的名称。");
  });
});
