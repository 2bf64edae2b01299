// 合同 through the signed webhook: from an accepted quote (lines and total of the frozen
// version, once per version), directly on an opportunity, numbered HT-{yyyy}-{seq4} per sign
// year; the contract approval flows (>100万 会签 finance + sales_director) and the effective
// contract marking its opportunity won; rejection and 提交 again; 作废 rules; scope; and the
// renewal opportunity and reminders as the clock runs towards the end date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

const YAML = `approvals:
  groups: { sales_director: [ct_dir], vp: [], finance: [ct_fin], legal: [ct_law] }
reminders:
  dailyAgenda: { enabled: false }
  weeklyReport: { enabled: false }
opportunities:
  defaultStallDays: 1000
`;

let h: Harness;
const opps: Record<string, number> = {};
beforeAll(async () => {
  h = await startHarness({ env: { CRM_ADMINS: "ct_admin" }, crmYaml: YAML, dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 } });
  h.fake.users = { ct_rep: "王芳", ct_other: "李雷", ct_dir: "周总监", ct_fin: "钱财务", ct_law: "孙法务", ct_admin: "管理员" };
  for (const u of Object.keys(h.fake.users)) await say(u, "帮助");
  for (const [n, phone, company] of [["张伟", "13811112222", "华为"], ["刘洋", "13822223333", "小米"], ["陈静", "13833334444", "美团"], ["赵敏", "13844445555", "京东"], ["孙丽", "13877778888", "拼多多"]] as const) {
    await say("ct_rep", `新建线索 ${n} ${phone} ${company} 展会`);
    await say("ct_rep", `转化 ${n}`);
    opps[company] = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
  }
  // the gates a win passes through (需求分析, 预算) are filled, except on 京东's deal
  for (const c of ["华为", "小米", "美团", "拼多多"]) await say("ct_rep", `商机 #${opps[c]} 需求:私有化部署 预算:200万`);
});
afterAll(() => h.dispose());

