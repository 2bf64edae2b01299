// Changes to records named in so many words: 建个客户叫联想集团, 给华为加个联系人 张伟 138…,
// 把华为设为重点客户, 京东加个标签：年底采购, 把线索#12转成客户, 给线索#12打个分, 把线索刘洋分给小李,
// 领取公海的联想, 把海尔释放到公海, 小张离职了，他的客户交给主管.
import type { ProposedAction } from "../engine.ts";
import { cleanName, personLike, takeName } from "./names.ts";
import { isQuestion, trimFiller } from "./text.ts";
import { propose, refBefore, refOf, type Utterance } from "./utterance.ts";

export const MOBILE = /(?:\+?86[\s-]?)?(?<!\d)(1\d{2}[\s-]?\d{3,4}[\s-]?\d{3,4})(?!\d)/;
export const digitsOf = (phone: string): string => phone.replace(/[\s-]/g, "");

const CUSTOMER_LEVELS = ["重点", "普通", "潜在"];
/** 设为重点客户 / 级别降成普通: a level, with 级别 before it or 客户 after it. */
const LEVEL = new RegExp(
  `(级别|等级)?\\s*(设为|设成|改为|改成|标为|升为|升成|升到|升级为|升级成|降为|降成|降到|降级为|降级成|定为|调为|调成|调到)\\s*(${CUSTOMER_LEVELS.join("|")})(客户|级别)?`,
);

function industryOf(text: string): Array<[string, string]> {
  const m = /(?:行业[:：是为]?\s*([\u4e00-\u9fa5A-Za-z]{2,8}?)(?=[,，。;；\s]|行业|$)|([\u4e00-\u9fa5]{2,6}?)行业)/.exec(text);
  const industry = m?.[1] ?? m?.[2];
  return industry ? [["行业", industry]] : [];
}

/** 帮我建个客户：宁德时代，新能源行业的 / 新客户：三一重工，行业机械，联系人是刘工 136… */
function customerCreateOf(u: Utterance): ProposedAction[] {
  const m = /(新建客户|新增客户|建个客户|建一个客户|新客户|加个客户|添加客户|创建客户)\s*(叫|是|[:：])?\s*/.exec(u.text);
  if (!m) return [];
  const name = cleanName(trimFiller(u.text.slice(m.index + m[0].length).split(/[,，;；。\s]/)[0]!));
  if (!name) return [];
  const out = [propose("customer.create", { name, fields: industryOf(u.text) })];
  const contact = /联系人(是|叫|[:：])?\s*([\u4e00-\u9fa5]{2,4}|[A-Za-z][A-Za-z ]{1,20}?)\s*(?=[\d+,，\s]|$)/.exec(u.text);
  const phone = MOBILE.exec(u.text);
  if (contact) out.push(propose("contact.save", { customer: name, name: contact[2]!.trim(), ...(phone ? { phone: digitsOf(phone[1]!) } : {}) }));
  return out;
}

