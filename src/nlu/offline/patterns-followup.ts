// A follow-up note: 今天下午去了趟华为，跟张总聊了报价……下周三再约 → followup.create with the
// customer, the note as written and the next contact time. It needs a name and contact or
// business talk; a plan with nothing done yet (明天去华为) is not a follow-up.
import type { ProposedAction } from "../engine.ts";
import { isStrong, takeName, type NameHit } from "./names.ts";
import { clauses, escapeRe, isQuestion, normalize, trimFiller, type Clause } from "./text.ts";
import type { TimeSpan } from "./times.ts";
import { iso, part, propose, refOf, type Utterance } from "./utterance.ts";

/** Contact with the customer: a visit, a talk, a call, a message, their answer. */
export const CONTACT =
  /(说|表示|反馈|回复|答复|回消息|回邮件|回电话|聊|谈|沟通|交流|见了|见面|碰到|碰了|碰头|拜访|电话|视频|语音|打给|(?<!企业)微信|开会|陪|打了?[场个]?球|喝了?[个顿场]?酒|钓了?鱼|唱了?[个]?歌|开完会|会议|开了个|演示|约了|约在|约好|约定|定在|敲定|视频会|线上会|电话会|去了|联系|跟进|发了|发来|发过去|回访|走访|讲|问|汇报|吃饭|吃了?[个顿]?[便晚午早]?饭|喝了?个?茶|来访|要求|同意|认可|满意|没人接|没回|打不通|没打通|关机|占线|拒接|消息|对了|看了)/;
/** Business talk: enough to take a name for a customer. */
const BUSINESS =
  /(报价|预算|方案|合同|需求|采购|演示|签|单子|订单|产品|价格|项目|合作|招标|投标|试用|试点|部署|续费|续约|付款|回款|发票|决策|拍板|商务|意向|折扣|优惠|竞品|比价|POC|样品|交付|上线|验收|资料|文档|手册|对接|谈判|评估|评审|资质|机房|迁移|法务|审批|quote|proposal|pricing|review)/i;
/** Something happened or was said (as opposed to a plan). */
const HAPPENED = /(了|过|完|打不通|关机|占线|拒接|刚|约在|约好|定在|说|催|打电话来|来电|让我|叫我|请我|需要我|表示|反馈|回复|答复|觉得|认为|同意|答应|提到|嫌|担心|确认|拒绝|要求|希望|想要|想|没|在审|在比价|观望|意向|满意|认可|不错|还行|敏感|关注|感兴趣|要)/;
/** Places a rep goes that are not customers. */
export const PLACES = new Set(["北京", "上海", "广州", "深圳", "杭州", "南京", "苏州", "成都", "重庆", "武汉", "西安", "天津", "长沙", "郑州", "青岛", "厦门", "宁波", "合肥", "香港", "超市", "商场", "医院", "银行", "机场", "车站", "火车站", "健身房", "食堂", "办公室", "会议室", "总部", "学校", "酒店", "公园", "电影院", "外地", "老家"]);

/** The rep's plan: not a sign that something happened (客户要报价 still is). */
const PLAN = /(我|我们)?(要|得|准备|打算|计划)(去|把|给|跟|和|约|再|回访|拜访|联系|打|发|寄|送)|(我|我们)?(准备|打算|计划)/g;

const PAST_TIME = /^(今天|今日|今早|今晚|刚才|刚刚|昨天|昨晚|前天|上周|上午|下午|中午|早上|晚上|周末)/;

/** A clause where the rep plans the next contact (我们下周三再约), not the customer's own date (他们下周开会). */
const REP_PLAN = /(再约|再联系|再跟进|再去|再谈|再聊|再打|再沟通|再确认|再碰|再过去|再拜访|回访|下次|约了|^我)/;
const THEIRS = /^(他们|她们|对方|客户|人家|他|她)/;

/** The next contact: a future time, unless it only dates what was just done (今天下午去了…);
 * of several, the one the rep plans by (他们下周开会，我们下周三再约 → 下周三). */
function nextTime(text: string, times: readonly TimeSpan[]): TimeSpan | null {
  const ahead: Array<{ t: TimeSpan; clause: string }> = [];
  for (const t of times) {
    if (!t.at) continue;
    const clause = clauses(text).find((c) => t.index >= c.index && t.index < c.index + c.text.length)?.text ?? "";
    if (PAST_TIME.test(t.text) && /(了|过|完)/.test(clause) && !/(再|下次|(?<![续签合预违])约|要|(?<![开个了])会(?!议)|准备|打算)/.test(clause)) continue;
    ahead.push({ t, clause });
  }
  const mine = ahead.length > 1 ? ahead.find((a) => REP_PLAN.test(a.clause) && !THEIRS.test(a.clause)) : undefined;
  return (mine ?? ahead[0])?.t ?? null;
}

/** 电话 / 微信 / 拜访 when the note says how it went. */
function channelOf(text: string): string | undefined {
  if (/(打了?.{0,4}电话|通了?.{0,2}电话|电话(里|中)|打电话给|打给|回电话|来电|电话没人?接|电话不接|没接电话)/.test(text)) return "电话";
  if (/(?<!企业)微信/.test(text)) return "微信";
  if (/(拜访|去了一?趟|上门|见面|见了|走访|面谈|吃了?[个顿]?饭|喝了?[个顿]?茶|现场)/.test(text)) return "拜访";
  return undefined;
}

const withChannel = (text: string) => {
  const channel = channelOf(text);
  return channel ? { channel } : {};
};

const EXPLICIT = /^跟进\s*(一下|了)?\s*[:：]?\s*/;