async function say(who: string, text: string): Promise<string[]> {
  h.clock.advance(60_000);
  const before = sentTexts(h.fake, who).length;
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).slice(before);
}
const contract = (number: string) => h.tdb.db.prisma.contract.findUniqueOrThrow({ where: { number } });
const opp = (code: number) => h.tdb.db.prisma.opportunity.findUniqueOrThrow({ where: { code } });
const approvalOf = (replies: string[]) => Number(/审批 #(\d+)/.exec(replies.join("\n"))![1]);

describe("转合同 from a quote", () => {
  let q = 0;
  it("refuses a quote the customer has not accepted", async () => {
    q = Number(/已新建报价 #(\d+)/.exec((await say("ct_rep", `报价 商机#${opps["华为"]}`))[0]!)![1]);
    await say("ct_rep", `报价 #${q} 加 咨询服务 3次 单价:12345.67`);
    expect((await say("ct_rep", `转合同 报价#${q}`))[0]).toContain("只有客户已接受的报价才能转合同");
    await say("ct_rep", `报价 #${q} 发送`);
    expect((await say("ct_rep", `转合同 报价#${q}`))[0]).toContain("「已发送」");
    await say("ct_rep", `报价 #${q} 接受`);
  });

  it("copies the accepted version's lines and exact total; no flow applies, so it is effective and the deal won", async () => {
    const replies = await say("ct_rep", `转合同 报价#${q} 签订:2026-12-01 开始:2027-01-01 结束:2027-12-31 付款:分三期`);
    // 3 × 12345.67 = 37037.01
    expect(replies[0]).toBe("已新建合同 HT-2026-0001（#1，华为，37,037.01 元）。");
    expect(replies[1]).toBe("合同 HT-2026-0001 无需审批，已生效。");
    expect(replies[2]).toBe(`商机 #${opps["华为"]} 已按合同金额 37,037.01 元 记为赢单。`);
    expect(replies[3]).toBe("[card] 合同 HT-2026-0001（已生效）");
    const c = await contract("HT-2026-0001");
    expect([Number(c.amountFen), c.status, c.title, c.quoteVersion, c.paymentTerms]).toEqual([3_703_701, "effective", (await opp(opps["华为"]!)).name, 1, "分三期"]);
    expect([c.signDate, c.startDate, c.endDate].map((d) => d!.toISOString().slice(0, 10))).toEqual(["2026-12-01", "2027-01-01", "2027-12-31"]);
    expect(c.lines).toEqual([expect.objectContaining({ name: "咨询服务", quantity: 300, unitPrice: 1_234_567, amount: 3_703_701 })]);
    const won = await opp(opps["华为"]!);
    expect([won.stage, won.amount?.toFixed(2), won.closedAt !== null]).toEqual(["赢单", "37037.01", true]);
    const audit = await h.tdb.db.prisma.auditEntry.findFirst({ where: { entity: "contract", entityId: c.id, action: "create" } });
    expect(audit?.detail).toMatchObject({ after: { number: "HT-2026-0001", amount: 3_703_701 } });
  });

  it("one contract per quote version: a second is refused with the first one's number", async () => {
    expect((await say("ct_rep", `转合同 报价 #${q}`))[0]).toBe(`报价 #${q} V1 已经转成合同 HT-2026-0001，不能重复转。发送「合同 HT-2026-0001」查看。`);
    expect(await h.tdb.db.prisma.contract.count()).toBe(1);
  });

  it("shows the card by code or number; the list has it", async () => {
    expect(await say("ct_rep", "合同 #1")).toEqual(["[card] 合同 HT-2026-0001（已生效）", "付款：分三期\n明细：\n1. 咨询服务 ×3次 37,037.01 元"]);
    expect((await say("ct_rep", "合同 ht-2026-0001"))[0]).toBe("[card] 合同 HT-2026-0001（已生效）");
    const card = h.fake.sentMessages().filter((m) => m["touser"] === "ct_rep" && m["msgtype"] === "template_card").at(-1)!["template_card"] as { horizontal_content_list: Array<{ keyname: string; value: string }> };
    expect(card.horizontal_content_list.map((f) => `${f.keyname}:${f.value}`)).toEqual(
      expect.arrayContaining(["客户:华为", "金额:37,037.01 元", "签订:2026-12-01", "期限:2027-01-01 至 2027-12-31", "明细:1 行（来自报价）"]),
    );
    expect((await say("ct_rep", "我的合同"))[0]).toBe("你范围内的合同（1 份）：\nHT-2026-0001（#1）华为 37,037.01 元 已生效");
  });
});

describe("合同 新建 and the approval flows", () => {
  it("over 100万 goes to finance and the sales director together (会签); approved → effective, deal won", async () => {
    const replies = await say("ct_rep", `合同 新建 商机#${opps["小米"]} 150万 签订:2026-12-05`);
    expect(replies[0]).toBe("已新建合同 HT-2026-0002（#2，小米，150万）。");
    expect(replies[1]).toMatch(/^合同 HT-2026-0002 已提交合同审批（审批 #\d+），等待 (钱财务、周总监|周总监、钱财务) 审批/);
    const approval = approvalOf(replies);
    expect((await contract("HT-2026-0002")).status).toBe("pending_approval");
    const request = await h.tdb.db.prisma.approvalRequest.findUniqueOrThrow({ where: { code: approval } });
    expect(request.payload).toMatchObject({ subject: "contract", amount: 1_500_000, legalTermsChanged: false, summary: "HT-2026-0002 150万" });
    await say("ct_fin", `同意 #${approval}`);
    expect((await contract("HT-2026-0002")).status).toBe("pending_approval");
    await say("ct_dir", `同意 #${approval}`);
    const c = await contract("HT-2026-0002");
    expect([c.status, c.effectiveAt !== null]).toEqual(["effective", true]);
    const won = await opp(opps["小米"]!);
    expect([won.stage, won.amount?.toFixed(2), won.contractStatus]).toEqual(["赢单", "1500000.00", "approved"]);
    await h.runJobs();
    await h.drain();
    expect(sentTexts(h.fake, "ct_rep").join("\n")).toContain(`合同 HT-2026-0002 审批通过（审批 #${approval}），已生效。\n商机 #${opps["小米"]} 已按合同金额 150万 记为赢单。`);
  });

  it("numbers run per sign year; an amount in any form; the 法务 flag goes to legal", async () => {
    const r = await say("ct_rep", `合同 新建 美团 1.5万元 签订:2027-01-10 法务:有改动 理由:客户要求修改违约条款`);
    expect(r[0]).toBe("已新建合同 HT-2027-0001（#3，美团，1.5万）。");
    expect(r[1]).toContain("等待 孙法务 审批");
    const request = await h.tdb.db.prisma.approvalRequest.findUniqueOrThrow({ where: { code: approvalOf(r) } });
    expect(request.reason).toBe("客户要求修改违约条款");
    expect((await say("ct_rep", "合同 新建 商机#999 5万"))[0]).toContain("找不到商机");
    expect((await say("ct_rep", "合同 新建 美团 五万"))[0]).toContain("合同金额不对");
    expect((await say("ct_rep", "合同 新建 美团 5万 结束:明年某天"))[0]).toContain("不是日期");
  });

  it("a rejection leaves it 已驳回 with the reason; 提交 files it again", async () => {
    const r = await say("ct_rep", `合同 新建 商机#${opps["拼多多"]} 120万`);
    const number = /合同 (HT-\d{4}-\d{4})/.exec(r[0]!)![1]!;
    const approval = approvalOf(r);
    await say("ct_fin", `驳回 #${approval} 付款条件太松`);
    const c = await contract(number);
    expect([c.status, c.statusReason]).toEqual(["rejected", `审批 #${approval} 驳回：付款条件太松`]);
    expect((await say("ct_rep", `合同 ${number}`))).toEqual([`[card] 合同 ${number}（已驳回）`, `原因：审批 #${approval} 驳回：付款条件太松`]);
    expect((await opp(opps["拼多多"]!)).closedAt).toBeNull();
    await say("ct_rep", `合同 ${number} 付款:预付50%`);
    const again = await say("ct_rep", `合同 ${number} 提交 理由:已收紧付款条件`);
    expect(again[0]).toContain(`合同 ${number} 已提交合同审批`);
    expect(approvalOf(again)).not.toBe(approval);
    expect((await contract(number)).status).toBe("pending_approval");
    expect((await say("ct_rep", `合同 ${number} 提交`))[0]).toContain("正在审批中");
    // withdrawn: back to 待审批 with the reason, to be filed again
    await say("ct_rep", `撤回审批 #${approvalOf(again)}`);
    const withdrawn = await contract(number);
    expect([withdrawn.status, withdrawn.statusReason]).toEqual(["pending_approval", `审批 #${approvalOf(again)} 已撤回，可修改后「合同 ${number} 提交」`]);
    expect((await say("ct_rep", `合同 ${number} 提交`))[0]).toContain(`合同 ${number} 已提交合同审批`);
  });

  it("when the deal's gates still refuse the win, the contract is effective and the rep told why", async () => {
    const r = await say("ct_rep", `合同 新建 京东 8万`);
    expect(r[1]).toBe("合同 HT-2026-0004 无需审批，已生效。");
    expect(r[2]).toContain(`商机 #${opps["京东"]} 没能自动记为赢单`);
    expect(r[2]).toContain("需求分析");
    expect((await contract("HT-2026-0004")).status).toBe("effective");
    expect((await opp(opps["京东"]!)).closedAt).toBeNull();
  });
});

describe("作废, 完成 and edits", () => {
  it("作废 needs a reason and is refused once a confirmed payment exists", async () => {
    expect((await say("ct_rep", "合同 HT-2026-0004 作废"))[0]).toBe("请写作废原因：合同 HT-2026-0004 作废 客户取消采购");
    const c = await contract("HT-2026-0004");
    const invoice = (status: string) => h.tdb.db.prisma.invoice.create({ data: { contractId: c.id, title: "京东", type: "normal", amountFen: 1_000_00n, status } });
    const issued = await invoice("issued");
    for (const status of ["pending_approval", "void"]) await invoice(status);
    // the owner alone cannot undo a contract in force
    expect((await say("ct_rep", "合同 HT-2026-0004 作废 客户取消"))[0]).toBe("合同 HT-2026-0004 已生效，作废需要主管、管理员或财务来操作。请联系你的主管。");
    expect((await say("ct_admin", "合同 HT-2026-0004 作废 客户取消"))[0]).toBe(
      `合同 HT-2026-0004 还有 2 张已开或待审批的发票，不能作废。请先作废发票（例如「发票 #${issued.code} 作废 <原因>」，待审批的可驳回或撤回），再作废合同。发送「发票 合同#${c.code}」查看。`,
    );
    await h.tdb.db.prisma.invoice.updateMany({ where: { contractId: c.id }, data: { status: "void" } });
    await h.tdb.db.prisma.payment.create({ data: { contractId: c.id, amountFen: 100_00n, receivedOn: new Date("2026-11-24T00:00:00Z"), status: "pending_confirmation" } });
    expect((await say("ct_rep", "合同 HT-2026-0004 结束:2027-06-30"))[0]).toBe("合同 HT-2026-0004 已更新：结束日期 2027-06-30。");
    await h.tdb.db.prisma.payment.updateMany({ where: { contractId: c.id }, data: { status: "confirmed" } });
    expect((await say("ct_admin", "合同 HT-2026-0004 作废 客户取消"))[0]).toBe("合同 HT-2026-0004 已有确认的回款，不能作废。");
    expect((await contract("HT-2026-0004")).status).toBe("effective");
    // no 回款 plan: what the confirmed payments leave of the amount is still owed
    expect((await say("ct_rep", "合同 HT-2026-0004 完成"))[0]).toBe(`合同 HT-2026-0004 还有 7.99万 未回款，不能标记完成。回款到齐后再标记；发送「回款 #${c.code}」查看。`);
    await h.tdb.db.prisma.payment.create({ data: { contractId: c.id, amountFen: 7_990_000n, receivedOn: new Date("2026-11-25T00:00:00Z"), status: "confirmed" } });
    expect((await say("ct_rep", "合同 HT-2026-0004 完成"))[0]).toBe("合同 HT-2026-0004 已标记完成。");
    expect((await say("ct_rep", "合同 HT-2026-0004 结束:2027-07-31"))[0]).toContain("不能再修改");
  });

  it("a contract without payments is voided with its reason, audited before → after", async () => {
    // its approval is still pending: withdrawn first, so nobody approves a void contract
    const refused = (await say("ct_rep", "合同 HT-2027-0001 作废 客户改签年框"))[0]!;
    const approval = /审批 #(\d+)/.exec(refused)![1];
    expect(refused).toBe(`合同 HT-2027-0001 正在审批（审批 #${approval}）。请先「撤回审批 #${approval}」，再作废。`);
    await say("ct_rep", `撤回审批 #${approval}`);
    expect((await say("ct_rep", "合同 HT-2027-0001 作废 客户改签年框"))[0]).toBe("合同 HT-2027-0001 已作废。");
    const c = await contract("HT-2027-0001");
    expect([c.status, c.statusReason]).toEqual(["void", "客户改签年框"]);
    const entry = await h.tdb.db.prisma.auditEntry.findFirst({ where: { entity: "contract", entityId: c.id, action: "update" }, orderBy: { at: "desc" } });
    expect(entry?.detail).toEqual({ before: { status: "pending_approval" }, after: { status: "void", reason: "客户改签年框" } });
    expect((await say("ct_rep", "合同 HT-2027-0001 作废 再来一次"))[0]).toContain("已经是「已作废」");
  });
});

describe("scope", () => {
  it("the alias contract is 合同's; contract-approval is 申请合同审批's", async () => {
    const requests = await h.tdb.db.prisma.approvalRequest.count();
    expect((await say("ct_rep", "contract #1"))[0]).toBe("[card] 合同 HT-2026-0001（已生效）");
    expect((await say("ct_rep", "CONTRACT HT-2026-0001"))[0]).toBe("[card] 合同 HT-2026-0001（已生效）");
    expect(await h.tdb.db.prisma.approvalRequest.count()).toBe(requests);
    expect((await say("ct_rep", "contract-approval")).join("\n")).toContain("申请合同审批 <#商机>");
  });

  it("another rep gets not found; finance sees every contract", async () => {
    expect((await say("ct_other", "合同 #1"))[0]).toContain("找不到合同");
    expect((await say("ct_other", "合同 HT-2026-0001 作废 捣乱"))[0]).toContain("找不到合同");
    expect(await h.tdb.db.prisma.auditEntry.count({ where: { entity: "contract", action: "write_denied" } })).toBe(1);
    expect((await say("ct_other", "我的合同"))[0]).toContain("还没有合同");
    expect((await say("ct_fin", "合同 #1"))[0]).toBe("[card] 合同 HT-2026-0001（已生效）");
    expect((await contract("HT-2026-0001")).status).toBe("effective");
  });
});

describe("离职", () => {
  it("a leaving rep's running contracts go to the manager; a completed one keeps its owner", async () => {
    h.fake.users = { ...h.fake.users, ct_leaver: "孙离" };
    await say("ct_leaver", "帮助");
    await say("ct_admin", "团队 主管 ct_leaver ct_dir");
    await say("ct_leaver", "新建线索 吴刚 13855556666 字节 展会");
    await say("ct_leaver", "转化 吴刚");
    const deal = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
    const running = /合同 (HT-\d{4}-\d{4})/.exec((await say("ct_leaver", `合同 新建 商机#${deal} 6万`))[0]!)![1]!;
    await say("ct_leaver", "新建线索 吴强 13855557777 字节 展会");
    await say("ct_leaver", "转化 吴强");
    const deal2 = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
    const done = /合同 (HT-\d{4}-\d{4})/.exec((await say("ct_leaver", `合同 新建 商机#${deal2} 3万`))[0]!)![1]!;
    await h.tdb.db.prisma.payment.create({ data: { contractId: (await contract(done)).id, amountFen: 3_000_000n, receivedOn: new Date("2026-11-25T00:00:00Z"), status: "confirmed" } });
    expect((await say("ct_leaver", `合同 ${done} 完成`))[0]).toBe(`合同 ${done} 已标记完成。`);
    expect((await say("ct_admin", "离职 ct_leaver 主管")).join("\n")).toContain("进行中的合同 1 份已随客户交给新负责人（客户在公海的交给 周总监）。");
    const [dir, leaver] = await Promise.all(["ct_dir", "ct_leaver"].map((w) => h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: w } })));
    expect((await contract(running)).ownerId).toBe(dir!.id);
    expect((await contract(done)).ownerId).toBe(leaver!.id);
    const entry = await h.tdb.db.prisma.auditEntry.findFirstOrThrow({ where: { entity: "contract", action: "assign", entityId: (await contract(running)).id } });
    expect(entry.detail).toMatchObject({ before: { ownerId: leaver!.id }, after: { ownerId: dir!.id } });
    // the running one is the manager's now: it is in their list
    expect((await say("ct_dir", "我的合同"))[0]).toContain(running);
  });
});

