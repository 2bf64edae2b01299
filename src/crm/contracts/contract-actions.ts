// 合同 in chat: `合同 新建 商机#3 12万 …`, `合同 #1` / `合同 HT-2026-0001` (the card), `合同`
// and `我的合同` (the list), `合同 #1 作废 <原因>`, `合同 #1 完成`, `合同 #1 提交`,
// `合同 #1 结束:2027-12-31 …`; and `转合同 报价#3 …` from an accepted quote.
import { z } from "zod";
import { ALL_ROLES, defineAction, everyonesListing, type ActionContext, type ActionDef } from "../../actions/action.ts";
import { audit } from "../../auth/audit.ts";
import { text, type Reply } from "../../render/reply.ts";
import { contractDirect, contractFromQuote } from "./contract-create.ts";
import { completeContract, editContract, resubmitContract, voidContract } from "./contract-edit.ts";
import { parseOptions } from "./contract-options.ts";
import { contractListText, contractReplies } from "./contract-render.ts";
import { CONTRACT_INCLUDE, contractScope, findContractInScope } from "./contracts.ts";
import { zhContracts } from "./messages.ts";

const LIST_LIMIT = 20;

async function list(ctx: ActionContext): Promise<Reply[]> {
  const where = contractScope(ctx.actor, ctx.settings);
  const [rows, total] = await Promise.all([
    ctx.tx.contract.findMany({ where, orderBy: [{ createdAt: "desc" }, { code: "desc" }], take: LIST_LIMIT, include: CONTRACT_INCLUDE }),
    ctx.tx.contract.count({ where }),
  ]);
  return [text(contractListText(rows, total))];
}

const params = z.object({ ref: z.string().trim().max(64).default(""), rest: z.string().trim().max(1000).default("") });
const fromTokens = ([ref = "", ...rest]: string[]) => ({ ok: true as const, raw: { ref, rest: rest.join(" ") } });

async function withOptions(ctx: ActionContext, words: string, then: (head: string, o: Parameters<typeof editContract>[2]) => Promise<Reply[]>): Promise<Reply[]> {
  const parsed = parseOptions(words, ctx.now, ctx.timeZone);
  return parsed.ok ? then(parsed.head, parsed.options) : [text(parsed.problem)];
}

export const contractAction = defineAction({
  name: "contract.manage",
  command: "合同",
  // 申请合同审批 (the opportunity-level request that predates contracts) is "contract-approval"
  aliases: ["contract", "hetong"],
  summary: "新建、查看、修改、作废合同；合同的审批和续约",
  usage: zhContracts.usage,
  example: "合同 新建 商机#3 12万 签订:2026-12-01 结束:2027-11-30 付款:分三期",
  params,
  labels: { ref: "合同编号、新建", rest: "操作" },
  fromTokens,
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    if (!p.ref) return list(ctx);
    if (/^(新建|new)$/i.test(p.ref)) return withOptions(ctx, p.rest, (head, o) => contractDirect(ctx, head, o));
    const c = await findContractInScope(ctx.tx, ctx.actor, ctx.settings, p.ref);
    if (!c) {
      // a change asked of a contract one may not see (or none) is audited like other denied writes
      if (p.rest) await audit(ctx.tx, { actorId: ctx.actor.id, action: "write_denied", entity: "contract", detail: { ref: p.ref }, at: ctx.now });
      return [text(zhContracts.notFound(p.ref))];
    }
    const [word = "", ...args] = p.rest.split(/\s+/).filter(Boolean);
    const rest = args.join(" ");
    if (!word) return contractReplies(c, `contract-${c.code}-${ctx.newId()}`);
    if (/^(作废|void|cancel)$/i.test(word)) return voidContract(ctx, c, rest.replace(/^(?:原因|理由)[:：]\s*/, "").slice(0, 200));
    if (/^(完成|已完成|complete)$/i.test(word)) return completeContract(ctx, c);
    if (/^(提交|提交审批|submit)$/i.test(word)) return withOptions(ctx, rest, (head, o) => (head ? Promise.resolve([text(zhContracts.unknownSub(head))]) : resubmitContract(ctx, c, o.reason)));
    return withOptions(ctx, p.rest, (head, o) => (head ? Promise.resolve([text(zhContracts.unknownSub(head))]) : editContract(ctx, c, o)));
  },
});

export const contractMineAction = defineAction({
  ...everyonesListing,
  name: "contract.mine",
  command: "我的合同",
  aliases: ["contracts", "mycontracts"],
  summary: "你范围内的合同，最新的在前",
  usage: "我的合同",
  example: "我的合同",
  run: list,
});

export const contractFromQuoteAction = defineAction({
  name: "contract.from_quote",
  command: "转合同",
  aliases: ["tocontract"],
  summary: "把客户已接受的报价转成合同（明细和金额照搬报价）",
  usage: zhContracts.fromQuoteUsage,
  example: "转合同 报价#3 签订:2026-12-01 开始:2027-01-01 结束:2027-12-31 付款:分三期",
  params: z.object({ words: z.string().trim().min(1).max(1000) }),
  labels: { words: "报价编号" },
  fromTokens: (tokens) => ({ ok: true, raw: { words: tokens.join(" ") } }),
  roles: ALL_ROLES,
  effect: "write",
  async run(ctx, p) {
    return withOptions(ctx, p.words, (head, o) => contractFromQuote(ctx, head.replace(/\s+/g, ""), o));
  },
});

export const contractActions: ActionDef[] = [contractAction, contractMineAction, contractFromQuoteAction];
