// The demo data `npm run seed` creates: two regional teams, their managers and reps, and
// the leads, customers, contacts, opportunities and follow-ups of a few busy weeks. The
// companies and people are made up; phone numbers come from a seeded random generator, so
// every run produces the same records (and a second run finds them all present).

export interface SeedUser {
  id: string;
  name: string;
  role: "rep" | "manager" | "admin";
  team?: string;
  manager?: string;
}

export const TEAMS = [
  { name: "华东一组", regions: ["上海", "江苏", "浙江"], productLines: [] },
  { name: "华南一组", regions: ["广东", "福建"], productLines: [] },
];

export const USERS: SeedUser[] = [
  { id: "zhaolei", name: "赵磊", role: "admin" },
  // The sales director: both managers report to her, so an approval with no group configured
  // (the default) goes to the rep's manager, then to her (see README "Approvals").
  { id: "sunli", name: "孙丽", role: "manager" },
  { id: "zhoujing", name: "周静", role: "manager", team: "华东一组", manager: "sunli" },
  { id: "wangfang", name: "王芳", role: "rep", team: "华东一组", manager: "zhoujing" },
  { id: "liqiang", name: "李强", role: "rep", team: "华东一组", manager: "zhoujing" },
  { id: "zhangmin", name: "张敏", role: "rep", team: "华东一组", manager: "zhoujing" },
  { id: "huangwei", name: "黄伟", role: "manager", team: "华南一组", manager: "sunli" },
  { id: "chenjie", name: "陈杰", role: "rep", team: "华南一组", manager: "huangwei" },
  { id: "linxiao", name: "林晓", role: "rep", team: "华南一组", manager: "huangwei" },
];

export interface SeedFollowUp {
  daysAgo: number;
  channel: string;
  content: string;
  /** Days from now for the next step (becomes a reminder). */
  nextInDays?: number;
}

export interface SeedLead {
  name: string;
  company?: string;
  source: "官网表单" | "广告投放" | "展会" | "转介绍" | "公众号" | "电话咨询" | "其他";
  region: string;
  productLine?: string;
  owner: string;
  daysAgo: number;
  note?: string;
  wechatId?: string;
  /** Behaviour reported by marketing tools (POST /api/v1/events). */
  behaviour?: string[];
  followUps?: SeedFollowUp[];
  /** Converted to a customer, with these details and an opportunity at `stage`. */
  customer?: SeedCustomer;
}

export interface SeedContact {
  name: string;
  title: string;
  decisionRole: "决策者" | "影响者" | "使用者" | "守门人";
  birthday?: string;
  email?: string;
}

export interface SeedCustomer {
  level: string;
  industry: string;
  tags: string[];
  /** The converted lead's own title and role. */
  title: string;
  decisionRole: SeedContact["decisionRole"];
  contacts: SeedContact[];
  stage: string;
  needsAnalysis?: string;
  budget?: number;
  amount?: number;
  closeInDays?: number;
  decisionMaker?: string;
  lostReason?: string;
  followUps: SeedFollowUp[];
}

