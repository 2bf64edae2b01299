// A new lead: 新线索：李明 13900001111，腾讯的，展会上认识的 → lead.create with the name, the
// mobile and, when given, the company, the source, 微信, 地区 and a note. Told as a story too,
// without the word 线索: 今天展会上加了个客户，王磊，手机138…，杭州云帆网络的 / 有个电话进来问价的，
// 潘总 137… — a person written like one, a mobile, and a sign the person is new to us.
import type { ProposedAction } from "../engine.ts";
import { cleanName, hasCompanySuffix, isPersonName, looksLikePerson } from "./names.ts";
import { isSourceWord, leadSourceIn, splitSourceTail } from "./lead-sources.ts";
import { PLACES } from "./patterns-followup.ts";
import { digitsOf, MOBILE } from "./patterns-records.ts";
import { trimFiller } from "./text.ts";
import { findTimes, without } from "./times.ts";
import { iso, propose, type Utterance } from "./utterance.ts";

/** The word 线索 (or 潜客, 意向客户…) with a number: a new lead, unless the lead is being handled. */
const LEAD_WORDS = /(线索|潜在客户|潜客|意向客户|认识了|介绍了?一?个|留言|留了?(电话|手机|联系方式))/;
const LEAD_ADMIN = /(分给|分配|转给|交给|指派|转成|转为|转化|打分|评分|释放|退回)/;

/** Signs that the person is new to us (a source word is one too). */
const NEW_PERSON =
  /(加了个?|加了一个|新加的?|新认识|认识了?|认识的|结识|遇到个|碰到个|有个|有位|有一个|有一位|来了个|来了一个|进来|名片|问价|询价|咨询|感兴趣|有兴趣|想了解|想买|想要|想做|意向|留了|留的|找过来|找到我|找上门|主动联系|加微信|加了微信|扫码|来问|问了?一?下?价格|要报价|要个报价|求购|想采购|有需求|\binbound\b|\bcalled in\b|\basking (?:for|about)\b|\binterested in\b|\benquir|\binquir|\bmet\b)/i;
/** A contact of a customer we have, or a customer being created: not a lead. */
const NOT_A_LEAD =
  /((的|加个?|加一个|添加|新增|换了?|换成了?)(新的?)?(联系人|对接人)|新来的|新建客户|新增客户|建个客户|新客户[:：]|(我|有个|一个)的?(朋友|同学|亲戚|邻居|同事|家人)(叫|是|[,，])|快递|外卖|师傅|生日|换了?(个|新)?(手机|号|电话)|新号|号码(改|变|换)|改成|更新)/;

const NOT_PERSON = /(线索|客户|手机|电话|公司|微信|来源|姓名|名字|联系人|展会|官网|介绍|一个|一条|有人|留言)/;
const LEADING = /^(新线索|新建线索|加个?线索|录入线索|录个线索|记个线索|建个线索|帮我|线索|认识了?|介绍了?一个人|叫|姓名|名字|联系人|是)+/;
/** What stands before a person inside one word: 加了个客户王磊, 认识的张总, 杭州云帆网络的王磊. */
const BEFORE_PERSON = /(认识了?|介绍了?|叫做?|客户|的|是|了|个|位|名字|姓名|联系人|[:：])$/;
/** Latin words that are not a person's name. */
const NOT_LATIN_NAME = /^(lead|leads|new|website|web|form|from|via|expo|ads?|sem|referral|wechat|hi|hello)$/i;