describe("导出 合同", () => {
  it("a CSV of the contracts in scope, headers the import reads back, amounts exact", async () => {
    const replies = await say("ct_rep", "导出 合同");
    expect(replies.at(-1)).toMatch(/^已导出你可见范围内的 \d+ 条合同：合同_\d{8}_\d{6}_ct_rep\.csv/);
    const msg = h.fake.sentMessages().filter((m) => m["touser"] === "ct_rep" && m["msgtype"] === "file").at(-1)!;
    const upload = h.fake.uploads.find((u) => u.mediaId === (msg["file"] as { media_id: string }).media_id)!;
    const lines = upload.content.toString("utf8").replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines[0]).toBe("合同编号,名称,客户,金额,签订日期,开始日期,结束日期,付款条款,负责人,状态,商机,续约商机,创建时间");
    expect(lines[1]).toMatch(/^HT-2026-0001,.*,华为,37037\.01,2026-12-01,2027-01-01,2027-12-31,分三期,王芳,已生效,#\d+,,/);
    expect(lines.some((l) => l.startsWith("HT-2027-0001,") && l.includes(",已作废,"))).toBe(true);
    expect((await say("ct_other", "导出 合同")).at(-1)).toContain("没有合同");
    expect(await h.tdb.db.prisma.auditEntry.count({ where: { action: "export", entity: "contract" } })).toBe(2);
  });
});