/** 给华为加个联系人 张伟 13811112222 采购总监 / 腾讯的马经理手机是13922223333. */
function contactOf(u: Utterance): ProposedAction | null {
  const phone = MOBILE.exec(u.text);
  const add = /(给|在)?([\u4e00-\u9fa5A-Za-z]{2,12}?)(加个|加一个|添加|新增|加)联系人[:：\s]*([\u4e00-\u9fa5]{2,4}|[A-Za-z][A-Za-z ]{1,20}?)(?=[\s,，\d]|$)/.exec(u.text);
  if (add) {
    const customer = cleanName(add[2]!);
    if (!customer) return null;
    const after = u.text.slice(add.index + add[0].length).replace(phone?.[0] ?? "\u0000", " ");
    const title = /([\u4e00-\u9fa5]{2,8}(总监|经理|主管|专员|主任|总|工程师|负责人))/.exec(after)?.[1];
    return propose("contact.save", { customer, name: add[4]!.trim(), ...(phone ? { phone: digitsOf(phone[1]!) } : {}), fields: title ? [["职务", title]] : [] });
  }
  // 加个联系人：欣悦母婴的采购经理刘芳，电话135…: the company after the ask, then who the person is there.
  const lead = /(?:加个|加一个|添加|新增|新加|录个|录入)联系人[:：\s]*([\u4e00-\u9fa5A-Za-z]{2,12}?)的([\u4e00-\u9fa5]{0,6}?(?:总监|经理|主管|专员|主任|工程师|负责人|采购|老板))?\s*([\u4e00-\u9fa5]{2,3})(?=[\s,，。\d]|电话|手机|$)/.exec(u.text);
  const leadFor = lead ? cleanName(lead[1]!) : null;
  if (lead && leadFor) {
    return propose("contact.save", { customer: leadFor, name: lead[3]!, ...(phone ? { phone: digitsOf(phone[1]!) } : {}), fields: lead[2] ? [["职务", lead[2]]] : [] });
  }
  // 蒙牛新来的对接人叫赵磊，手机137… / 安踏的联系人换成了孙悦 158…
  const named = /([\u4e00-\u9fa5A-Za-z]{2,12}?)(?:那边|这边)?的?(?:新来的|新的|新|现在的)?(?:联系人|对接人)(?:换成了?|改成了?|变成了?|换了|是|叫|为|[:：])\s*([\u4e00-\u9fa5]{2,3}?|[A-Za-z][A-Za-z ]{1,20}?)(?=了?(?:[\s,，。\d]|手机|电话|$))/.exec(u.text);
  // 远洋物流的王总离职了，新联系人是赵刚 138…: the new one, for the record named before.
  const fresh = named ? null : /(?:新来的|新的|新)(?:联系人|对接人)(?:是|叫|为|[:：])\s*([\u4e00-\u9fa5]{2,3}?|[A-Za-z][A-Za-z ]{1,20}?)(?=了?(?:[\s,，。\d]|手机|电话|$))/.exec(u.text);
  const freshFor = fresh ? refBefore(u, fresh.index) : null;
  if (fresh && freshFor && !/线索/.test(u.text)) {
    return propose("contact.save", { customer: freshFor, name: fresh[1]!.trim(), ...(phone ? { phone: digitsOf(phone[1]!) } : {}) });
  }
  // 远洋物流换联系人了，新的是王强: the new one after the change.
  const changed = named ? null : /([\u4e00-\u9fa5A-Za-z]{2,12}?)(?:那边|这边)?(?:换了?|更换了?|变更了?)(?:个|新的?)?(?:联系人|对接人)了?[,，\s]*(?:新的?|现在的?)?(?:联系人|对接人)?(?:是|叫|为|[:：])\s*([\u4e00-\u9fa5]{2,3}?|[A-Za-z][A-Za-z ]{1,20}?)(?=了?(?:[\s,，。\d]|手机|电话|$))/.exec(u.text);
  if (changed && !/线索/.test(u.text)) {
    const customer = cleanName(changed[1]!);
    return customer ? propose("contact.save", { customer, name: changed[2]!.trim(), ...(phone ? { phone: digitsOf(phone[1]!) } : {}) }) : null;
  }
  // 远洋物流的联系人换成王强了: a change of contact needs no phone; 叫/是 needs one.
  if (named && !/线索/.test(u.text) && (phone || /(换成|改成|变成|换了)/.test(named[0]))) {
    const customer = cleanName(named[1]!.replace(/^(帮我把|把|将|给)/, ""));
    return customer ? propose("contact.save", { customer, name: named[2]!.trim(), ...(phone ? { phone: digitsOf(phone[1]!) } : {}) }) : null;
  }
  const of = /([\u4e00-\u9fa5A-Za-z]{2,12}?)的([\u4e00-\u9fa5]{1,3}(总|经理|总监|主任|老师|工|姐|哥)|[\u4e00-\u9fa5]{2,3})的?(手机|电话|手机号)(号码)?(是|为|[:：])?\s*$/.exec(u.text.slice(0, phone?.index ?? 0));
  if (phone && of) {
    const customer = cleanName(of[1]!);
    return customer ? propose("contact.save", { customer, name: of[2]!, phone: digitsOf(phone[1]!) }) : null;
  }
  return null;
}