export const LEADS: SeedLead[] = [
  {
    name: "陈建国", company: "上海嘉禾信息科技有限公司", source: "展会", region: "上海", productLine: "CRM", owner: "wangfang", daysAgo: 40,
    note: "上海工博会交换名片，关注销售自动化",
    customer: {
      level: "重点", industry: "软件", tags: ["企业微信", "私有化"], title: "CTO", decisionRole: "决策者", stage: "报价谈判",
      needsAnalysis: "销售团队 80 人，需要线索自动分配、企业微信集成和私有化部署", budget: 600_000, amount: 560_000, closeInDays: 20, decisionMaker: "陈建国（CTO）",
      contacts: [
        { name: "王建华", title: "总经理", decisionRole: "决策者", birthday: "1975-03-12", email: "wang.jianhua@jiahe-tech.cn" },
        { name: "李娜", title: "采购经理", decisionRole: "守门人", birthday: "1988-11-30" },
      ],
      followUps: [
        { daysAgo: 36, channel: "拜访", content: "上门演示线索分配和公海规则，CTO 很认可" },
        { daysAgo: 21, channel: "电话", content: "确认预算 60 万，需要在年底前上线" },
        { daysAgo: 4, channel: "微信", content: "发了正式报价单 56 万，等采购走流程", nextInDays: 2 },
      ],
    },
  },
  {
    name: "刘思远", company: "苏州恒瑞精密制造有限公司", source: "转介绍", region: "江苏", productLine: "CRM", owner: "wangfang", daysAgo: 52,
    note: "老客户介绍，采购负责人",
    customer: {
      level: "重点", industry: "制造", tags: ["老客户转介绍"], title: "采购总监", decisionRole: "影响者", stage: "赢单", needsAnalysis: "经销商管理和报价审批",
      budget: 400_000, amount: 380_000, decisionMaker: "周总（总经理）",
      contacts: [{ name: "周永年", title: "总经理", decisionRole: "决策者", birthday: "1970-08-08" }],
      followUps: [
        { daysAgo: 48, channel: "电话", content: "了解经销商报价审批流程，约了下周演示" },
        { daysAgo: 30, channel: "拜访", content: "合同条款谈妥，周总签字" },
      ],
    },
  },
  {
    name: "杨晓燕", company: "杭州云帆电子商务有限公司", source: "官网表单", region: "浙江", owner: "liqiang", daysAgo: 30,
    note: "官网留言：想了解私有化部署报价", behaviour: ["download", "email_click"],
    customer: {
      level: "普通", industry: "电商", tags: ["中小企业"], title: "运营总监", decisionRole: "影响者", stage: "方案演示",
      needsAnalysis: "客服和销售共用客户池，需要公海自动回收", closeInDays: 45,
      contacts: [{ name: "蒋涛", title: "IT 经理", decisionRole: "使用者", birthday: "1990-06-18" }],
      followUps: [
        { daysAgo: 26, channel: "电话", content: "首次沟通，客户池混乱是主要痛点" },
        { daysAgo: 9, channel: "拜访", content: "做了方案演示，IT 经理关心数据导入", nextInDays: 5 },
      ],
    },
  },
  {
    name: "黄志强", company: "南京金陵医疗器械有限公司", source: "广告投放", region: "江苏", owner: "liqiang", daysAgo: 28, note: "百度推广落地页提交",
    customer: {
      level: "潜在", industry: "医疗", tags: [], title: "销售副总", decisionRole: "决策者", stage: "输单", lostReason: "预算冻结，明年再议",
      contacts: [],
      followUps: [{ daysAgo: 12, channel: "电话", content: "客户说今年预算冻结，明年一季度再联系" }],
    },
  },
  { name: "吴婷婷", company: "宁波海联国际物流有限公司", source: "公众号", region: "浙江", owner: "zhangmin", daysAgo: 25, note: "读了公众号《CRM 选型指南》后咨询",
    followUps: [{ daysAgo: 24, channel: "微信", content: "加了微信，发了产品介绍", nextInDays: 1 }] },
  { name: "周海涛", company: "上海申达教育咨询有限公司", source: "电话咨询", region: "上海", owner: "zhangmin", daysAgo: 20, note: "来电询问试用账号" },
  { name: "徐明", company: "无锡新纪元新能源科技有限公司", source: "展会", region: "江苏", productLine: "渠道管理", owner: "wangfang", daysAgo: 14, note: "新能源展会，对渠道管理模块感兴趣",
    followUps: [{ daysAgo: 13, channel: "电话", content: "约了下周三上午线上演示", nextInDays: 3 }] },
  { name: "孙丽华", company: "上海汇通融资租赁有限公司", source: "官网表单", region: "上海", owner: "liqiang", daysAgo: 10, note: "下载了白皮书", behaviour: ["email_open", "webinar"] },
  { name: "马骏", source: "其他", region: "上海", owner: "zhangmin", daysAgo: 3, wechatId: "majun_1990", note: "朋友圈看到，先加了微信" },
  {
    name: "郑伟", company: "深圳前海智联科技有限公司", source: "转介绍", region: "广东", productLine: "CRM", owner: "chenjie", daysAgo: 38,
    customer: {
      level: "重点", industry: "软件", tags: ["大客户", "多分支"], title: "副总裁", decisionRole: "决策者", stage: "合同签署",
      needsAnalysis: "全国 12 个分公司统一客户数据，按区域分配线索", budget: 1_300_000, amount: 1_200_000, closeInDays: 10, decisionMaker: "郑伟（副总裁）",
      contacts: [
        { name: "邓丽君", title: "法务", decisionRole: "守门人" },
        { name: "许家豪", title: "销售总监", decisionRole: "使用者", birthday: "1985-12-02", email: "xu.jiahao@qhzl.com.cn" },
      ],
      followUps: [
        { daysAgo: 30, channel: "拜访", content: "到深圳总部做需求调研，各分公司流程不一" },
        { daysAgo: 15, channel: "拜访", content: "报价 120 万获认可，进入合同审核" },
        { daysAgo: 2, channel: "电话", content: "法务对数据安全条款有修改意见", nextInDays: 1 },
      ],
    },
  },
  {
    name: "何静", company: "广州粤海食品有限公司", source: "展会", region: "广东", owner: "chenjie", daysAgo: 33,
    customer: {
      level: "普通", industry: "食品", tags: ["经销商"], title: "市场经理", decisionRole: "影响者", stage: "需求确认", contacts: [],
      followUps: [{ daysAgo: 20, channel: "电话", content: "梳理了经销商订货流程，下周给方案", nextInDays: 4 }],
    },
  },
  {
    name: "罗斌", company: "东莞华信电子有限公司", source: "广告投放", region: "广东", owner: "linxiao", daysAgo: 27,
    customer: { level: "潜在", industry: "制造", tags: [], title: "厂长", decisionRole: "决策者", stage: "初步沟通", contacts: [], followUps: [{ daysAgo: 6, channel: "微信", content: "发了案例，客户还在比较" }] },
  },
  { name: "林雅婷", company: "厦门鹭岛旅游文化有限公司", source: "公众号", region: "福建", owner: "linxiao", daysAgo: 22 },
  { name: "谢国栋", company: "福州闽江建设工程有限公司", source: "电话咨询", region: "福建", owner: "chenjie", daysAgo: 18, note: "项目制销售，想管投标进度",
    followUps: [{ daysAgo: 17, channel: "电话", content: "介绍了商机阶段和审批，客户要内部讨论" }] },
  { name: "梁慧敏", company: "佛山美居家具有限公司", source: "官网表单", region: "广东", owner: "linxiao", daysAgo: 12 },
  { name: "韩磊", company: "深圳小满科技有限公司", source: "其他", region: "广东", owner: "linxiao", daysAgo: 2, note: "初创公司，十人以内" },
];