describe("renewal", () => {
  it("lead days before the end the owner gets a renewal opportunity, then reminders; a lost renewal stops them", async () => {
    const numberIn = (r: string[]) => /合同 (HT-\d{4}-\d{4})/.exec(r[0]!)![1]!;
    await say("ct_rep", "新建线索 钱多 13899990000 携程 展会");
    await say("ct_rep", "转化 钱多");
    const deal = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
    // a void contract with the same end date gets nothing (and frees the deal for the next)
    const voided = numberIn(await say("ct_rep", `合同 新建 商机#${deal} 7万 结束:2027-03-01`));
    await say("ct_admin", `合同 ${voided} 作废 重复录入`);
    const number = numberIn(await say("ct_rep", `合同 新建 商机#${deal} 9万 结束:2027-03-01`));
    const c = await contract(number);
    const run = async (at: string) => {
      const before = sentTexts(h.fake, "ct_rep").length;
      h.clock.set(new Date(at));
      await h.runJobs();
      await h.drain();
      // other pushes of the months passed (pool warnings…) are not this test's business
      return sentTexts(h.fake, "ct_rep").slice(before).filter((t) => t.includes("合同 HT"));
    };
    // 60 days before 2027-03-01 is 2026-12-31, 09:00 Shanghai = 01:00 UTC
    expect(await run("2026-12-31T00:30:00Z")).toEqual([]);
    const created = await run("2026-12-31T01:30:00Z");
    const renewal = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { renewalOf: { id: c.id } } });
    expect(created).toEqual([`合同 ${number} 将于 2027-03-01 到期（还有 60 天），已为你建好续约商机 #${renewal.code}。`]);
    expect([renewal.name, renewal.stage, renewal.amount?.toFixed(2), renewal.customerId, renewal.closedAt]).toEqual([
      `${c.title}（续约）`,
      "初步沟通",
      "90000.00",
      c.customerId,
      null,
    ]);
    expect(await h.tdb.db.prisma.opportunity.count({ where: { name: { endsWith: "（续约）" } } })).toBe(1);
    expect(await run("2027-01-30T01:30:00Z")).toEqual([`续约提醒：合同 ${number}（携程）将于 2027-03-01 到期，还有 30 天，续约商机 #${renewal.code}。`]);
    await say("ct_rep", `输单 #${renewal.code} 客户不再续约`);
    expect(await run("2027-02-22T01:30:00Z")).toEqual([]);
    expect(await h.tdb.db.prisma.job.count({ where: { kind: "contract.renewal", status: "pending", payload: { path: ["contractId"], equals: c.id } } })).toBe(0);
  });
  it("a contract signed inside the lead window gets its renewal deal at once — after the quiet hours", async () => {
    h.clock.set(new Date("2027-03-10T14:50:00Z")); // 22:50 in Shanghai
    await say("ct_rep", "新建线索 郑爽 13866667777 网易 展会");
    await say("ct_rep", "转化 郑爽");
    const deal = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
    const r = await say("ct_rep", `合同 新建 商机#${deal} 5万 结束:2027-04-09`);
    const number = /已新建合同 (HT-\d{4}-\d{4})/.exec(r.join("\n"))?.[1];
    expect(number, r.join("\n")).toBeDefined();
    const notices = () => sentTexts(h.fake, "ct_rep").filter((t) => t.includes(`合同 ${number} 将于`));
    await h.runJobs();
    await h.drain();
    expect(notices()).toEqual([]);
    h.clock.set(new Date("2027-03-11T00:30:00Z")); // 08:30
    await h.runJobs();
    await h.drain();
    expect(notices()).toEqual([expect.stringMatching(new RegExp(`^合同 ${number} 将于 2027-04-09 到期（还有 29 天），已为你建好续约商机 #\\d+。$`))]);
  });
});