/** A company's name as written: Chinese or Latin (O'Brien Trading, Blue Ocean Ltd). */
const COMPANY = "[\\u4e00-\\u9fa5A-Za-z0-9][\\u4e00-\\u9fa5A-Za-z0-9&'’·. -]{1,30}?";
/** What a person is at a company: 美的集团的采购, 星河科技的IT. */
const ROLE = "(?:采购|IT|技术|老板|员工|人|[\\u4e00-\\u9fa5]{0,4}(?:经理|总监|主管|负责人|专员|工程师|总))";
/** Said in so many words: 公司是X, 公司叫X, 来自X, 在X上班, 说是X的. */
const SAID_COMPANY = [
  new RegExp(`(?:说是|自称是?|是)\\s*(${COMPANY})的(?=\\s*(?:[,，。;；/|]|$|${ROLE}))`),
  new RegExp(`(?:公司|单位|企业)(?:名称|名字)?(?:是|叫|名叫|为|[:：]|\\s)\\s*(${COMPANY})(?=\\s*(?:[,，。;；/|]|的|$))`),
  new RegExp(`来自\\s*(${COMPANY})(?=\\s*(?:[,，。;；/|]|的|公司|$))`),
  new RegExp(`在\\s*(${COMPANY})(?:上班|工作|任职|做|当|负责)`),
  new RegExp(`(?:就职于|任职于|供职于)\\s*(${COMPANY})(?=\\s*(?:[,，。;；/|]|$))`),
];
/** Words that make a phrase an act or an interest, not a company's name. */
const NOT_COMPANY = /(想|对|感兴趣|需要|要|做|咨询|认识|加了|进来|问|留|介绍|推荐|了解|打算|准备|预算|手机|电话|微信|号码)/;

/** A company's name, cleaned, or null (a source word, an act). */
function companyName(raw: string, ofPerson = false, slot = false): string | null {
  const text = raw
    .trim()
    .replace(/^(在|是|来自|说是|就职于|任职于|供职于|(?:works?\s+(?:at|for)|employed\s+(?:at|by)|from|at|of|with)\s+)/i, "")
    .replace(new RegExp(`的${ROLE}$|(?<=..)(?:CTO|CEO|CFO|COO|VP|HR|老板|老总|总监|经理|负责人)$`, "i"), "")
    .replace(/(的人|那边的|的)$/, "");
  if (!text || NOT_COMPANY.test(text) || (!ofPerson && isSourceWord(text))) return null;
  const name = /^[A-Za-z0-9]/.test(text) ? text.trim() : cleanName(text, 12);
  return name && (slot || !looksLikePerson(name)) && !PLACES.has(name) && !/^[\u4e00-\u9fa5]{2,3}(省|(?<!超)市|区|县)$/.test(name) ? name : null;
}

/** The person in one word, if it is one: strictly written like a person (a story), or any short word (after 线索). */
function personIn(word: string, loose: boolean): { name: string; before: string } | null {
  // 一个姓刘的女士 → 刘女士.
  const plain = word.replace(LEADING, "").replace(/^.*姓(.)的?(先生|女士|小姐|老师|总|经理)$/, "$1$2");
  const ok = (n: string) => (loose ? /^[\u4e00-\u9fa5]{2,4}$/.test(n) && !NOT_PERSON.test(n) && cleanName(n) !== null : isPersonName(n));
  if (ok(plain)) return { name: plain, before: "" };
  for (const n of [2, 3, 4]) {
    const [before, name] = [plain.slice(0, -n), plain.slice(-n)];
    // 杭州云帆网络的老板王磊, 恒泰建设的工程部经理郑凯: what the person is there is said of them, not of the company.
    const at = before.replace(/(?<=的)([\u4e00-\u9fa5]{0,4}(老板|老总|总监|经理|负责人|主管|专员|工程师|部长|主任|厂长|店长|院长|科长|处长|董事长|总裁)|采购|CTO|CEO)$/i, "");
    if (at && BEFORE_PERSON.test(at) && isPersonName(name)) return { name, before: at.replace(/[:：]$/, "") };
  }
  return null;
}

/** A short word that could only be a name: no verb, no company word, no source, no place. */
function plainName(word: string): { name: string; before: string } | null {
  const w = trimFiller(word, [], PHONE_WORDS).replace(/^(新的?客户|客户|名字叫|叫|姓名[:：]?)/, "");
  const ok = /^[\u4e00-\u9fa5]{2,3}$/.test(w) && !NOT_PERSON.test(w) && !NOT_COMPANY.test(w) && cleanName(w) !== null;
  return ok && !hasCompanySuffix(w) && !isSourceWord(w) && !PLACES.has(w) && !REGION.test(w) && !/[的了过着吗呢吧啊]/.test(w) ? { name: w, before: "" } : null;
}

interface Who {
  name: string;
  /** Words said of the person before the number: 杭州云帆网络的 (王磊，杭州云帆网络的，138…). */
  words: string[];
}

/** How a number is introduced: 王磊的手机号是 → 王磊. */
const PHONE_WORDS = ["手机号码", "手机号", "手机", "电话号码", "电话", "号码", "联系方式", "微信同", "同微信", "是", "的"];

