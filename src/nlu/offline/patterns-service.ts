// Service requests and answers to followers: 给华为开个工单，打印机卡纸 → ticket.create;
// 回复农夫山泉：样品已寄出 → follower.reply. Without these, both read like follow-up notes.
import type { ProposedAction } from "../engine.ts";
import { cleanName, isStrong, takeName } from "./names.ts";
import { clauses, escapeRe, trimFiller } from "./text.ts";
import { part, propose, refBefore, refOf, type Utterance } from "./utterance.ts";

const TICKET = /(开|建|提|报|起)(个|一个|一张)?(?:(?:高|中|低|紧急|加急|普通|一般)(?:优先级)?的?)?(服务|售后|维修)?工单|^(?:[Pp][123]\s*)?(?:新建|新|紧急|加急)?(?:的)?(?:服务|售后|维修)?工单\s*[:：]/;
/** The head of 工单：… written as a clause of its own (P1工单). */
const TICKET_HEAD = /^(?:[Pp][123]\s*)?(?:新建|新|紧急|加急)?(?:的)?(?:服务|售后|维修)?工单$/;
/** Asking for service without the word 工单: 报修, 投诉. */
const SERVICE = /(报修|报个修|报障|报故障|投诉)/;
/** A fault the customer has: enough for a ticket when a customer is surely named. */
const PROBLEM =
  /(登录不了|登不上|登录不上|登陆不了|登陆不上|无法登录|无法登陆|进不去|打不开|用不了|不能用|无法使用|没法用|坏了|坏掉了?|出故障|故障|报错|出错|崩了|崩溃|宕机|死机|卡死|闪退|连不上|不制冷|不制热|不工作|漏水|失灵|不好使|异常|卡纸|掉线|断线|黑屏|蓝屏|没反应|卡顿|很卡|出问题|出了问题|有个?(?:紧急|严重)?(?:故障|问题)|无法(?:使用|登录|登陆|打开|打印|连接|访问|启动|开机|上网|同步|导出|上传|下载|支付)|(?:打印|登录|登陆|连接|访问|启动|开机|上网|同步|导出|上传|下载|付款|支付)不了)/;
/** Talk or business besides the fault: a follow-up note, not a ticket. */
const NOT_SERVICE = /(聊|谈|拜访|报价|价格|预算|方案|采购|合同|签|演示|商机|成交|提醒|记得|别忘|怎么|如何|为什么|是不是|吗[?？]?$|[?？]$)/;
/** The rep's own tools: their faults are no customer's ticket (CRM登录不了了). */
const OWN_TOOLS = /^(crm|erp|oa|vpn|wi-?fi|app|企业微信|企微|微信|钉钉|飞书|系统|电脑|笔记本|网络|网|邮箱|手机|打印机|投影仪?|公司|我们)$/i;
const REPLY = /^(?:帮我)?(?:回复一下|回复|回一下|回个消息给|回消息给|答复)\s*(.{2,12}?)\s*[:：，,]\s*(?:说)?(.+)$/;

