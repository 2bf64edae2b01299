// The pool sweep keeps customers a team cannot afford to lose, through the scheduler with an
// injected clock: a deal won within pool.protectWonDays (365) or an open opportunity in one
// of the last pool.protectLastStages (2) open stages; the owner's warning says why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, type Harness } from "../support/harness.ts";
import { DAY, sayer, startPoolHarness } from "../support/pool-fixtures.ts";

let h: Harness;
const say = sayer(() => h);
const customer = (name: string) => h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name } });
const opp = async (name: string) => (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { customer: { name } } })).code;

beforeAll(async () => {
  h = await startPoolHarness("{}", { CRM_ADMINS: "it_admin" });
  h.fake.users = { pp_a: "王芳", pp_b: "李强" };
  for (const [n, phone, company] of [["张伟", "13811112222", "苏州恒瑞"], ["刘洋", "13822223333", "上海嘉禾"], ["陈静", "13833334444", "杭州美团"]] as const) {
    await say("pp_a", `新建线索 ${n} ${phone} ${company} 展会`);
    await say("pp_a", `转化 ${n}`);
  }
  for (const name of ["苏州恒瑞", "上海嘉禾"]) {
    const c = await opp(name);
    await say("pp_a", `商机 #${c} 需求:私有化部署 预算:40万`);
    for (const stage of ["需求确认", "方案演示", "报价谈判", "合同签署"]) await say("pp_a", `推进 #${c} ${stage}`);
  }
  expect(await say("pp_a", `赢单 #${await opp("苏州恒瑞")} 38万`)).toContain("赢单");
  await say("pp_b", "帮助");
});
afterAll(() => h.dispose());

describe("pool protection", () => {
  it("the warning names the customers that stay and why", async () => {
    h.clock.advance(27 * DAY);
    await h.runJobs();
    const warning = sentTexts(h.fake, "pp_a").at(-1)!;
    const [won, open, idle] = [await customer("苏州恒瑞"), await customer("上海嘉禾"), await customer("杭州美团")];
    expect(warning).toContain(`#${idle.code} 杭州美团（`);
    expect(warning).toContain(
      `以下客户快 30 天没有跟进了，但会保留在你名下、不退回公海：\n#${won.code} 苏州恒瑞（365 天内有赢单（商机 #${await opp("苏州恒瑞")}））\n#${open.code} 上海嘉禾（商机 #${await opp("上海嘉禾")} 在「合同签署」）`,
    );
  });

  it("at 30 days only the unprotected customer returns; nobody can claim the others", async () => {
    h.clock.advance(4 * DAY);
    await h.runJobs();
    expect((await customer("杭州美团")).ownerId).toBeNull();
    expect((await customer("苏州恒瑞")).ownerId).not.toBeNull();
    expect((await customer("上海嘉禾")).ownerId).not.toBeNull();
    const pool = await say("pp_b", "公海");
    expect(pool).toContain("杭州美团");
    expect(pool).not.toContain("苏州恒瑞");
    expect(await say("pp_b", "领取 苏州恒瑞")).not.toMatch(/^已领取/);
  });

  it("a win older than protectWonDays protects no more; the open late-stage deal still does", async () => {
    h.clock.advance(340 * DAY);
    await h.runJobs();
    expect((await customer("苏州恒瑞")).ownerId).toBeNull();
    expect((await customer("上海嘉禾")).ownerId).not.toBeNull();
  });
});