/** The person: a Latin name right before the number, else the last person-like word of the last three. */
function personBefore(before: string, loose: boolean): Who | null {
  // Tony Lee（Sunrise Foods CTO）: what the brackets say is said of the person.
  const bracket = /\s*[(（]([^()（）]+)[)）]$/.exec(trimFiller(before, [], PHONE_WORDS));
  const said = bracket ? [bracket[1]!] : [];
  const cut = trimFiller(bracket ? before.slice(0, before.lastIndexOf(bracket[0].trim()[0]!)) : before, [], PHONE_WORDS);
  // Jack Wang, Ms. Li, Kevin O'Neil — capitalised words, maybe followed by where they were met (at expo).
  const latin = /([A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3})(?: (?:at|in|from|via|on)\b[^A-Z\u4e00-\u9fa5]*)?$/.exec(cut)?.[1]?.split(" ");
  while (latin?.length && NOT_LATIN_NAME.test(latin[0]!)) latin.shift();
  if (latin?.length && latin.join(" ").length >= 2) return { name: latin.join(" "), words: said };
  const words = cut.split(/[\s,，:：、;；()（）]+/).filter(Boolean);
  for (let i = words.length - 1; i >= Math.max(0, words.length - 3); i--) {
    // The word right before the number may be a name whose surname we do not know (冉超, 蒲军).
    const hit = personIn(trimFiller(words[i]!, [], PHONE_WORDS), loose) ?? (i === words.length - 1 && !bracket ? plainName(words[i]!) : null);
    if (hit) return { name: hit.name, words: [...(hit.before.endsWith("的") ? [hit.before] : []), ...words.slice(i + 1), ...said] };
  }
  return null;
}

/** Words after the number, split at punctuation; a run of Latin words (Blue Ocean Ltd) stays one word. */
function wordsOf(rest: string): string[] {
  const out: string[] = [];
  for (const part of trimFiller(rest).split(/\s*[/|,，;；。]+\s*/)) {
    let run: string[] = [];
    const flush = () => run.length && (out.push(run.join(" ")), (run = []));
    for (const token of part.split(/\s+/).filter(Boolean)) {
      if (/^[A-Za-z][A-Za-z'’&.-]*$/.test(token) && !isSourceWord(token)) run.push(token);
      else flush(), out.push(token);
    }
    flush();
  }
  return out.filter(Boolean);
}

/** A city or province said alone: the lead's 地区. */
const REGION =
  /^(北京|上海|广州|深圳|杭州|南京|苏州|成都|重庆|武汉|西安|天津|长沙|郑州|青岛|厦门|宁波|合肥|济南|福州|昆明|沈阳|大连|哈尔滨|长春|石家庄|太原|南昌|南宁|贵阳|兰州|无锡|常州|东莞|佛山|珠海|温州|绍兴|嘉兴|金华|台州|烟台|香港|澳门|[\u4e00-\u9fa5]{2,3}(省|市))$/;

const FIELD = /^(地区|微信|产品|备注|来源)[:：](.+)$/;
const NAMED: Record<string, string> = { 地区: "region", 微信: "wechatId", 产品: "productLine", 备注: "note" };

/** The words said of the person: company, source, 微信 id, key:value fields, and a note. */
function fieldsOf(words: string[], extra: Record<string, string>, slotted = false): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const field = FIELD.exec(w) ?? /^(来源)(?:是)?(.+)$/.exec(w);
    if (field) {
      if (field[1] === "来源") extra["source"] = leadSourceIn(field[2]!) ?? field[2]!;
      else extra[NAMED[field[1]!]!] = field[2]!;
      continue;
    }
    if (w === "微信" && words[i + 1]) {
      extra["wechatId"] = words[++i]!;
      continue;
    }
    if (isSourceWord(w)) continue;
    if (!extra["region"] && REGION.test(w)) {
      extra["region"] = w;
      continue;
    }
    const glued = extra["company"] ? null : splitSourceTail(w);
    // 杭州云帆网络展会: a company's name, then the source glued to it.
    if (glued && hasCompanySuffix(glued[0]) && companyName(glued[0])) {
      extra["company"] = companyName(glued[0])!;
      continue;
    }
    // The word right after the number stands where the command puts the company (新线索 王五 137… 李宁).
    const company = extra["company"] ? null : companyName(w.replace(/做.{1,6}$/, ""), false, i === 0 && slotted);
    if (company) extra["company"] = company;
    else extra["note"] = extra["note"] ? `${extra["note"]} ${w}` : w;
  }
}