/** 给华为开个工单 / 帮颖川食品报修 */
const FOR_CUSTOMER = /(?:给|为|帮(?!忙))(?!我)(.{2,12}?)(?:那边|这边|的)?(?:(?:开|建|提|报|起)(?:个|一个|一张)?(?:(?:高|中|低|紧急|加急|普通|一般)(?:优先级)?的?)?(?:服务|售后|维修)?工单|报修|报个修|报障)/;
/** The ticket's priority in words: P1…P3, 紧急 / 高优先级 (P1), 优先级一般 (P2), 低优先级 / 不急 (P3). */
const PRIORITIES: ReadonlyArray<[RegExp, string]> = [
  [/\b(P[123])\b/i, ""],
  [/(紧急|加急|特急|十万火急|(?<!不|不太|不是很|不怎么)(?:挺|很|非常|特别|比较|蛮|超|急急)?着?急(?:的|了|用)?(?=$|[,，。!！\s]|用|着)|高优先级|优先级(是|为|:|设为|设成)?(高|最高)|(?:^|[,，\s])高(?:$|[,，\s]))/, "P1"],
  [/(中等?优先级|普通优先级|一般优先级|优先级(是|为|:|设为|设成)?(中|一般|普通)|(?:^|[,，\s])(一般|中)(?:$|[,，\s]))/, "P2"],
  [/(低优先级|优先级(是|为|:|设为|设成)?低|不急|不着急|(?:^|[,，\s])低(?:$|[,，\s]))/, "P3"],
];
/** Clauses that only say how urgent it is. */
const URGENCY_ONLY = /^(客户|他们|对方)?(说)?(比较|很|非常|特别|挺|蛮|超)?(急|紧急|加急|着急|特急|不急|不着急)(的|了)?(处理|解决|跟进|安排)?(一下)?$|^(尽快|马上|赶紧|立刻|抓紧)(处理|解决|安排|跟进|看看|看一下)?(一下)?$|^P[123]$|^(优先级)?(是|为|:|设为|设成)?(高|中|低|一般|普通|最高)(优先级)?(吧|就行)?$|^(中等?|普通|一般)优先级$/i;
/** Words that only ask for the ticket: 帮我报修一下, 投诉说. */
const ASKING = /^(帮我|请|麻烦|帮忙)?(给他们|帮他们)?(开|建|提|报|起)?(个|一个|一张)?(服务|售后|维修)?(工单|单子?$|报修|报个修|报障|报故障|投诉)(一下|了)?(说|称)?/;

/** 有个紧急问题 / 出了点状况: saying there is a problem, not which. */
const ANNOUNCING = /^(有个|有一个|出了个?|出了点|遇到个?|碰到个?)(紧急|严重|大|小)?(问题|故障|情况|状况)$/;

/** A clause as the problem it states: without the customer, the asking words and who said it
 * (颖川食品说送货晚了三天 → 送货晚了三天). */
function problemOf(clause: string, customer: string): string {
  const lead = new RegExp(`^(给|为|帮)?${escapeRe(customer)}(那边|这边|的)?`);
  // 接口报错 P2 / 系统打不开，挺急的: the priority said with the problem is not part of it.
  let t = trimFiller(clause.replace(/^(帮我|请|麻烦)/, "").replace(/\s*\b[Pp][123]\b\s*/g, " ").trim(), [], ["吧", "。"]);
  for (let before = ""; before !== t; ) {
    before = t;
    t = trimFiller(t.replace(lead, "").replace(ASKING, "").replace(/^(说|称|反馈|表示|他们的?|她们的?|对方的?|客户的?|我们的?|我方的?)/, ""), ["了"]);
  }
  return t;
}

/** The things that break: what stands between the customer's name and the fault (明达律所系统登录不了). */
const OBJECT = /(系统|平台|网站|官网|后台|app|APP|App|小程序|软件|账号|帐号|设备|机器|服务器|打印机|电脑|网络|冷库|空调|门禁|页面|接口|邮箱|发票|订单|货|送货|发货|产品)/;

/** The customer opening the clause of the fault or the service word, where the name patterns
 * found none: 明达律所系统登录不了 → 明达律所, 颖川食品投诉我们送货慢 → 颖川食品. */
function leadingName(text: string): string | null {
  const at = (SERVICE.exec(text) ?? PROBLEM.exec(text))?.index;
  if (at === undefined) return null;
  const clause = clauses(text).find((c) => at >= c.index && at <= c.index + c.text.length);
  if (!clause) return null;
  const before = trimFiller(text.slice(clause.index, at), ["客户", "反馈", "说", "帮我", "给", "为", "帮"], ["的", "那边", "这边"]);
  const object = OBJECT.exec(before);
  const raw = object && object.index >= 2 ? before.slice(0, object.index).replace(/(的|那边的?|这边的?)$/, "") : before;
  // 有客户投诉… / 好几个用户反馈…: somebody unnamed is no customer.
  if (/^(有|是|在|被|让|又|还|也|都|好几|几|一些|很多)|客户|用户|我们|你们|他们|她们|有人/.test(raw)) return null;
  return cleanName(raw);
}

