// A new lead: 新线索：李明 13900001111，腾讯的，展会上认识的 → lead.create with the name, the
// mobile and, when given, the company, the source, 微信, 地区 and a note. The words after the
// number are read like the command's: company, source, then a note.
import type { ProposedAction } from "../engine.ts";
import { cleanName } from "./names.ts";
import { digitsOf, MOBILE } from "./patterns-records.ts";
import { trimFiller } from "./text.ts";
import { propose, type Utterance } from "./utterance.ts";

const LEAD_WORDS =
  /(新线索|新的线索|新建线索|加个?线索|加一个线索|加条线索|录个线索|录入线索|记个线索|录一下线索|建个线索|登记.{0,4}线索|有个线索|来了个线索|一个线索|一条线索|^线索|潜在客户|潜客|认识了|介绍了?一个|留言|留了?(电话|手机|联系方式))/;

/** Lead sources (LEAD_SOURCES) and how people say them. */
const SOURCES: ReadonlyArray<[RegExp, string]> = [
  [/官网|网站|表单|留言|\bwebsite\b|\bweb\s*form\b/i, "官网表单"],
  [/广告|\bads?\b/i, "广告投放"],
  [/展会|展览|会展|\bexpo\b|\btrade\s*show\b|\bexhibition\b/i, "展会"],
  [/转介绍|介绍|推荐|\breferral\b|\breferred\b/i, "转介绍"],
  [/公众号/, "公众号"],
  [/电话咨询|打电话来|打进来|来电|咨询/, "电话咨询"],
];

const sourceIn = (text: string) => SOURCES.find(([re]) => re.test(text))?.[1];
const NOT_PERSON = /(线索|客户|手机|电话|公司|微信|来源|姓名|名字|联系人|展会|官网|介绍|一个|一条|有人|留言)/;
const LEADING = /^(新线索|新建线索|加个?线索|录入线索|录个线索|记个线索|建个线索|帮我|线索|认识了?|介绍了?一个人|叫|姓名|名字|联系人|是)+/;

/** The person: the last words before the number (李明 13900001111 / 王芳，手机159…). */
function personName(before: string): string | null {
  const cut = trimFiller(before, [], ["手机号码", "手机号", "手机", "电话号码", "电话", "号码", "是"]);
  const latin = /([A-Za-z][A-Za-z]*(?: [A-Za-z]+)*)$/.exec(cut)?.[1];
  if (latin && latin.length >= 2 && !/^(lead|new)$/i.test(latin)) return latin;
  const last = cut.split(/[\s,，:：、;；]+/).filter(Boolean).pop() ?? "";
  const word = last.replace(LEADING, "").replace(/^.*(认识了|认识|介绍了|叫)/, "");
  return /^[\u4e00-\u9fa5]{2,4}$/.test(word) && !NOT_PERSON.test(word) ? word : null;
}

const FIELD = /^(地区|微信|产品|备注|来源)[:：](.+)$/;
const NAMED: Record<string, string> = { 地区: "region", 微信: "wechatId", 产品: "productLine", 备注: "note" };

/** The words after the number: company, source, 微信 id, key:value fields, and a note. */
function afterPhone(words: string[], extra: Record<string, string>): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const field = FIELD.exec(w);
    if (field) {
      if (field[1] === "来源") extra["source"] = sourceIn(field[2]!) ?? field[2]!;
      else extra[NAMED[field[1]!]!] = field[2]!;
      continue;
    }
    if (w === "微信" && words[i + 1]) {
      extra["wechatId"] = words[++i]!;
      continue;
    }
    const source = sourceIn(w);
    if (source && (w.length <= 6 || /来的|来源|来自/.test(w))) {
      extra["source"] ??= source;
      continue;
    }
    const company = /^(?:在|是|来自)?([\u4e00-\u9fa5A-Za-z][\u4e00-\u9fa5A-Za-z&·. ]{1,20}?)(?:的人?|那边的)?(?:做.{1,6})?$/.exec(w);
    const name = company && !extra["company"] && !/(想|对|感兴趣|需要|要|做|咨询)/.test(company[1]!) ? cleanName(company[1]!) : null;
    if (name) extra["company"] = name;
    else extra["note"] = extra["note"] ? `${extra["note"]} ${w}` : w;
  }
}

/** lead.create for a message that gives a new lead, or null. */
export function leadOf(u: Utterance): ProposedAction | null {
  if (!LEAD_WORDS.test(u.text)) return null;
  const phone = MOBILE.exec(u.text) ?? /(?<!\d)1\d{8,11}(?!\d)/.exec(u.text);
  if (!phone) return null;
  // New lead: Jack Wang / 135… / Acme / expo: slashes separate the fields.
  const slashed = /[/|]/.test(u.text);
  const name = personName(u.text.slice(0, phone.index).replace(/[\s/|]+$/, ""));
  if (!name) return null;
  const extra: Record<string, string> = {};
  const rest = u.text.slice(phone.index + phone[0].length);
  const words = slashed ? trimFiller(rest.replace(/^[\s/|]+/, "")).split(/\s*[/|,，;；。]+\s*/) : trimFiller(rest).split(/[\s,，;；。]+/);
  afterPhone(words.filter(Boolean), extra);
  // 展会上认识了王芳 / 老客户转介绍了一个人：刘洋 / 在腾讯做采购: what came before the number counts too.
  const source = sourceIn(u.text.slice(0, phone.index));
  if (source && !extra["source"]) extra["source"] = source;
  const at = /在([\u4e00-\u9fa5A-Za-z]{2,10}?)(做|当|工作|上班)/.exec(u.text);
  if (at && !extra["company"]) extra["company"] = at[1]!;
  if (extra["note"] && extra["company"] && extra["note"].startsWith(`在${extra["company"]}`)) delete extra["note"];
  return propose("lead.create", { name, phone: digitsOf(phone[1] ?? phone[0]), ...extra });
}
