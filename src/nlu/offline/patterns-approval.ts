// Requests and decisions: 给华为申请85折，客户预算有限 → approval.discount; 申请合同审批 →
// approval.contract; 同意 / 驳回 / 撤回 审批#12; 需要主管支持 → opportunity.support.
import type { ProposedAction } from "../engine.ts";
import { DISCOUNT_CUT_SOURCE, discountParam } from "./numbers.ts";
import { cleanName, takeName } from "./names.ts";
import { clauses, trimFiller } from "./text.ts";
import { codeIn, propose, refBefore, refOf, type Utterance } from "./utterance.ts";

/** 降15% / 让15个点 (a cut) before 85% / 85折 / 八五折 (what is left). */
const DISCOUNT = new RegExp(`(${DISCOUNT_CUT_SOURCE.replace(/\((?!\?)/g, "(?:")}|\\d{1,2}(?:\\.\\d{1,2})?%|(?:\\d{1,2}(?:\\.\\d)?|[一二三四五六七八九]{1,2}|[一二三四五六七八九]点[一二三四五六七八九])折)`);
const REASON = /(理由是?|原因是?|因为|由于)\s*[:：]?\s*/;
/** Clauses that only ask for the approval, not a reason for it. */
const ASKING = /^(帮我|请|麻烦|帮忙)?(走个|走一下|走|提个|提一下|提交|报一下|报个|报)?(折扣)?(特批|审批|申请)(一下|下)?(折扣|特价)?(吧)?$/;
/** Words that ask for the approval, never a record's name. */
const NOT_A_REF = /(审批|申请|特批|折扣)/;
/** 给远洋物流降价15% / 帮华为申请: the record the discount is for. */
const FOR_DEAL = /(?:给|为|帮)([\u4e00-\u9fa5A-Za-z]{2,12}?)(?:那单|这单|的单子)?(?:申请|降价?|让|打|优惠|便宜|走)/;

function reasonOf(u: Utterance, skip: (clause: string) => boolean): string | null {
  const m = REASON.exec(u.text);
  if (m) return trimFiller(u.text.slice(m.index + m[0].length).split(/[,，;；]\s*(顺便|然后|另外)/)[0]!) || null;
  const rest = clauses(u.text).filter((c) => !skip(c.text) && !ASKING.test(trimFiller(c.text)));
  return rest.length ? trimFiller(rest.map((c) => c.text).join(",")) : null;
}

/** 给华为申请85折，客户预算有限 / 腾讯要求打9折，帮我走个审批 / 阿里那单申请折扣. */
export function discountOf(u: Utterance): ProposedAction | null {
  const d = DISCOUNT.exec(u.text);
  const asked = /(申请|审批|特批|折扣)/.test(u.text);
  if (!asked || (!d && !/申请.{0,4}折扣|折扣.{0,4}申请/.test(u.text))) return null;
  if (/合同审批/.test(u.text)) return null;
  const said = d ? refBefore(u, d.index) : refOf(u);
  // 帮我走个特批，远洋物流 85折: the asking words are no name.
  const named = said && !NOT_A_REF.test(said) ? said : (u.names.find((h) => !NOT_A_REF.test(h.name) && h.kind === "company")?.name ?? null);
  const forDeal = FOR_DEAL.exec(u.text);
  // 远洋物流 85折: a name right before the discount, opening its clause.
  const clause = d ? clauses(u.text).find((c) => d.index >= c.index && d.index < c.index + c.text.length) : undefined;
  const glued = clause && d ? cleanName(trimFiller(u.text.slice(clause.index, d.index), ["给", "为", "帮", "申请"], ["那单", "这单", "要", "想要", "申请", "打"])) : null;
  // 申请个9折给海川船舶: the record after the discount.
  const after = d ? /^\s*(?:的?折扣|的?优惠)?\s*(?:给|为|帮)\s*/.exec(u.text.slice(d.index + d[0].length)) : null;
  const forAfter = after && d ? cleanName(takeName(u.text, d.index + d[0].length + after[0].length)) : null;
  // 申请折扣：宏发建材，9折: the name right after the ask, alone in its clause.
  const asked2 = /(申请折扣|折扣申请|申请个?折扣|特批)\s*[:：,，]?\s*([^,，。;；:：]+)/.exec(u.text);
  const lone = asked2 ? cleanName(trimFiller(asked2[2]!)) : null;
  const afterAsk = lone && !DISCOUNT.test(lone) && !NOT_A_REF.test(lone) ? lone : null;
  const ref = named ?? forAfter ?? afterAsk ?? (forDeal ? cleanName(takeName(forDeal[1]!, 0)) : null) ?? (glued && !NOT_A_REF.test(glued) ? glued : null);
  if (!ref) return null;
  const discount = d ? discountParam(d[0]) : null;
  // 85折申请一下，远洋物流的: a clause that only names the record is no reason.
  const onlyRef = (c: string) => trimFiller(c, [], ["的", "那单", "这单"]) === ref;
  // 给远景能源走个特批: the ask with the name in it is no reason either.
  const asking = (c: string) => c.includes(ref) && /(申请|审批|特批)/.test(c);
  const reason = reasonOf(u, (c) => onlyRef(c) || asking(c) || (d ? c.includes(d[0]) : /申请|折扣/.test(c)));
  return propose("approval.discount", { ref, ...(discount ? { discount } : {}), ...(reason ? { reason } : {}) });
}

