// Who a message is about: a customer or contact name pulled out of Chinese text with
// simple patterns (去了趟X, 跟X聊, 给X打电话, X那边, X的张总, X那单) and the user's recent
// names. No database here: the action resolves the name against records later.
import type { TimeSpan } from "./times.ts";

export type NameKind = "company" | "person";

export interface NameHit {
  name: string;
  kind: NameKind;
  index: number;
  /** 1: a #code or a recent name; 2: after 去了趟/跟/给…, or before 的/那边/说…; 3: merely opening a clause. */
  tier: 1 | 2 | 3;
}

/** Words a name never runs into (checked from its third character on). */
const STOPS = [
  "的", "那", "这", "跟", "和", "与", "同", "聊", "谈", "说", "讲", "打", "开会", "开了", "见", "拜访", "沟通", "交流", "了", "在",
  "把", "对", "约", "给", "也", "都", "还", "又", "再", "就", "是", "有", "要", "去", "来", "发", "过", "吧", "呢", "啊", "呀", "吗",
  "签", "确认", "演示", "报价", "预算", "预计", "推进", "推到", "进入", "到了", "电话", "微信", "一下", "一趟", "趟", "今天", "明天",
  "后天", "昨天", "下周", "下午", "上午", "晚上", "需求", "项目", "采购", "申请", "折扣", "赢", "输", "丢", "黄", "成交", "合同",
  "商机", "线索", "情况", "资料", "信息", "记录", "跟进", "汇报", "反馈", "表示", "觉得", "希望", "想", "准备", "打算", "已经", "刚",
  "让", "请", "帮", "被", "问", "回复", "答复", "目前", "现在", "最近", "可能", "大概", "应该", "会", "能", "可以", "不", "没", "很",
  "挺", "比较", "非常", "太", "金额", "决策", "拍板", "吃饭", "喝茶", "碰", "讨论", "商量", "对接", "一起", "怎么", "如何", "提醒",
  "记得", "做", "定", "之前", "以前", "之后", "以后", "前", "后", "技术", "负责", "现场", "视频", "单子", "客户", "都",
  "设为", "设成", "改为", "改成", "加个", "加一", "标签", "释放", "领取", "转成", "转化", "分给", "分配", "上次", "到", "可以", "出差", "旅游", "度假", "玩", "出来", "回来",
  "升为", "升成", "升到", "升级", "降为", "降成", "降到", "降级", "调成", "调为", "标为", "进行", "开展", "拿下", "搞定", "凉", "级别", "等级", "通了", "通过", "通电话", "通个",
  // What a named person did: 王磊回电话了, 曹总报修, 刘洋电话没人接, 和张总吃了饭.
  "回电", "回了", "回个", "回信", "回话", "回消息", "回微信", "回邮件", "报修", "报障", "投诉", "吃", "喝", "没人接", "没接", "接了", "接电话", "来电", "打来",
  "来访", "上门", "下单", "最后", "最终", "决定", "选了", "选择", "走到", "来到", "开完", "开过", "付款", "问价", "询价", "咨询", "加了", "留了", "主动", "突然", "一直", "下周", "本周", "这周", "催", "我们", "我",
];

const COMPANY_SUFFIX = /(有限公司|公司|集团|科技|食品|精密|机械|设备|仪器|材料|建设|建筑|工程|文旅|文化|教育|环保|光电|生物|化工|家居|包装|信息|数据|智能|商贸|国际|工业|制造|药业|置业|置地|资本|投资|咨询|服饰|纺织|钢铁|半导体|农业|餐饮|旅游|航运|新材|实验室|工作室|事务所|中心|厂|店|银行|医院|大学|学院|研究院|研究所|股份|控股|网络|软件|电子|实业|贸易|物流|地产|保险|证券|基金|传媒|医药|制药|汽车|电器|能源|电力|电气|通信|航空|酒店|重工|电网|时代|云)$|(?<=[\u4e00-\u9fa5A-Za-z]{2})(米业|茶业|纸业|酒业|乳业|矿业|木业|陶瓷|印刷|装饰|建材|母婴|船舶|光伏|超市|会计|财税|律所|家具|物业|租赁|影视|医疗|健康|养老|石化|新能源|金融|百货|商场|便利店|药房|诊所)$/;
const TITLE_PERSON = /^[\u4e00-\u9fa5]{1,2}(总|总监|经理|主任|老师|工|董|老板|局长|处长|科长|院长|部长|主管|助理|律师|医生|教授|博士|先生|女士|小姐|姐|哥)$/;