/** 跟进华为 聊了报价 下次 明天 (the command word, glued or in free order): the note is the rest as written. */
function explicit(u: Utterance): ProposedAction | null {
  const m = EXPLICIT.exec(u.text);
  if (!m) return null;
  const ref = takeName(u.text, m[0].length);
  if (ref.length < 2) return null;
  const at = u.original.indexOf(ref);
  const rest = at < 0 ? u.text.slice(m[0].length + ref.length) : u.original.slice(at + ref.length);
  const content = trimFiller(rest.split(/下次[:：]?|\bnext\b/i)[0]!);
  const next = nextTime(u.text, u.times);
  return propose("followup.create", { ref, ...(content ? { content } : {}), ...(next?.at ? { next: iso(u, next.at) } : {}), ...withChannel(u.text) });
}

/** The customers a note is about: the main one, and any named with it (小米和京东都打过电话了). */
function subjects(u: Utterance, ref: string, names: readonly NameHit[]): string[] {
  const others = names.filter((h) => h.name !== ref && h.kind === "company" && h.tier <= 2);
  const [a, b] = [escapeRe(ref), (h: NameHit) => escapeRe(h.name)];
  const joined = others.filter((h) => new RegExp(`${a}\\s*(和|、|与)\\s*${b(h)}|${b(h)}\\s*(和|、|与)\\s*${a}`).test(u.text));
  return [ref, ...joined.map((h) => h.name)];
}

/** A clause that opens the next stop of a round of visits. */
const ROUND_STEP = /^(上午|下午|中午|晚上|傍晚|早上|然后|接着|之后|随后|完了|回来|又|再|另外|还)/;

/** The company a clause surely names and talks with (上午安捷物流聊了仓储系统), or null. */
function clauseCustomer(c: Utterance, whole: readonly NameHit[]): string | null {
  // 采购部, 技术部: a department of the customer, not another customer.
  const hit = c.names.find((h) => h.kind === "company" && (h.tier <= 2 || isStrong(h)) && !PLACES.has(h.name) && !/(部|部门|科|处|组)$/.test(h.name));
  // Named in the whole message too, as surely (a clause read alone takes any opening word).
  const named = hit && whole.some((h) => h.name === hit.name && h.kind === "company" && (h.tier <= 2 || isStrong(h)));
  return hit && named && CONTACT.test(c.text) && HAPPENED.test(c.text) ? hit.name : null;
}

/** 今天见了三个客户：上午安捷物流聊了仓储系统，下午百盛超市谈了续约，晚上和金石投资吃了饭 — one
 * follow-up per customer, each with its own clauses; null unless two or more customers each had
 * their own talk. A clause without a customer belongs to the one before (an opening one to none). */
function perCustomer(u: Utterance): ProposedAction[] | null {
  const parts = clauses(u.text);
  if (parts.length < 2) return null;
  const written = clauses(u.original);
  const asWritten = (c: Clause, i: number) => (written.length === parts.length && normalize(written[i]!.text) === c.text ? written[i]!.text : c.text);
  const groups: Array<{ ref: string; texts: string[]; clauses: string[] }> = [];
  parts.forEach((c, i) => {
    const ref = clauseCustomer(part(u, c.text), u.names);
    if (ref && !groups.some((g) => g.ref === ref)) groups.push({ ref, texts: [asWritten(c, i)], clauses: [c.text] });
    else if (groups.length) groups[groups.length - 1]!.texts.push(asWritten(c, i)), groups[groups.length - 1]!.clauses.push(c.text);
  });
  // Told as a round (见了三个客户 / 上午…，下午…): not a competitor or partner named along the way.
  const round = /[两三四五六七八九几\d]+\s*(个|家)(客户|公司)/.test(u.text) || groups.slice(1).every((g) => ROUND_STEP.test(g.clauses[0]!));
  if (groups.length < 2 || !round) return null;
  return groups.map((g) => {
    const own = part(u, g.clauses.join(","));
    const next = nextTime(own.text, own.times);
    return propose("followup.create", { ref: g.ref, content: g.texts.join(","), ...(next?.at ? { next: iso(u, next.at) } : {}), ...withChannel(own.text) });
  });
}

/** The follow-ups a note reports (one per customer), or none. */
export function followUpsOf(u: Utterance, content: string): ProposedAction[] {
  const direct = explicit(u);
  if (direct) return [direct];
  const many = isQuestion(u.text) ? null : perCustomer(u);
  if (many) return many;
  // 下周一要去拜访金桥地产 / 月底前要把合同签下来: the rep's own plan, nothing happened yet.
  if (isQuestion(u.text) || !HAPPENED.test(u.text.replace(PLAN, ""))) return [];
  const names = u.names.filter((h) => !PLACES.has(h.name));
  const ref = refOf({ ...u, names });
  if (!ref || PLACES.has(ref)) return [];
  const hit = names.find((h) => h.name === ref);
  const sure = (hit && (hit.tier <= 2 || isStrong(hit))) || u.recentNames.includes(ref);
  if (!(sure ? CONTACT.test(u.text) || BUSINESS.test(u.text) : BUSINESS.test(u.text))) return [];
  const next = nextTime(u.text, u.times);
  const who = subjects(u, ref, names);
  return who.map((name, i) => {
    const nextClause = next ? clauses(u.text).find((c) => next.index >= c.index && next.index < c.index + c.text.length)?.text ?? "" : "";
    const mine = next?.at && (nextClause.includes(name) || (i === 0 && !who.some((w) => nextClause.includes(w))));
    return propose("followup.create", { ref: name, content, ...(mine && next?.at ? { next: iso(u, next.at) } : {}), ...withChannel(u.text) });
  });
}
