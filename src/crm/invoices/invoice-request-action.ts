// 开票 <合同#3|HT-2026-0001|客户> <金额> [专票|普票] [抬头:…] [税号:…]: asks for an invoice
// on a live contract (a customer's name: their one live contract). The title defaults to the customer's name, the type to 普票 (专票 needs
// the buyer's tax id). Issued and pending invoices never exceed the contract amount (checked
// under the contract's row lock). The finance group approves through the 开票 flow; with no
// flow configured it is issued at once. `开票 #5` shows invoice #5.
import { z } from "zod";
import { ALL_ROLES, defineAction, type ActionContext, type TokenResult } from "../../actions/action.ts";
import { text, type Reply } from "../../render/reply.ts";
import { fileApproval } from "../approvals/index.ts";
import { LIVE_CONTRACT_STATUSES, seesAllMoney, type ContractFull, type ContractStatus } from "../contracts/index.ts";
import { formatFenZh, MONEY_ERROR_TEXT, parseAmount } from "../money/index.ts";
import { INVOICE_SUBJECT } from "./invoice-approval.ts";
import { invoiceContractFor } from "./invoice-contract-ref.ts";
import { invoiceReply, typeName } from "./invoice-render.ts";
import { auditCreated, createPendingInvoice, findInvoiceInScope, settlePending, type Invoice, type InvoiceType } from "./invoices.ts";
import { zhInvoices } from "./messages.ts";