/** Never a customer: people around the rep, pronouns, generic nouns, time words. */
const NOT_A_NAME = new Set([
  "客户", "公司", "领导", "老板", "同事", "老婆", "老公", "媳妇", "女朋友", "男朋友", "朋友", "家里", "家人", "孩子", "儿子", "女儿",
  "爸爸", "妈妈", "大家", "自己", "团队", "经理", "主管", "总监", "财务", "法务", "人事", "技术", "产品", "客服", "前台", "报价",
  "预算", "方案", "合同", "项目", "价格", "需求", "电话", "微信", "邮件", "一下", "一趟", "对方", "人家", "我们公司", "他们", "她们",
  "咱们", "我们", "你们", "这家", "那家", "系统", "机器人", "所有客户", "所有", "全部", "之前", "指令", "天气", "笑话", "反馈",
  "效果", "记录", "对接", "评审", "单子", "商机", "线索", "这单", "那单", "进展", "结果", "周会", "例会", "会议", "采购", "股票",
  "展会", "现场", "今年", "明年", "去年", "早上好", "晚上好", "下午好", "测试", "谢谢", "收到", "好的", "辛苦", "哈哈", "开完会",
  "快递", "外卖", "午饭", "晚饭", "早饭", "请假", "年假", "报销", "电影", "手机", "内部", "节日", "周末", "早上", "中午",
  "预计", "金额", "决策人", "老大", "领导们", "可以", "上次", "下次", "这次", "顺便", "另外", "然后",
  // Roles and generic people, never a record's name.
  "合伙人", "老板娘", "董事长", "总经理", "负责人", "联系人", "对接人", "采购", "销售", "业务员", "秘书", "助理", "老师", "师傅",
  "阶段", "环节", "订单", "单价", "总价", "价钱", "费用", "款项", "发票", "货款", "尾款", "首付", "定金", "报价单",
  "有人", "有个人", "那个人", "这个人", "一个人", "某人", "别人", "其他人", "新客户", "老客户", "潜在客户", "案例", "案例集", "样品",
]);

/** Words a name never starts with: verbs, fillers, 前/后 of a cut phrase (说价格, 想了解我们, 要一份, 前给, 去拜访). */
const NOT_A_START = /^(的|对方|人家|那边|这边|上次|下次|这次|那次|说|讲|想|要|需要|让|请|帮|把|被|对于|给|跟|和|与|同|去|来|到|在|从|向|往|拜访|回访|走访|联系|沟通|了解|看看|问|还|也|都|就|又|再|刚|已|没|不|别|先|并|但|而|所以|因为|如果|虽然|一份|一个|一下|一些|一张|一次|一直|有个|有点|前(给|天|面|几|两|阵|段|期|要|把|就|得|必须)|后(给|天|面|来|续|期))/;
/** Words that are an act, not a name (拜访, 回电话). */
const ACT = /^(面谈|演示|洽谈|培训|面试|拜访|回访|走访|回电话?|电话|开会|见面|沟通|联系|跟进|报修|了解|看看|吃饭|喝茶|聊天|下单|付款|签约|咨询|问价|询价|回复|答复|反馈|同意|确认|表示|考虑|商量|讨论|研究)/;
/** Where people meet, not whom they meet. */
const VENUE = /(星巴克|瑞幸|麦当劳|肯德基|咖啡|茶馆|茶楼|餐厅|饭店|酒楼|会所|机场|车站|高铁站|办公室|会议室|家里|楼下)/;