/** 把华为设为重点客户 / 京东加个标签：年底采购. */
function customerUpdateOf(u: Utterance): ProposedAction | null {
  const level = LEVEL.exec(u.text);
  const tag = /(加个|加一个|加上|打个|添加)标签[:：\s]*([^,，。;；\s]{1,16})/.exec(u.text);
  const m = (level && (level[1] || level[4]) ? level : null) ?? tag;
  if (!m) return null;
  const ref = refBefore(u, m.index);
  if (!ref) return null;
  return propose("customer.update", { ref, fields: level ? [["级别", level[3]!]] : [["标签", `+${tag![2]!}`]] });
}

/** A lead named in the request: 线索#12, #12, 线索刘洋, 张三这个线索. */
function leadRef(u: Utterance): string | null {
  const code = /(?:线索)?\s*#(\d{1,9})/.exec(u.text)?.[1];
  if (code) return `#${code}`;
  const named = /线索\s*([\u4e00-\u9fa5]{2,4}|[A-Za-z][A-Za-z ]{1,20}?)(?=[\s,，]|分|转|打|的|$)/.exec(u.text)?.[1];
  const before = /([\u4e00-\u9fa5]{2,4})(这个|这条|那个|那条)线索/.exec(u.text)?.[1];
  const name = before ?? named;
  return name ? cleanName(name) : null;
}