/** The ticket priority a text gives (P1…P3), if any. */
export function priorityOf(text: string): string | undefined {
  for (const [re, p] of PRIORITIES) {
    const m = re.exec(text);
    if (m) return p || m[1]!.toUpperCase();
  }
  return undefined;
}

const TYPES: ReadonlyArray<[RegExp, string]> = [
  [/投诉/, "投诉"],
  [/报修|报个修/, "报修"],
];

/** 给华为开个工单，打印机卡纸（P1）/ 颖川食品报修，打印机坏了 / 明达律所的系统登录不了，紧急:
 * the customer, the problem (the other clauses), the priority. */
export function ticketOf(u: Utterance): ProposedAction | null {
  const m = TICKET.exec(u.text) ?? SERVICE.exec(u.text) ?? PROBLEM.exec(u.text);
  if (!m) return null;
  // 工单#5 修好了 / 上次投诉的问题解决了: news of a ticket, not a new one.
  if (/工单\s*#?\s*\d|#\d+\s*(号)?工单|(处理完|处理好|解决了|已解决|修好了|恢复了|好了吗|搞定了|关闭|关掉)/.test(u.text)) return null;
  const asked = TICKET.test(u.text) || SERVICE.test(u.text);
  if (!TICKET.test(u.text) && NOT_SERVICE.test(u.text)) return null;
  const direct = FOR_CUSTOMER.exec(u.text);
  // P1工单：星桥物流服务器宕机: the customer is in what follows the head.
  const after = /[:：]$/.test(m[0]) ? u.text.slice(m.index + m[0].length) : null;
  const headed = after ? (leadingName(after) ?? refOf(part(u, after))) : null;
  const named = (direct ? (cleanName(takeName(direct[1]!, 0)) ?? cleanName(direct[1]!)) : null) ?? headed ?? refBefore(u, m.index) ?? leadingName(u.text) ?? refOf(u);
  // 颖川食品报修: the name runs up to the service word; 客户反馈远洋物流…: not who reported it.
  const customer = named && cleanName(named.replace(new RegExp(`(${SERVICE.source.slice(1, -1)})$`), "").replace(/^(反馈|说|表示|称)/, ""));
  if (!customer || !named) return null;
  // 我电脑坏了 / 会议室投影仪坏了: a fault alone needs a customer surely named.
  const hit = u.names.find((h) => h.name === named);
  if (!asked && !direct && (OWN_TOOLS.test(customer) || !(hit ? hit.tier <= 2 || isStrong(hit) : u.recentNames.includes(customer)))) return null;
  const title = clauses(u.text.replace(/[:：]/g, "，"))
    .map((c) => problemOf(c.text, customer))
    .filter((c) => c && !TICKET.test(c) && !TICKET_HEAD.test(c) && !URGENCY_ONLY.test(c) && !ANNOUNCING.test(c))
    .join("，");
  const priority = priorityOf(u.text);
  const type = TYPES.find(([re]) => re.test(u.text))?.[1];
  return propose("ticket.create", { customer, ...(title ? { title } : {}), ...(priority ? { priority } : {}), ...(type ? { type } : {}) });
}

/** 回复农夫山泉：样品已经寄出 */
export function followerReplyOf(u: Utterance): ProposedAction | null {
  const m = REPLY.exec(u.text.trim());
  if (!m) return null;
  const ref = cleanName(takeName(m[1]!, 0)) ?? cleanName(m[1]!);
  // The rep's own punctuation: the same span of the text as written.
  const content = u.original.trim().slice(u.text.trim().length - m[2]!.length).trim();
  return ref && content ? propose("follower.reply", { ref, content }) : null;
}