/** 钟经理, 张总, 李工: one surname and a title. */
const SURNAME_TITLE = /^[王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤](总|总监|经理|主任|老师|工|董|局长|处长|科长|院长|部长|主管|律师|医生|教授|博士|先生|女士|小姐)$/;
const LATIN_NAME = /^[A-Za-z][A-Za-z0-9&.'’-]*(?: [A-Z0-9&][A-Za-z0-9&.'’-]*)*(?![A-Za-z0-9])/;
const NAME_CHAR = /[A-Za-z0-9&·.\-\u4e00-\u9fa5]/;
const MAX_NAME = 16;
/** A stop word that is the start of a name's own word (立信会计, 中海能源, 华夏发展): the name reads on. */
const NAME_GOES_ON = /^(有限|会计|会展|会所|会馆|会务|能源|发展|都市|都会|在线)/;

/** The name starting at `start` (spaces skipped): name characters up to a stop word, at most 16. */
export function takeName(text: string, start: number): string {
  let s = start;
  while (text[s] === " ") s++;
  // 拜访了一下万科的王总: the name starts after the filler.
  const filler = /^(了一下|了一趟|一下|一趟)(?=[\u4e00-\u9fa5A-Za-z]{2})/.exec(text.slice(s));
  if (filler) s += filler[0].length;
  // Blue Ocean Ltd, O'Brien Trading, IBM: Latin words, the next one capitalised.
  const latinName = LATIN_NAME.exec(text.slice(s));
  if (latinName) return latinName[0].replace(/[.\-'’]+$/, "");
  let end = s;
  while (end < text.length && end - s < MAX_NAME && NAME_CHAR.test(text[end]!)) {
    const latin = /[A-Za-z]/.test(text[s]!);
    // 钟经理看了方案: a surname and a title is a whole name (张总监 still reads on).
    const sofar = text.slice(s, end);
    if (SURNAME_TITLE.test(sofar) && !SURNAME_TITLE.test(sofar + text[end]!)) break;
    if (end - s >= 2 && !latin && STOPS.some((w) => text.startsWith(w, end)) && !NAME_GOES_ON.test(text.slice(end))) break;
    if (end - s >= 1 && latin !== /[A-Za-z0-9&.\-]/.test(text[end]!)) break;
    if (end - s >= 2 && /\d/.test(text[end]!) && !/[\dA-Za-z]/.test(text[end - 1]!)) break;
    end++;
  }
  return text.slice(s, end).replace(/[.\-·]+$/, "");
}

/** A usable name, cleaned (华为公司 → 华为, 华为那单 → 华为), or null. */
export function cleanName(raw: string, maxPlain = 6): string | null {
  const name = raw
    .replace(/^(那个|这个|那家|这家|客户|一个叫|叫)/, "")
    .replace(/(?<=.{2})(那单|这单|那边|这边|那个项目|这个项目|项目|那个|这个)$/, "")
    .replace(/^(.{2,4}?)(?<!有限)公司$/, "$1");
  if (name.length < 2 || /^\d+$/.test(name) || /^\d+[个位家条次天周月年]|[了过]$/.test(name) || NOT_A_NAME.has(name)) return null;
  if (/(上个月|下个月|今天|明天|昨天|业绩|天气|工资|股票)/.test(name) || /^[看查找搜问]/.test(name)) return null;
  // Brackets, punctuation, emoji: a cut gone wrong, never a name.
  if (/[^A-Za-z0-9&#·.\-'’ \u4e00-\u9fa5]/.test(name)) return null;
  if (/^[\u4e00-\u9fa5]/.test(name) && name.length > maxPlain && !COMPANY_SUFFIX.test(name)) return null;
  if (/^[我你他她它这那哪咱每各某啥谁的]/.test(name)) return null;
  if ((NOT_A_START.test(name) || ACT.test(name)) && !COMPANY_SUFFIX.test(name)) return null;
  // 拜访金桥地产: a visit glued to the name it is about.
  const visit = /^(拜访|回访|走访|联系|见面|去|到)/.exec(name);
  if (visit && name.length - visit[0].length >= 3) return null;
  // 请华东医药, 跟星河科技, 聊了二期: a verb (and 了) glued to the front of a name.
  if (/^(请|把|被|让|跟|给|说|从|向|往|陪|和(?!记))|^[\u4e00-\u9fa5]了/.test(name)) return null;
  // 开完, 拿到, 谈好: a verb and its result, not a name.
  if (/^[\u4e00-\u9fa5][完到好掉住]$/.test(name)) return null;
  // 做个, 搞个, 来个: a verb and a measure word, not a name.
  if (/^[\u4e00-\u9fa5][个次趟回遍]$/.test(name)) return null;
  // 有客户, 一个客户, 某用户, 老客户: who it is, not a name.
  if (/^(有|一|某|几|个|老|新|大|小)?(个|位|家)?(客户|顾客|用户|对方|甲方|厂家|公司|单位|领导|老板)$/.test(name)) return null;
  // 所有老客户, 每家: everyone, not one name.
  if (/^(所有|全部|每个|每家|每位|各个|各家|其他|其它|别的)/.test(name)) return null;
  // 丢单, 赢单了, 三个客户: an outcome or a count, never a name.
  if (/^(丢|输|赢|签)(单|了)|^[一二两三四五六七八九十几]+[个位家条次]/.test(name)) return null;
  if (/^(今|明|后|昨|前|上|下|本|这|周|星期|礼拜|月|年|早|晚)(天|日|早|晚|午|周|个|月|年|末|底|初|上|间)|^中(午|旬)/.test(name)) return null;
  return name;
}

const SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤施洪牛岳齐庞葛邢裴詹童鲁凌晏樊柏阎殷邬翟祝柴左卜饶葉聂俞章温倪盛乔伍骆霍滕柯管毕焦苗谷车符舒阮包常辛褚祁尚冉";
const COMPOUND_SURNAMES = "欧阳|司马|上官|诸葛|东方|皇甫|慕容|令狐|司徒|公孙|夏侯|尉迟|长孙|宇文";
/** Characters that commonly end a given name (李娜, 王建国), rarely a company's (万达). */
const GIVEN = "娜丽静敏燕艳芳娟霞英伟强磊军勇杰涛明超刚辉鹏飞斌浩凯健俊帆晨婷雪琳颖倩欣怡悦蕾璐薇梅兰玲红丹萍慧洁琴云峰亮波龙宁雷洋阳宇翔坤琦瑶莹蓉媛婕晶玉秀珍凤佳磊彬岩冰鑫旭霖昊哲博毅锋诚宏豪琪晓平";
const PERSON_NAME = new RegExp(`^(?:[${SURNAMES}]|${COMPOUND_SURNAMES})[\\u4e00-\\u9fa5]?[${GIVEN}]$`);
/** 刘洋, 王晓东, 欧阳娜娜: a surname and one or two characters. */
const FULL_NAME = new RegExp(`^(?:[${SURNAMES}]|${COMPOUND_SURNAMES})[\\u4e00-\\u9fa5]{1,2}$`);

/** 杭州云帆网络, 华为技术有限公司: ends like a company's name. */
export const hasCompanySuffix = (name: string): boolean => COMPANY_SUFFIX.test(name);

/** 王磊, 欧阳娜娜, 潘总, 李先生, 老郑: written like a person (a surname first), not a company. */
export const isPersonName = (name: string): boolean =>
  !COMPANY_SUFFIX.test(name) &&
  !NOT_A_NAME.has(name) &&
  (FULL_NAME.test(name) || (/^[老小]/.test(name) && name.length === 2 && SURNAMES.includes(name[1]!)) || (TITLE_PERSON.test(name) && FULL_NAME.test(name.slice(0, 2))));

/** 李娜, 王建国, 张总: surely a person's name (a given name's last character, or a title) — 万科 is not. */
export const looksLikePerson = (name: string): boolean => isPersonName(name) && (TITLE_PERSON.test(name) || PERSON_NAME.test(name));

/** 张总, 陈姐, 老郑, 小李: a person; anything else named is taken for a company. */
const kindOf = (name: string): NameKind =>
  TITLE_PERSON.test(name) || (/^[老小][\u4e00-\u9fa5]$/.test(name) && SURNAMES.includes(name[1]!)) ? "person" : "company";

/** A visit, call or message: the name follows directly. */
const DIRECT = /(陪了?(?:一下)?(?=[\u4e00-\u9fa5A-Za-z]{2,12}?的)|(?:拜访|见|约|联系|走访|回访)的(?=[\u4e00-\u9fa5A-Za-z]{2})|跟进\s*(?:一下|了)?\s*[:：]?\s*|去了一?趟|去了|跑了一?趟|拜访完了?|拜访了?|走访了?|回访了?|请(?=[^,，。;；]{2,14}?(吃|喝))|到访了?|上门拜访了?|见了|约了|联系了|联系上了?|碰到了?|遇到了?|见到了?|打电话给|打了个电话给|打给|电话给|发给|微信给|(?<=(?:发|寄|送|递|交|转)了?[^,，。;；给]{0,8})给|拿下|从(?=[\u4e00-\u9fa5A-Za-z]{2,8}?(出来|回来))|去(?=[\u4e00-\u9fa5A-Za-z]{2,8}?(现场|那边|拜访|开会|演示|签|送|$|[,，。]))|(?<![现存放])在(?=[\u4e00-\u9fa5A-Za-z]{2,12}?(跟|和|与|见了|拜访|开会|开了|演示)))/g;
/** 跟/和 a name, then a talk; 给/帮 a name, then a call, a send or a request. */
const WITH = /(跟(?!进|着|随|踪)|和(?!谐|平)|与(?!其|否)|同(?!意|时|样|事|学|行|步|比|期|类|一))/g;
const FOR = /(给|帮)/g;
const AFTER_WITH = /^\s*((和|、|与)[\u4e00-\u9fa5A-Za-z]{2,12}?)*\s*(都|也|分别)?\s*(的[^,，。]{1,12}?)?\s*(在\s*\S{1,6}\s*上)?\s*(一起|一块儿?)?\s*((进行|开展)了?(一次|一轮)?(技术|业务|商务|方案|深入|初步|电话)?)?\s*(聊|谈|洽谈|沟通|交流|开会|开了|开完|开过|见面|见了?个?面|碰了?个?头|视频|会议|通了?个?电话|打了?电话|打电话|确认|对接|碰|讨论|商量|吃|喝|说|约|签|演示|汇报|对了|对完|对过|核对|过了|电话)/;
const AFTER_FOR = /^\s*(那单|的单子|的[\u4e00-\u9fa5]{1,3}(总|经理|总监|主任|老板|工|老师|姐|哥))?\s*(打|发|回|送|报|做|演示|讲|介绍|申请|争取|批|加)/;
/** Before these, a clause-opening name is surely the subject: 华为那边…, 华为的张总…, 华为说… */
const SUBJECT = /^\s*(那边|那里|那儿|这边|方面|那单|这单|那个|这个|这家|那家|这位|那位|的|说|表示|反馈|回复|答复|回消息|觉得|认为|同意|答应|希望|要求|打算|准备|决定|预算|预计|决策|需求|金额|合同|报价|项目|签|已经|终于|确认|拍板|进入|推进|推到|赢|输|丢|黄|凉|成交|中标|拿下|搞定|还|也|都|想|要|对|这周|最近|今天|技术|采购|负责人|和|、|现在|[聊谈](了|得|过|到|完)|沟通|电话|微信|没接|没人接|没回|拒接|关机|占线|打不通|最后|最终)/;

const overlapsTime = (index: number, length: number, times: readonly TimeSpan[]) =>
  times.some((t) => index < t.index + t.text.length && t.index < index + length);

/** 华为张总, 伊利冯姐, 华润小周: a company, then a person. */
const GLUED_PERSON = new RegExp(`^(.{2,}?)([\\u4e00-\\u9fa5](总|总监|经理|主任|老板|工)|[${SURNAMES}](姐|哥|老师)|[老小][${SURNAMES}])$`);

/** 华为张总, 星河科技刘洋, 网易李雷: a company glued to a person, as [company, person], or null.
 * A full name counts after a company word (科技, 食品…), or when it ends like a given name. */
export function splitGlued(name: string): [string, string] | null {
  if (COMPANY_SUFFIX.test(name) || !/[\u4e00-\u9fa5]$/.test(name)) return null;
  const m = GLUED_PERSON.exec(name);
  // 颖川食品采购曹总: the company, without what the person does there.
  const company = m ? (ROLE_AFTER.exec(m[1]!)?.[1] ?? m[1]!) : "";
  if (m && !TITLE_PERSON.test(name)) return cleanName(company, 12) ? [company, m[2]!] : null;
  for (const n of [3, 2]) {
    const [company, person] = [name.slice(0, -n), name.slice(-n)];
    if (company.length < 2 || !cleanName(company, 12)) continue;
    if (COMPANY_SUFFIX.test(company) || /[A-Za-z]$/.test(company) ? FULL_NAME.test(person) : PERSON_NAME.test(person)) return [company, person];
  }
  return null;
}

/** Who someone is at a company, not a name: 宏图软件法务, 瑞丰药业的人. */
const ROLE_AFTER = /^(.{2,}?)(的人|法务|采购|财务|技术|老板|负责人|领导|前台|人事|行政|IT|总部)$/;

/** Splits 华为张总 into the company and the person; 宏图软件法务 is the company. */
function split(name: string, index: number, tier: NameHit["tier"]): NameHit[] {
  const role = ROLE_AFTER.exec(name);
  if (role && cleanName(role[1]!, 12)) return [{ name: role[1]!, kind: "company", index, tier }];
  const glued = splitGlued(name);
  if (glued) {
    return [
      { name: glued[0], kind: "company", index, tier },
      { name: glued[1], kind: "person", index: index + glued[0].length, tier },
    ];
  }
  return [{ name, kind: kindOf(name), index, tier }];
}

function hitAt(text: string, start: number, after: RegExp | null, tier: NameHit["tier"], times: readonly TimeSpan[]): NameHit[] {
  let raw = takeName(text, start);
  const at = text.indexOf(raw, start);
  // 约了阿里周四上午10点: the name ends where a time begins.
  const time = times.find((t) => t.index > at && t.index < at + raw.length);
  if (time) raw = raw.slice(0, time.index - at);
  if (!raw || overlapsTime(at, raw.length, times)) return [];
  const rest = text.slice(at + raw.length);
  if (after && !after.test(rest)) return [];
  // 华东医药李经理: too long for a plain name, but a company and a person.
  const name = cleanName(raw) ?? (splitGlued(raw) ? raw : null);
  if (!name) return [];
  const hits = split(name, at, tier);
  // 华为的张总: the person after 的 is named too; 小米和京东: both.
  const person = /^的([\u4e00-\u9fa5]{1,2}(总|经理|总监|主任|老板|工))/.exec(rest);
  if (person && TITLE_PERSON.test(person[1]!)) hits.push({ name: person[1]!, kind: "person", index: at + raw.length + 1, tier });
  const and = /^(和|、|与)/.exec(rest);
  if (and) hits.push(...hitAt(text, at + raw.length + 1, null, tier, times));
  return hits;
}

/** Starts of clauses, past a leading time, 我/我们 and adverbs: where a subject name may stand. */
function clauseStarts(text: string, times: readonly TimeSpan[]): number[] {
  const starts: number[] = [];
  // 小周跟我说华为那边…: what is reported after 说 opens a clause too.
  for (const m of text.matchAll(/(^|[,，。;；!！?？\s、:：]|(?<=[\u4e00-\u9fa5])说(?!了)(?=[\u4e00-\u9fa5]))/g)) {
    let i = m.index + m[0].length;
    for (let moved = true; moved; ) {
      moved = false;
      const t = times.find((s) => s.index === i);
      if (t) (i += t.text.length), (moved = true);
      const lead = /^(\s+|我们|我|刚刚|刚才|刚|已经|另外|还有|然后|而且|对了|客户|把|将|关于|帮我|麻烦|记录一下|记一下|帮我记一下|都|也)/.exec(text.slice(i));
      if (lead) (i += lead[0].length), (moved = true);
    }
    if (i < text.length) starts.push(i);
  }
  return [...new Set(starts)];
}

/** Every name the text gives, in order of appearance, each with how sure it is. */
export function findNames(text: string, times: readonly TimeSpan[], recent: readonly string[] = []): NameHit[] {
  const hits: NameHit[] = [];
  for (const r of recent) {
    const i = r.length >= 2 ? text.indexOf(r) : -1;
    if (i >= 0) hits.push({ name: r, kind: kindOf(r), index: i, tier: 1 });
  }
  for (const m of text.matchAll(/(?:客户|线索|商机)?\s*#(\d{1,9})/g)) hits.push({ name: `#${m[1]}`, kind: "company", index: m.index, tier: 1 });
  for (const m of text.matchAll(DIRECT)) {
    const found = hitAt(text, m.index + m[0].length, null, 2, times);
    // 在星巴克见了刘洋: where they met is not whom.
    hits.push(...(m[0] === "在" ? found.filter((h) => !VENUE.test(h.name)) : found));
  }
  for (const m of text.matchAll(WITH)) hits.push(...hitAt(text, m.index + m[0].length, AFTER_WITH, 2, times));
  for (const m of text.matchAll(FOR)) hits.push(...hitAt(text, m.index + m[0].length, AFTER_FOR, 2, times));
  clauseStarts(text, times).forEach((start, i) => {
    if (/^(跟|和|与|同|给|帮|从|向|往|陪|去|拜访|走访|回访|约|联系|打|发|查|找|看|搜|提醒|记得|别|新建|加|录|导出|申请|推进|进入|领取|释放)/.test(text.slice(start))) return;
    const sure = hitAt(text, start, SUBJECT, 2, times);
    // Only the message's opening words may be a subject without a marker after them.
    hits.push(...(sure.length || i > 0 ? sure : hitAt(text, start, null, 3, times)));
  });
  const best = new Map<string, NameHit>();
  for (const h of hits.sort((a, b) => a.index - b.index || a.tier - b.tier)) {
    const seen = best.get(h.name);
    if (!seen || h.tier < seen.tier) best.set(h.name, h);
  }
  // A name inside a recent one (美的 in 美的集团) is that recent name.
  const names = [...best.values()];
  return names.filter((h) => !names.some((o) => o.tier === 1 && o.name !== h.name && o.name.includes(h.name))).sort((a, b) => a.index - b.index);
}

const THEY = /((?:^|[,，。;；])(?:那边|这边)|他们|他家|她们|对方|这家|那家|这个客户|那个客户|该客户|这客户|人家|这单|那单)/;
const HE = /(?<!其)[他她](?!们)/;
/** A recent name that reads like a person's, for 他 / 她. */
export const personLike = (name: string): boolean => kindOf(name) === "person" || (PERSON_NAME.test(name) && !COMPANY_SUFFIX.test(name));

/** The record a message is about: of the surest names, the first company, else the first
 * person; a pronoun (他们, 那家公司 / 他) means the most recent company / person. */
export function primaryRef(hits: readonly NameHit[], text: string, recent: readonly string[] = [], carried: string | null = null): string | null {
  for (const tier of [1, 2, 3] as const) {
    const sure = hits.filter((h) => h.tier === tier);
    const pick = sure.find((h) => h.kind === "company") ?? sure[0];
    // A merely clause-opening word gives way to the record the message already named, or to a pronoun's.
    if (tier === 3 && carried) return carried;
    if (pick && (tier < 3 || !recent.length || !(THEY.test(text) || HE.test(text)))) return pick.name;
  }
  if (carried) return carried;
  if (HE.test(text) && !THEY.test(text)) return recent.find((r) => kindOf(r) === "person") ?? recent.find(personLike) ?? recent[0] ?? null;
  if (THEY.test(text) || HE.test(text)) return recent.find((r) => kindOf(r) === "company") ?? recent[0] ?? null;
  return null;
}

/** A name that is surely a customer or contact: 华为技术公司, IBM, 张总, a recent name, #12. */
export const isStrong = (h: NameHit): boolean =>
  h.tier === 1 || TITLE_PERSON.test(h.name) || COMPANY_SUFFIX.test(h.name) || /^[A-Za-z]{2,}/.test(h.name);

/** A proposal's record name, looked at once more before it is proposed: a company glued to a
 * person (网易李雷) gives the company; a fragment (拜访, 前给, 说价格, a time) gives null — no
 * proposal is better than a record invented from a fragment. */
export function saneRef(ref: string, recent: readonly string[] = []): string | null {
  if (/^#\d{1,9}$/.test(ref) || /^[A-Za-z0-9]/.test(ref) || recent.includes(ref)) return ref;
  const glued = splitGlued(ref);
  if (glued) return glued[0];
  return cleanName(ref, 12) === null ? null : ref;
}