describe("one contract per deal, what is owed, the card, the owner's notice", () => {
  const dealOf = async (name: string, phone: string, company: string, gates = true) => {
    await say("ct_rep", `新建线索 ${name} ${phone} ${company} 展会`);
    await say("ct_rep", `转化 ${name}`);
    const code = (await h.tdb.db.prisma.opportunity.findFirstOrThrow({ orderBy: { code: "desc" } })).code;
    if (gates) await say("ct_rep", `商机 #${code} 需求:私有化部署 预算:200万`);
    return code;
  };
  const numberIn = (r: string[]) => /已新建合同 (HT-\d{4}-\d{4})/.exec(r.join("\n"))![1]!;
  const cardFields = () =>
    (h.fake.sentMessages().filter((m) => m["touser"] === "ct_rep" && m["msgtype"] === "template_card").at(-1)!["template_card"] as { horizontal_content_list: Array<{ keyname: string; value: string }> }).horizontal_content_list.map(
      (f) => `${f.keyname}:${f.value}`,
    );
  beforeAll(() => h.clock.set(new Date("2027-04-01T04:00:00Z"))); // noon in Shanghai

  it("a deal with a live contract takes no second one (合同 新建 or 转合同); a lost deal none at all", async () => {
    const deal = await dealOf("马云", "13800001111", "阿里", false);
    const q = Number(/已新建报价 #(\d+)/.exec((await say("ct_rep", `报价 商机#${deal}`))[0]!)![1]);
    await say("ct_rep", `报价 #${q} 加 咨询服务 1次 单价:1000`);
    await say("ct_rep", `报价 #${q} 发送`);
    await say("ct_rep", `报价 #${q} 接受`);
    const first = numberIn(await say("ct_rep", `合同 新建 商机#${deal} 5万`));
    const refusal = `商机 #${deal} 已有合同 ${first}（已生效），一个商机只签一份合同。加购请新建一个商机再签；续约请用续约商机（到期前自动建好）。发送「合同 ${first}」查看。`;
    expect((await say("ct_rep", `合同 新建 商机#${deal} 3万`))[0]).toBe(refusal);
    expect((await say("ct_rep", `转合同 报价#${q}`))[0]).toBe(refusal);
    expect(await h.tdb.db.prisma.contract.count({ where: { opportunity: { code: deal } } })).toBe(1);
    const lost = await dealOf("马化", "13800002222", "腾讯", false);
    await say("ct_rep", `输单 #${lost} 预算取消`);
    expect((await say("ct_rep", `合同 新建 商机#${lost} 5万`))[0]).toBe(`商机 #${lost} 已输单，不能签合同。`);
  });

  it("完成 is refused while the 回款 plan still has money owed, naming it", async () => {
    const number = numberIn(await say("ct_rep", `合同 新建 商机#${await dealOf("雷军", "13800003333", "金山")} 10万`));
    const c = await contract(number);
    const plan = (position: number, amountFen: bigint, paidFen: bigint) =>
      h.tdb.db.prisma.paymentPlan.create({ data: { contractId: c.id, position, dueDate: new Date("2027-05-01T00:00:00Z"), amountFen, paidFen } });
    await plan(1, 6_000_000n, 6_000_000n);
    const second = await plan(2, 4_000_000n, 1_000_000n);
    expect((await say("ct_rep", `合同 ${number} 完成`))[0]).toBe(`合同 ${number} 还有 3万 未回款，不能标记完成。回款到齐后再标记；发送「回款 #${c.code}」查看。`);
    await h.tdb.db.prisma.paymentPlan.update({ where: { id: second.id }, data: { paidFen: 4_000_000n } });
    expect((await say("ct_rep", `合同 ${number} 完成`))[0]).toBe(`合同 ${number} 已标记完成。`);
  });

  it("the card says 期限 未填写 (or only the end), and lists up to 10 lines then the count", async () => {
    const number = numberIn(await say("ct_rep", `合同 新建 商机#${await dealOf("董明", "13800004444", "格力")} 2万`));
    await say("ct_rep", `合同 ${number}`);
    expect(cardFields()).toContain("期限:未填写");
    await say("ct_rep", `合同 ${number} 结束:2027-12-31`);
    await say("ct_rep", `合同 ${number}`);
    expect(cardFields()).toContain("期限:至 2027-12-31");
    const lines = Array.from({ length: 12 }, (_, i) => ({ name: `项目${i + 1}`, unit: "套", quantity: 100, amount: 100_000 + i }));
    await h.tdb.db.prisma.contract.update({ where: { number }, data: { lines } });
    const [, detail] = await say("ct_rep", `合同 ${number}`);
    expect(detail!.split("\n")).toEqual(["明细：", ...lines.slice(0, 10).map((l, i) => `${i + 1}. ${l.name} ×1套 ${i ? `1,000.0${i} 元` : "1,000 元"}`), "…共 12 行"]);
  });

  it("approved, but the deal's gates refuse the win: the owner is told why by the contract.notice job", async () => {
    const deal = await dealOf("张勇", "13800005555", "阿里健康", false);
    const r = await say("ct_rep", `合同 新建 商机#${deal} 150万`);
    const approval = approvalOf(r);
    await say("ct_fin", `同意 #${approval}`);
    await say("ct_dir", `同意 #${approval}`);
    const number = numberIn(r);
    expect((await contract(number)).status).toBe("effective");
    expect((await opp(deal)).closedAt).toBeNull();
    await h.runJobs();
    await h.drain();
    const told = sentTexts(h.fake, "ct_rep").find((t) => t.startsWith(`合同 ${number} 审批通过（审批 #${approval}），已生效。`));
    expect(told).toContain(`商机 #${deal} 没能自动记为赢单`);
    expect(told).toContain("需求分析");
  });
});