const BARE_CODE = /^[#＃]\s*(\d{1,9})$/u;

const TYPE_WORDS: Record<string, InvoiceType> = {
  专票: "special",
  专用发票: "special",
  增值税专用发票: "special",
  special: "special",
  普票: "normal",
  普通发票: "normal",
  增值税普通发票: "normal",
  normal: "normal",
};

const params = z.object({
  ref: z.string().trim().min(1).max(64),
  amount: z.string().trim().max(32).optional(),
  title: z.string().trim().min(1).optional(),
  taxId: z.string().trim().max(40).optional(),
  type: z.string().trim().max(16).optional(),
  note: z.string().trim().max(200).optional(),
});
type Params = z.infer<typeof params>;

const isTypeWord = (w: string) => Object.hasOwn(TYPE_WORDS, w.toLowerCase());

/** `合同 #3 5万` and `合同#3 5万` alike; a bare 专票/普票 anywhere is the type, the other words
 * after the amount are the title. */
function fromTokens(tokens: string[]): TokenResult {
  const typeWords = tokens.filter(isTypeWord);
  const t = tokens.filter((w) => !isTypeWord(w));
  if (t[0] === "合同" && t[1]) t.splice(0, 2, `合同${t[1]}`);
  const [ref, amount, ...title] = t;
  return { ok: true, raw: { ref, amount, ...(title.length ? { title: title.join(" ") } : {}), ...(typeWords.length ? { type: typeWords.at(-1) } : {}) } };
}

/** A 抬头:… that ran on over a bare type word (抬头:华为 专票): the word is the type, not the title. */
function typeOutOfTitle(p: Params): Params {
  if (!p.title) return p;
  const words = p.title.split(/\s+/u);
  const typeWords = words.filter(isTypeWord);
  if (!typeWords.length) return p;
  const title = words.filter((w) => !isTypeWord(w)).join(" ");
  const { title: _dropped, ...rest } = p;
  return { ...rest, ...(title ? { title } : {}), type: p.type ?? typeWords.at(-1)! };
}

/** Starts like a spreadsheet formula (CSV injection when exported). */
const FORMULA_START = /^[=+\-@]/u;
const TITLE_MAX = 60;

type Checked = { ok: true; amountFen: number; type: InvoiceType; taxId: string | null; title: string } | { ok: false; reply: string };

function check(ctx: ActionContext, p: Params, contract: ContractFull): Checked {
  if (!LIVE_CONTRACT_STATUSES.includes(contract.status as ContractStatus)) {
    return { ok: false, reply: zhInvoices.notLive(contract.number, zhInvoices.contractStatusNames[contract.status] ?? contract.status) };
  }
  if (!p.amount) return { ok: false, reply: zhInvoices.missingAmount(contract.number) };
  const amount = parseAmount(p.amount);
  // 0, negative and finer than a fen are refused by parseAmount itself
  if (!amount.ok) return { ok: false, reply: zhInvoices.badAmount(p.amount, MONEY_ERROR_TEXT[amount.error]) };
  const type = p.type === undefined ? "normal" : TYPE_WORDS[p.type.toLowerCase()];
  if (!type) return { ok: false, reply: zhInvoices.badType(p.type!) };
  if (!ctx.settings.invoices.types.includes(type)) return { ok: false, reply: zhInvoices.typeNotAllowed(typeName(type)) };
  const taxId = p.taxId ? p.taxId.replace(/\s+/g, "").toUpperCase() : null;
  if (taxId !== null && !/^[0-9A-Z]{15,20}$/.test(taxId)) return { ok: false, reply: zhInvoices.badTaxId(p.taxId!) };
  if (type === "special" && !taxId) return { ok: false, reply: zhInvoices.needTaxId(p.ref, p.amount) };
  const title = p.title ?? contract.customer.name;
  if (FORMULA_START.test(title)) return { ok: false, reply: zhInvoices.titleFormula(title.slice(0, 20)) };
  if (title.length > TITLE_MAX) return { ok: false, reply: zhInvoices.titleTooLong(TITLE_MAX, title.length) };
  return { ok: true, amountFen: amount.value, type, taxId, title };
}

/** Issued at once: no flow covers invoices, or finance itself records one on a contract that
 * has no opportunity to hang an approval on. */
async function issueNow(ctx: ActionContext, invoice: Invoice, number: string, why: Record<string, boolean>): Promise<Reply[]> {
  await auditCreated(ctx.tx, ctx.actor.id, invoice, ctx.now, why);
  await settlePending(ctx.tx, ctx.actor.id, invoice.id, "issued", ctx.now, why);
  return [text(zhInvoices.issuedNow(invoice.code, number, formatFenZh(Number(invoice.amountFen))))];
}

async function request(ctx: ActionContext, given: Params): Promise<Reply[]> {
  const p = typeOutOfTitle(given);
  const found = await invoiceContractFor(ctx, p.ref);
  if ("problem" in found) return [text(found.problem)];
  const contract = found.contract;
  const c = check(ctx, p, contract);
  if (!c.ok) return [text(c.reply)];
  const opp = contract.opportunityId ? await ctx.tx.opportunity.findUnique({ where: { id: contract.opportunityId } }) : null;
  const finance = seesAllMoney(ctx.actor, ctx.settings);
  if (!opp && !finance) return [text(zhInvoices.noOpportunity(contract.number))];
  const r = await createPendingInvoice(ctx.tx, ctx.actor, { contract, title: c.title, taxId: c.taxId, type: c.type, amountFen: c.amountFen }, ctx.now);
  if (r.kind === "over_cap") {
    return [text(zhInvoices.overCap(contract.number, formatFenZh(c.amountFen), formatFenZh(Number(contract.amountFen)), formatFenZh(r.usedFen), formatFenZh(r.leftFen)))];
  }
  const invoice = r.invoice;
  if (!opp) return issueNow(ctx, invoice, contract.number, { financeDirect: true });
  const summary = zhInvoices.summary(contract.number, formatFenZh(c.amountFen), c.title);
  const filed = await fileApproval(ctx, {
    kind: "invoice",
    opp,
    facts: { amount: c.amountFen / 100 },
    payload: { subject: INVOICE_SUBJECT, invoiceId: invoice.id, amount: c.amountFen / 100, summary },
    reason: p.note ?? zhInvoices.defaultReason(c.title, typeName(c.type)),
  });
  switch (filed.kind) {
    case "requested":
      await auditCreated(ctx.tx, ctx.actor.id, invoice, ctx.now, { approval: filed.code });
      return [text(zhInvoices.requested(invoice.code, contract.number, formatFenZh(c.amountFen), filed.code, filed.approvers))];
    case "no_approval_needed":
      return issueNow(ctx, invoice, contract.number, { approvedWithinAuthority: true });
    case "missing_approver":
      await ctx.tx.invoice.delete({ where: { id: invoice.id } });
      return [text(zhInvoices.missingApprover(filed.who))];
    case "already_pending":
      await ctx.tx.invoice.delete({ where: { id: invoice.id } });
      return [text(zhInvoices.alreadyPending(filed.code))];
  }
}

export const invoiceRequestAction = defineAction({
  name: "invoice.request",
  command: "开票",
  aliases: ["invoice"],
  summary: "给合同申请开票（财务审批，已开和待审批的发票不超过合同金额）；开票 #编号 查看发票",
  usage: zhInvoices.requestUsage,
  example: "开票 合同#3 5万 抬头:华为技术有限公司 类型:专票 税号:91440300279583285X",
  params,
  labels: { ref: "合同", amount: "金额", title: "抬头", taxId: "税号", type: "类型", note: "备注" },
  named: { 抬头: "title", title: "title", 税号: "taxId", taxid: "taxId", 类型: "type", type: "type", 备注: "note", 理由: "note", note: "note" },
  restOfLine: ["抬头", "title", "备注", "理由", "note"],
  fromTokens,
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    const code = BARE_CODE.exec(p.ref)?.[1];
    if (code) {
      if (p.amount) return [text(zhInvoices.ambiguousRef(code))];
      const inv = await findInvoiceInScope(ctx.tx, ctx.actor, ctx.settings, Number(code));
      return inv ? [await invoiceReply(ctx, inv)] : [text(zhInvoices.notFound(`#${code}`))];
    }
    return request(ctx, p);
  },
});
