// receivables.confirmBy = finance and overpayment = prepay: a rep's record waits as 待确认 with
// a card to each finance member; it counts (allocated, contract 执行中) only once one of them
// confirms, the other member's card is closed, the rep hears back; 驳回 keeps it out; a finance
// member's own record counts at once; what exceeds the plan is kept as 预收 and said so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, customerOf, plansOf, say } from "./fixtures.ts";

type Card = { task_id: string; main_title: { title: string }; button_list: Array<{ key: string; text: string }> };
const YAML = `approvals:
  groups: { finance: [rf_fin, rf_fin2] }
receivables:
  confirmBy: finance
  overpayment: prepay
opportunities:
  defaultStallDays: 1000
`;
let h: Harness;
let c = { id: "", code: 0, number: "" };
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "rf_admin" }, crmYaml: YAML, dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 } });
  h.fake.users = { rf_rep: "王芳", rf_other: "李雷", rf_fin: "钱财务", rf_fin2: "孙会计" };
  for (const who of ["rf_fin", "rf_fin2"]) await say(h, who, "帮助");
  const cust = await customerOf(h, "rf_rep", "小米科技有限责任公司", "13811112203");
  c = await contractFor(h, "rf_rep", cust, 10_000_000);
  await say(h, "rf_rep", `回款计划 ${c.number} 2期 首期:2026-12-31`);
});
afterAll(() => h.dispose());

const cardsTo = (who: string) => h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").map((m) => m["template_card"] as Card);
const payment = (code: number) => h.tdb.db.prisma.payment.findUniqueOrThrow({ where: { code }, include: { allocations: true } });
async function click(who: string, card: Card, button: 0 | 1, rc: string) {
  h.clock.advance(60_000);
  await h.clickCard(who, card.button_list[button]!.key, card.task_id, rc);
  await h.drain();
}

describe("finance confirmation", () => {
  let code = 0;
  it("a rep's record waits for finance, with a card to each member", async () => {
    const r = await say(h, "rf_rep", `回款 ${c.number} 3万 方式:银行转账`);
    code = Number(/回款记录 #(\d+)/.exec(r[0]!)![1]);
    expect(r[0]).toContain(`已记录回款（回款记录 #${code}）：合同 ${c.number} 3万`);
    // The group's display name (approvals.groupNames), never the raw key.
    expect(r[0]).toContain(`回款记录 #${code} 待财务确认，确认后才计入回款。`);
    expect(r[0]).not.toContain("finance");
    const p = await payment(code);
    expect([p.status, p.allocations.length]).toEqual(["pending_confirmation", 0]);
    expect((await plansOf(h, c.id)).map((x) => Number(x.paidFen))).toEqual([0, 0]);
    expect((await h.tdb.db.prisma.contract.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("effective");
    for (const who of ["rf_fin", "rf_fin2"]) {
      const card = cardsTo(who).at(-1)!;
      expect(card.main_title.title).toBe(`回款确认：回款记录 #${code}`);
      expect(card.button_list.map((b) => b.text)).toEqual(["确认", "驳回"]);
    }
  });

  it("only a finance member may decide; one confirms, the other's card closes, the rep hears back", async () => {
    expect((await say(h, "rf_rep", `回款确认 #${code}`))[0]).toBe("只有回款确认组的成员能确认或驳回回款。");
    await click("rf_fin", cardsTo("rf_fin").at(-1)!, 0, "rc-fin-ok");
    const p = await payment(code);
    expect([p.status, p.allocations.map((a) => Number(a.amountFen))]).toEqual(["confirmed", [3_000_000]]);
    expect((await plansOf(h, c.id)).map((x) => Number(x.paidFen))).toEqual([3_000_000, 0]);
    expect((await h.tdb.db.prisma.contract.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("executing");
    const updates = h.fake.cardUpdates();
    expect(updates.find((u) => u["response_code"] === "rc-fin-ok")).toMatchObject({ button: { replace_name: "已确认" } });
    expect(updates.find((u) => (u["userids"] as string[])[0] === "rf_fin2")).toMatchObject({ button: { replace_name: "钱财务已处理" } });
    const toRep = h.fake.sentMessages().filter((m) => m["touser"] === "rf_rep").map((m) => (m["text"] as { content?: string } | undefined)?.content ?? "");
    expect(toRep).toContain(`回款记录 #${code}（合同 ${c.number} 3万）已由 钱财务 确认。`);
    await click("rf_fin2", cardsTo("rf_fin2").at(-1)!, 0, "rc-fin2-late");
    expect(await h.tdb.db.prisma.paymentAllocation.count({ where: { paymentId: p.id } })).toBe(1);
  });

  it("驳回 keeps a record out of the money, with the reason to the rep", async () => {
    const r = await say(h, "rf_rep", `回款 ${c.number} 1万`);
    const rejected = Number(/回款记录 #(\d+)/.exec(r[0]!)![1]);
    expect((await say(h, "rf_fin2", `回款驳回 #${rejected} 没有查到到账`))[0]).toBe(`已驳回回款记录 #${rejected}。`);
    expect((await payment(rejected)).status).toBe("rejected");
    expect((await plansOf(h, c.id)).map((x) => Number(x.paidFen))).toEqual([3_000_000, 0]);
    expect((await say(h, "rf_fin", `回款确认 #${rejected}`))[0]).toBe(`回款记录 #${rejected} 已是「已驳回」。`)
    // The number may also be written as the replies word it.
    expect((await say(h, "rf_fin", `回款确认 回款记录#${rejected}`))[0]).toBe(`回款记录 #${rejected} 已是「已驳回」。`);
  });

  it("prepay mode: what exceeds the plan is kept as 预收; finance's own record counts at once", async () => {
    const r = await say(h, "rf_fin", `回款 ${c.number} 10万`);
    expect(r[0]).toContain("核销：第1期 2万，第2期 5万");
    expect(r[0]).toContain("超出未回款的 3万 记为预收。");
    const p = await payment(Number(/回款记录 #(\d+)/.exec(r[0]!)![1]));
    expect([p.status, Number(p.prepaidFen)]).toEqual(["confirmed", 3_000_000]);
    expect((await plansOf(h, c.id)).map((x) => Number(x.paidFen))).toEqual([5_000_000, 5_000_000]);
    expect((await say(h, "rf_rep", `回款 #${c.code}`))[0]).toContain("另有预收 3万");
  });
});