/** 给华为那单申请合同审批，付款方式改为分三期. */
function contractOf(u: Utterance): ProposedAction | null {
  const m = /(申请|提交|走)(一下|个)?合同(审批|审核)/.exec(u.text);
  if (!m) return null;
  const ref = refBefore(u, m.index);
  if (!ref) return null;
  const legal = /(法务|条款).{0,6}(改动|修改|变更|有改)/.test(u.text) ? { legal: "有改动" } : {};
  const reason = reasonOf(u, (c) => c.includes(m[0]));
  return propose("approval.contract", { ref, ...legal, ...(reason ? { reason } : {}) });
}

const APPROVAL = /审批|申请/;
/** 30号那个折扣申请 / 第7个合同审批: the number, then what kind of request. */
const KIND_CODE = /(?:#|第)?(\d{1,9})\s*(?:号|个)?\s*(?:那个|这个|那条|这条|的)?\s*(?:折扣|合同|跳阶段|阶段|特价)\s*(?:审批|申请)/;

/** 同意审批12 / #8 这个折扣申请批了吧 / 驳回#9，折扣太低了 / 把我提交的审批#15撤回. */
function decisionOf(u: Utterance): ProposedAction | null {
  const code = codeIn(u.text, APPROVAL) ?? KIND_CODE.exec(u.text)?.[1] ?? /^#(\d{1,9})/.exec(u.text)?.[1] ?? /(?:同意|批准|驳回|撤回|撤销)\s*#?(\d{1,9})/.exec(u.text)?.[1];
  if (!code) return null;
  const reject = /驳回|拒绝|不同意|不批|打回|退回(?!公海)|否决|毙了/.exec(u.text);
  if (reject) {
    const after = u.text.slice(reject.index + reject[0].length).replace(/^\s*(去|来)?\s*(审批|申请)?\s*#?\d{1,9}/, "");
    const reason = trimFiller(after, ["去", "吧", "了", "理由是", "理由", "原因是", "原因", "因为"]);
    return propose("approval.reject", { ref: code, ...(reason ? { reason } : {}) });
  }
  if (/(撤回|撤销)/.test(u.text)) return propose("approval.withdraw", { ref: code });
  if (/(同意|批准|通过|批了|准了)/.test(u.text) && APPROVAL.test(u.text + (/^同意/.test(u.text) ? "审批" : ""))) {
    return propose("approval.approve", { ref: code });
  }
  return null;
}

/** Asking the manager to step in: 请领导帮忙 / 请您出面 / 想请您一起去拜访. */
const SUPPORT = new RegExp(
  [
    "(需要|请|找|让|麻烦|想请)(主管|领导|经理|老板|上级|老大)(来|亲自|一起)?去?(支持|帮忙|协助|出面|出手|介入|出马|协调|站台)",
    "(请|想请|麻烦|需要|能不能请|能否请|可否请)您(来|亲自|一起)?去?(出面|出马|协调|站台|介入|拜访|见)",
    "需要支[持援]|求支援|搞不定了?|卡住了.{0,10}(支持|帮忙)",
  ].join("|"),
);

/** 华为这单卡住了，需要主管支持一下 / #14 搞不定了，请领导帮忙 / 领导，美的那单能不能请您出面. */
function supportOf(u: Utterance): ProposedAction | null {
  const m = SUPPORT.exec(u.text);
  if (!m) return null;
  const ref = refBefore(u, m.index);
  // 明天请您出面主持一下周会: the record must be named before the ask, not be the ask itself.
  if (u.names.some((h) => h.name === ref && h.index >= m.index)) return null;
  return ref ? propose("opportunity.support", { ref }) : null;
}

/** An approval request or decision, or a call for the manager's help; null otherwise. */
export function approvalOf(u: Utterance): ProposedAction | null {
  return contractOf(u) ?? decisionOf(u) ?? supportOf(u);
}
