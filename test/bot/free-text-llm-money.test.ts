// The money half through the model path (an OpenAI-compatible fake on 127.0.0.1, the signed
// webhook): the model is offered 报价 / 回款 / 开票 as tools, its calls become one card, and
// 确认 records the payment and files the invoice (with finance) by the commands' own rules.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createContract } from "../../src/crm/contracts/index.ts";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import { FakeOpenAiServer } from "../support/fake-openai-server.ts";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
let llm: FakeOpenAiServer;
let number = "";
beforeAll(async () => {
  llm = await new FakeOpenAiServer().start();
  h = await startHarness({
    env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: "test-model", OPENAI_BUDGET_MS: "3000" },
    crmYaml: "reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\napprovals:\n  groups:\n    finance: [fin_a]\n",
  });
  await say("rep_m", "新建线索 张伟 13811112222 华为技术有限公司 展会");
  await say("rep_m", "转化 张伟");
  const p = h.tdb.db.prisma;
  const rep = await p.user.findUniqueOrThrow({ where: { wecomUserId: "rep_m" } });
  const opp = await p.opportunity.findFirstOrThrow({ where: { ownerId: rep.id } });
  const c = await p.$transaction((tx) =>
    createContract(tx, rep, { customerId: opp.customerId, opportunityId: opp.id, ownerId: rep.id, title: "CRM", amountFen: 10_000_000, signDate: "2026-11-01", status: "effective" }, loadCrmSettings(undefined), "2026-11-23", h.clock.now()),
  );
  number = c.number;
  await say("rep_m", `回款计划 ${number} 2期 首期:2026-12-31`);
});
afterAll(async () => {
  await h.dispose();
  await llm.stop();
});

async function say(who: string, text: string): Promise<string> {
  h.clock.advance(60_000);
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).at(-1)!;
}

it("华为打了2万过来，开2万普票 → two tool calls → one card → 确认 → the payment and the invoice", async () => {
  llm.answer({
    toolCalls: [
      { name: "record_payment", args: { customer: "华为技术有限公司", amount: "2万", date: null, method: null } },
      { name: "request_invoice", args: { customer: "华为技术有限公司", amount: "2万", type: "普票", title: null, tax_id: null } },
    ],
  });
  expect(await say("rep_m", "华为打了2万过来，顺便给他们开2万的普票")).toBe("[card] 我理解为（2 项）：");
  const names = llm.requests.at(-1)!.tools.map((t) => t.function.name);
  expect(names).toEqual(expect.arrayContaining(["make_quote", "record_payment", "request_invoice"]));
  expect(await h.tdb.db.prisma.payment.count()).toBe(0);
  await say("rep_m", "确认");
  const payments = await h.tdb.db.prisma.payment.findMany();
  expect(payments.map((p) => [Number(p.amountFen), p.status])).toEqual([[2_000_000, "confirmed"]]);
  const invoices = await h.tdb.db.prisma.invoice.findMany();
  // filed with finance, who gets the card
  expect(invoices.map((i) => [Number(i.amountFen), i.type, i.title, i.status])).toEqual([[2_000_000, "normal", "华为技术有限公司", "pending_approval"]]);
  expect(h.fake.sentMessages().some((m) => m["touser"] === "fin_a" && m["msgtype"] === "template_card")).toBe(true);
});
