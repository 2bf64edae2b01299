// Requests and decisions: 给华为申请85折，客户预算有限 → approval.discount; 申请合同审批 →
// approval.contract; 同意 / 驳回 / 撤回 审批#12; 需要主管支持 → opportunity.support.
import type { ProposedAction } from "../engine.ts";
import { discountParam } from "./numbers.ts";
import { clauses, trimFiller } from "./text.ts";
import { codeIn, propose, refBefore, refOf, type Utterance } from "./utterance.ts";

const DISCOUNT = /(\d{1,2}(?:\.\d{1,2})?%|(?:\d{1,2}(?:\.\d)?|[一二三四五六七八九]{1,2}|[一二三四五六七八九]点[一二三四五六七八九])折)/;
const REASON = /(理由是?|原因是?|因为|由于)\s*[:：]?\s*/;
/** Clauses that only ask for the approval, not a reason for it. */
const ASKING = /^(帮我|请|麻烦)?(走个|走一下|提个|提交)?(审批|申请)(一下)?(吧)?$/;

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
  const ref = d ? refBefore(u, d.index) : refOf(u);
  if (!ref) return null;
  const discount = d ? discountParam(d[0]) : null;
  const reason = reasonOf(u, (c) => (d ? c.includes(d[0]) : /申请|折扣/.test(c)));
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

/** 同意审批12 / #8 这个折扣申请批了吧 / 驳回#9，折扣太低了 / 把我提交的审批#15撤回. */
function decisionOf(u: Utterance): ProposedAction | null {
  const code = codeIn(u.text, APPROVAL) ?? /^#(\d{1,9})/.exec(u.text)?.[1] ?? /(?:同意|批准|驳回|撤回|撤销)\s*#?(\d{1,9})/.exec(u.text)?.[1];
  if (!code) return null;
  const reject = /驳回|拒绝|不同意|不批/.exec(u.text);
  if (reject) {
    const reason = trimFiller(u.text.slice(reject.index + reject[0].length).replace(/^\s*(审批|申请)?\s*#?\d{1,9}/, ""));
    return propose("approval.reject", { ref: code, ...(reason ? { reason } : {}) });
  }
  if (/(撤回|撤销)/.test(u.text)) return propose("approval.withdraw", { ref: code });
  if (/(同意|批准|通过|批了|准了)/.test(u.text) && APPROVAL.test(u.text + (/^同意/.test(u.text) ? "审批" : ""))) {
    return propose("approval.approve", { ref: code });
  }
  return null;
}

/** 华为这单卡住了，需要主管支持一下 / #14 搞不定了，请领导帮忙. */
function supportOf(u: Utterance): ProposedAction | null {
  const m = /((需要|请|找|让)(主管|领导|经理|老板|上级)(来)?(支持|帮忙|协助|出面|出手|介入)|需要支持|搞不定了?|卡住了.{0,10}(支持|帮忙))/.exec(u.text);
  if (!m) return null;
  const ref = refBefore(u, m.index);
  return ref ? propose("opportunity.support", { ref }) : null;
}

/** An approval request or decision, or a call for the manager's help; null otherwise. */
export function approvalOf(u: Utterance): ProposedAction | null {
  return contractOf(u) ?? decisionOf(u) ?? supportOf(u);
}
