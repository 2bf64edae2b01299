// User-facing text of this domain (zh-CN).
export const zhLeads = {
  nameInvalid: "姓名应为 1–32 个字",
  companyInvalid: "公司名称最多 64 个字",
  sourceInvalid: (sources: string[]) => `来源只能是：${sources.join("、")}`,

  leadCreatedTitle: (code: number) => `已创建线索 #${code}`,
  leadCreatedDesc: "负责人是你，记得 24 小时内首次跟进",
  leadFieldName: "姓名",
  leadFieldPhone: "手机",
  leadFieldWechat: "微信",
  leadNeedContactWay: "手机号和微信至少写一个（微信写作 微信:账号）",
  leadFieldCompany: "公司",
  leadFieldSource: "来源",
  myLeadsButton: "我的线索",
  myLeadsEmpty: "你名下还没有线索。试试：新建线索 张三 13800138000 华为 展会",
  myLeadsTitle: (shown: number, total: number) =>
    shown === total ? `你的线索（共 ${total} 条）：` : `你的线索（最近 ${shown} 条，共 ${total} 条）：`,
  leadLine: (code: number, name: string, phone: string, company: string, source: string, status: string) =>
    `#${code} ${name}${phone ? ` ${phone}` : ""}${company ? " · " + company : ""} · ${source} · ${status}`,
  wechatShown: (id: string) => `微信 ${id}`,
  productLineInvalid: "产品线最多 32 个字",
  leadFieldScore: "评分",
  leadDuplicateOwn: (code: number, name: string) => `这条线索已存在：#${code} ${name}（你负责）。发送「评分 #${code}」查看评分。`,
  leadDuplicateVisible: (code: number, name: string, owner: string) => `这条线索已存在：#${code} ${name}，负责人 ${owner}。`,
  leadDuplicateHidden: (owner: string) => `这条线索已存在，负责人是 ${owner}。如需跟进，请联系 ${owner} 或你的主管。`,
  leadDuplicateUnowned: "这条线索已存在，尚未分配负责人。请联系主管分配。",
  leadNotFound: (ref: string) => `找不到线索「${ref}」。发送「我的线索」查看你的线索。`,
  scoreLedgerTitle: (code: number, name: string, score: number, grade: string) => `线索 #${code} ${name}：${score} 分 · ${grade} 级`,
  scoreCapped: (reason: string, delta: number, score: number) => `${reason}（本应 ${delta >= 0 ? "+" : ""}${delta}，评分在 0–100 之间，现为 ${score} 分）`,
  scoreLedgerLine: (date: string, delta: number, reason: string) => `${date}　${delta >= 0 ? "+" : ""}${delta}　${reason}`,
  leadAssigned: (code: number, name: string, to: string) => `已把线索 #${code} ${name} 分配给 ${to}。`,
  leadAssignedAlready: (code: number, to: string) => `线索 #${code} 的负责人已经是 ${to}。`,
  leadAssignedToYou: (by: string, code: number, name: string, company: string | null, phone: string | null) =>
    `${by} 把线索 #${code} ${name}${company ? `（${company}）` : " "}分配给你${phone ? `，电话 ${phone}` : ""}。请在 24 小时内首次跟进。`,
  leadTakenFromYou: (by: string, code: number, name: string, to: string) => `${by} 把你的线索 #${code} ${name} 转给了 ${to}。`,
  leadUnassignable: (code: number, name: string) => `新线索 #${code} ${name} 没有可分配的销售（团队已满或没有匹配的团队），请用「分配」处理。`,
  systemActor: (integration: string) => `系统（${integration}）`,
  leadConverted: (leadCode: number, leadName: string, customerCode: number, customer: string, contact: string, oppCode: number, stage: string, joined: boolean) =>
    `已转化线索 #${leadCode} ${leadName}：${joined ? "并入已有" : ""}客户 #${customerCode} ${customer}，联系人 ${contact}，商机 #${oppCode}（${stage}）。`,
  leadAlreadyConverted: (code: number, customer: string | null) => `线索 #${code} 已经转化过了${customer ? `，客户是 ${customer}` : ""}。`,
};