function leadAdminOf(u: Utterance): ProposedAction | null {
  if (!/线索|#\d/.test(u.text)) return null;
  const assign = /(分给|分配给|转给|交给|指派给)\s*([\u4e00-\u9fa5A-Za-z]{2,8}?)(?=吧|了|$|[\s,，。#])/.exec(u.text);
  const convert = /(转成客户|转为客户|转化|转客户|转成正式客户)/.test(u.text);
  const score = /(打个?分|评分|评个分|打分|分数)/.test(u.text);
  if (!assign && !convert && !score) return null;
  const lead = leadRef(u);
  if (!lead) return null;
  if (assign) return propose("lead.assign", { lead, to: assign[2]! });
  return propose(convert ? "lead.convert" : "lead.score", { ref: lead });
}

/** 把公海里的#12领了 / 领取一下公海的联想 / 把海尔释放到公海，没精力跟了. */
function poolOf(u: Utterance): ProposedAction | null {
  const release = /(释放到公海|释放|退回公海|扔回公海|放回公海|丢回公海)/.exec(u.text);
  if (release) {
    const ref = refBefore(u, release.index);
    const reason = trimFiller(u.text.slice(release.index + release[0].length), ["吧", "了"], ["了", "吧"]);
    return ref ? propose("pool.release", { ref, ...(reason ? { reason } : {}) }) : null;
  }
  const claim = /(领取|领了|认领|捞回来|捞|(我要了|归我|我来跟|我接了|我来接)(?=$|[,，。!！~]|吧|啊))/.exec(u.text);
  if (!claim || !/公海|领取|认领/.test(u.text)) return null;
  const code = /#(\d{1,9})/.exec(u.text)?.[1];
  if (code) return propose("pool.claim", { ref: `#${code}` });
  const after = /公海(里|上)?(的|那个|那家)\s*/.exec(u.text);
  const start = after ? after.index + after[0].length : -1;
  // 公海里那家元气森林我要了: the name ends where the claim begins.
  const raw = after ? (claim.index > start ? u.text.slice(start, claim.index) : takeName(u.text, start)) : null;
  const name = raw !== null ? cleanName(trimFiller(raw)) : refOf(u);
  return name ? propose("pool.claim", { ref: name }) : null;
}

/** One side of a merge: #12 or a customer's name. */
const MERGE_SIDE = "#\\d{1,9}|[\\u4e00-\\u9fa5A-Za-z]{2,12}?";
const MERGE = new RegExp(`(?:把|将)?\\s*(?:客户)?\\s*(${MERGE_SIDE})\\s*(?:并到|并入|并进|合并到|合并进|合并入|合到)\\s*(?:客户)?\\s*(${MERGE_SIDE})(?=[\\s,，。;；!！]|里|去|吧|$)`);

/** #88 并到 #61 / 把百丽合并到百丽国际: the first is merged into the second. */
function mergeOf(u: Utterance): ProposedAction | null {
  const m = MERGE.exec(u.text);
  if (!m || (!m[1]!.startsWith("#") && !m[2]!.startsWith("#") && !/客户|重复/.test(u.text))) return null;
  const side = (s: string) => (s.startsWith("#") ? s : cleanName(s));
  const [from, into] = [side(m[1]!), side(m[2]!)];
  return from && into && from !== into ? propose("customer.merge", { into, from }) : null;
}

/** A colleague as named: 小张, 王磊, 欧阳娜娜, zhangsan — not 老板让我. */
const REP_NAME = /^(?:[\u4e00-\u9fa5]{2,4}|[A-Za-z][\w.]{1,30})$/;
const NOT_REP = /[我你他她让被要想会说]/;

/** 小张离职了，他的客户交给主管. */
function repLeaveOf(u: Utterance): ProposedAction | null {
  const m = /([\u4e00-\u9fa5A-Za-z]{2,8}?)(要|已经|已)?离职了?/.exec(u.text);
  if (!m) return null;
  // 小刘下周离职: the name, without the time said with it.
  const time = u.times.find((t) => t.index >= m.index && t.index < m.index + m[1]!.length);
  const who = cleanName(trimFiller(m[1]!.slice(0, time ? time.index - m.index : undefined), ["销售", "同事"]));
  if (!who || !REP_NAME.test(who) || NOT_REP.test(who)) return null;
  const to = /(公海)/.test(u.text) ? "公海" : /(主管|经理|领导)/.test(u.text) ? "主管" : undefined;
  return propose("admin.rep_leave", { who, ...(to ? { to } : {}) });
}

/** What a rep calls an item, and the item: a contact's (手机 is contact.save's phone) or a customer's. */
const CONTACT_ITEM: ReadonlyArray<[RegExp, string]> = [
  [/^(手机号码|手机号|手机|电话号码|电话号|联系电话|联系方式|电话|号码)$/, "手机"],
  [/^(邮箱|邮件地址|电子邮箱|email)$/i, "邮箱"],
  [/^(职务|职位|头衔|title)$/i, "职务"],
  [/^(微信号|微信)$/, "微信"],
  [/^生日$/, "生日"],
];
const CUSTOMER_ITEM: ReadonlyArray<[RegExp, string]> = [
  [/^(公司)?全称$/, "全称"],
  [/^(公司)?(名称|名字|公司名)$/, "名称"],
  [/^(公司|办公|注册|收货|联系)?地址$/, "地址"],
  [/^(所属)?行业$/, "行业"],
  [/^(地区|区域|所在地区|所在地)$/, "地区"],
  [/^备注$/, "备注"],
  [/^(官网|网址|网站)$/, "官网"],
  [/^(座机|固话|总机|公司电话)$/, "电话"],
];
const ITEM_WORDS = [...CONTACT_ITEM, ...CUSTOMER_ITEM].map(([re]) => re.source.replace(/^\^|\$$/g, "").replace(/\((?!\?)/g, "(?:")).join("|");
/** 把华为的电话改成… / 远洋物流地址改为… / 张总手机号换成了… / 公司全称改成… */
const EDIT = new RegExp(
  `^(?:帮我|麻烦|请)?(?:(?:更新|修改|更改|变更|改)(?:一下)?)?(?:把|将)?\\s*(.{0,16}?)\\s*(?:的|那边的)?\\s*(${ITEM_WORDS})\\s*(?:从\\S{1,40}?)?` +
    `(?:改成|改为|换成|变成|更新为|更新成|修改为|修改成|调整为|更正为|改一下[,，:：]?|变更为|要改成|应该是|(?:换|改|变)了[,，]?(?:新的?(?:号码|号|地址)?是?|现在是)?|(?<=^(?:更新|修改|更改|变更|改)(?:一下)?.*)[:：是为])了?\\s*[:：]?\\s*(.+)$`,
  "i",
);
/** 王总的邮箱是wang@abc.com / 李经理职务是采购总监: a contact's item stated (a phone goes by contactOf). */
const STATED = /^(?:帮我|麻烦|请)?(?:记一下[,，]?)?\s*(.{2,16}?)\s*的?\s*(邮箱|电子邮箱|email|职务|职位|微信号|微信|生日)\s*(?:是|为|[:：])\s*(.+)$/i;
const LANDLINE = /^(?:0\d{2,3}[-\s]?)?\d{7,8}(?:[-转]\d{1,5})?$/;

/** A contact named as a person (张总, 王经理, 李娜), with the company when it comes first (华为张总). */
function whoseItem(raw: string): { customer?: string; name?: string } | null {
  const who = trimFiller(raw, [], ["那边", "这边"]);
  if (!who) return {};
  if (personLike(who)) return { name: who };
  const glued = /^(.{2,12})(?:的|那边的?)?([\u4e00-\u9fa5]{1,2}(?:总|经理|总监|主任|老师|工|律师|主管|助理|先生|女士|小姐|姐|哥))$/.exec(who);
  if (glued && personLike(glued[2]!)) {
    const customer = cleanName(glued[1]!.replace(/(的|那边的?)$/, ""));
    return customer ? { customer, name: glued[2]! } : null;
  }
  // 远洋物流的联系人王强 / 远洋物流的李娜: a person named after the company.
  const glued2 = [2, 3].map((n) => [who.slice(0, -n), who.slice(-n)] as const).find(([c, p]) => c.length >= 2 && personLike(p));
  const of = /^(.{2,12}?)(?:的|那边的?)(?:联系人|对接人)?\s*([\u4e00-\u9fa5]{2,3})$/.exec(who) ?? (glued2 ? ["", ...glued2] : null);
  if (of && personLike(of[2]!)) {
    const customer = cleanName(of[1]!);
    return customer ? { customer, name: of[2]! } : null;
  }
  const customer = cleanName(who, 16);
  return customer ? { customer } : null;
}

/** A record's item changed: the contact's phone, e-mail, title…, or the customer's address, full name, industry…. */
function itemEditOf(u: Utterance): ProposedAction | null {
  const m = EDIT.exec(u.text.trim()) ?? STATED.exec(u.text.trim());
  if (!m || isQuestion(u.text)) return null;
  const whose = whoseItem(m[1]!);
  // 公司全称改成…: the customer the message is about when it names none before the item.
  const value = trimFiller(m[3]!, [], ["了", "吧", "啊"]);
  // 公司全称改成远洋物流集团有限公司: the record named earlier in the message, or a recent one the new value names.
  const target = whose && !whose.customer && !whose.name ? { customer: u.carried ?? u.recentNames.find((r) => value.includes(r)) } : whose;
  if (!target || !value) return null;
  const contactItem = CONTACT_ITEM.find(([re]) => re.test(m[2]!))?.[1];
  const mobile = MOBILE.exec(value);
  if (contactItem === "手机" && mobile && (target.customer || target.name)) {
    return propose("contact.save", { ...(target.customer ? { customer: target.customer } : {}), ...(target.name ? { name: target.name } : {}), phone: digitsOf(mobile[1]!) });
  }
  if (contactItem && contactItem !== "手机" && target.name) {
    return propose("contact.save", { ...(target.customer ? { customer: target.customer } : {}), name: target.name, fields: [[contactItem, value]] });
  }
  // A landline of the company is the customer's 电话.
  const item = contactItem === "手机" && LANDLINE.test(value) ? "电话" : CUSTOMER_ITEM.find(([re]) => re.test(m[2]!))?.[1];
  return item && target.customer && !target.name ? propose("customer.update", { ref: target.customer, fields: [[item, value]] }) : null;
}

/** A record change asked for in so many words, or nothing. */
export function recordChangesOf(u: Utterance): ProposedAction[] {
  const created = customerCreateOf(u);
  if (created.length) return created;
  const one = itemEditOf(u) ?? contactOf(u) ?? customerUpdateOf(u) ?? mergeOf(u) ?? leadAdminOf(u) ?? repLeaveOf(u) ?? poolOf(u);
  return one ? [one] : [];
}