/** Customers that nobody followed up: back in the public pool (公海). */
export const POOL = [
  { name: "南通宏达纺织有限公司", industry: "纺织", region: "江苏", from: "zhangmin", daysAgo: 5, contact: { name: "钱宏达", title: "老板" } },
  { name: "珠海横琴海洋科技有限公司", industry: "科技", region: "广东", from: "chenjie", daysAgo: 8, contact: { name: "冯海", title: "信息部经理" } },
  { name: "温州瓯江鞋业有限公司", industry: "制造", region: "浙江", from: "liqiang", daysAgo: 11, contact: { name: "叶晓东", title: "销售经理" } },
];

export function mobileFrom(random: () => number): string {
  const second = "356789"[Math.floor(random() * 6)]!;
  return `1${second}${String(Math.floor(random() * 1e9)).padStart(9, "0")}`;
}

/** The product catalogue (产品): 含税 list prices in fen, VAT rates in ppm (13 % = 130000). */
export interface SeedProduct {
  name: string;
  sku: string;
  unit: string;
  listPriceFen: number;
  taxRatePpm: number;
}

export const PRODUCTS: SeedProduct[] = [
  { name: "CRM标准版", sku: "CRM-STD", unit: "套", listPriceFen: 1_200_000, taxRatePpm: 130_000 },
  { name: "CRM专业版", sku: "CRM-PRO", unit: "套", listPriceFen: 3_600_000, taxRatePpm: 130_000 },
  { name: "实施服务", sku: "SVC-IMPL", unit: "人天", listPriceFen: 200_000, taxRatePpm: 60_000 },
  { name: "年度维保", sku: "SVC-CARE", unit: "年", listPriceFen: 1_800_000, taxRatePpm: 60_000 },
];