/** A WeChat id given instead of a mobile: 微信号 wl_2026. */
const WECHAT_ID = /微信号?\s*(?:是|[:：])?\s*([A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])/;

/** 13812345678 王磊 杭州云帆网络: the person right after the number, when none stood before it. */
function personAfter(words: string[]): Who | null {
  const i = words.slice(0, 2).findIndex((w) => personIn(w, false) || /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(w));
  return i < 0 ? null : { name: personIn(words[i]!, false)?.name ?? words[i]!, words: words.splice(0, i + 1).slice(0, i) };
}

/** Something to do for the new person: 明天下午给他打电话, 下周约他见面. */
const ERRAND = /(打电话|电话|联系|回访|拜访|见面|约|发|送|寄|跟进|演示|报价|过去|上门|沟通|聊)/;

/** Plans said after the lead's details (a time and an errand), taken out of the words as reminders. */
function plansIn(u: Utterance, words: string[]): ProposedAction[] {
  const plans: ProposedAction[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const when = findTimes(words[i]!, u.now, u.timeZone).find((t) => t.at !== null && t.at > u.now);
    if (!when?.at || !ERRAND.test(words[i]!)) continue;
    const content = trimFiller(without(words[i]!, [when]), ["我", "要", "再"]);
    if (content.length >= 2) plans.unshift(propose("reminder.create", { text: `${iso(u, when.at)} ${content}` }));
    words.splice(i, 1);
  }
  return plans;
}

/** lead.create for a message that gives a new lead, then reminders for what is planned with the person; or []. */
export function leadsOf(u: Utterance): ProposedAction[] {
  const lead = leadOf(u);
  return lead ? [lead.action, ...lead.plans] : [];
}

function leadOf(u: Utterance): { action: ProposedAction; plans: ProposedAction[] } | null {
  const told = LEAD_WORDS.test(u.text) && !LEAD_ADMIN.test(u.text);
  const cued = told || NEW_PERSON.test(u.text) || leadSourceIn(u.text) !== undefined;
  // 客户王磊，138…，杭州云帆网络: a customer's person, number and company, nothing else — new to us too.
  if (!told && (NOT_A_LEAD.test(u.text) || !(cued || /客户/.test(u.text)))) return null;
  const phone = MOBILE.exec(u.text) ?? (told ? /(?<!\d)1\d{8,11}(?!\d)/.exec(u.text) : null);
  const wechat = phone ? null : WECHAT_ID.exec(u.text);
  const anchor = phone ?? wechat;
  if (!anchor) return null;
  const after = wordsOf(u.text.slice(anchor.index + anchor[0].length));
  const who = personBefore(u.text.slice(0, anchor.index).replace(/[\s/|]+$/, ""), told) ?? personAfter(after);
  if (!who) return null;
  const extra: Record<string, string> = wechat ? { wechatId: wechat[1]! } : {};
  const said = SAID_COMPANY.map((re) => re.exec(u.text)?.[1]).find((c) => c && companyName(c));
  if (said) extra["company"] = companyName(said)!;
  const [of] = who.words;
  if (of?.endsWith("的") && !extra["company"]) {
    const company = companyName(of, true);
    if (company) (extra["company"] = company), who.words.shift();
  }
  fieldsOf(who.words, extra);
  const plans = plansIn(u, after);
  fieldsOf(after, extra, told && who.words.length === 0);
  if (!cued && (!extra["company"] || extra["note"])) return null;
  if (extra["note"] && extra["company"] && extra["note"].includes(extra["company"])) delete extra["note"];
  // 展会上认识了王芳 / 百度推广来的客户: the source may be said anywhere, but not inside a name (百度的).
  const rest = [who.name, extra["company"] ?? ""].reduce((t, n) => (n ? t.split(n).join(" ") : t), u.text);
  extra["source"] ??= leadSourceIn(rest) ?? "";
  if (!extra["source"]) delete extra["source"];
  return { action: propose("lead.create", { name: who.name, ...(phone ? { phone: digitsOf(phone[1] ?? phone[0]) } : {}), ...extra }), plans };
}
