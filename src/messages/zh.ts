// Every user-facing sentence, in one place (zh-CN): this file and its zh-*.ts parts.
import { zhApprovals } from "./zh-approvals.ts";
import { zhCustomers } from "./zh-customers.ts";
import { zhData } from "./zh-data.ts";
import { zhFollowers } from "./zh-followers.ts";
import { zhFreeText } from "./zh-free-text.ts";
import { zhPool } from "./zh-pool.ts";
import { zhReminders } from "./zh-reminders.ts";
import { zhRules } from "./zh-rules.ts";
import { zhTickets } from "./zh-tickets.ts";

const core = {
  unknownCommand: (word: string) => `没有「${word}」这个指令。发送「帮助」查看可用指令。`,
  emptyMessage: "请发送文字指令，发送「帮助」查看可用指令。",
  unsupportedMessage: "暂时只能读懂文字消息，请用文字告诉我。发送「帮助」查看可用指令。",
  usage: (usage: string, example: string) => `用法：${usage}\n例如：${example}`,
  badParams: (problems: string[], usage: string, example: string) =>
    `${problems.join("\n")}\n用法：${usage}\n例如：${example}`,
  tooManyParams: (extra: string) => `多余的内容：「${extra}」`,
  missingParam: (label: string) => `缺少${label}`,
  notAllowed: (command: string) => `你没有权限使用「${command}」。如需开通请联系管理员。`,
  userInactive: "你的账号已停用（已办理离职），不能再使用 CRM。如有疑问请联系管理员。",
  /** To the sender of a message that failed on every attempt and was set aside. */
  messageDead: "这条消息处理失败，已通知管理员。",
  /** To the admins, once per message set aside. */
  messageDeadAdmin: (who: string, what: string, why: string, ref: string) =>
    `一条消息多次处理失败，已搁置（${why}），其他消息照常处理。\n发送人：${who}\n内容：${what}\n记录：${ref}（详见日志）`,
  deadReasons: { error: "出错", hung: "处理超时", crashed: "处理进程崩溃", invalid: "无法解析" } as Record<string, string>,
  /** The console's picture of a card whose buttons became one grey label. */
  cardUpdated: (label: string) => `[卡片已更新] ${label}`,
  cardExpired: "这张卡片的操作已失效，请重新发送指令。",
  helpTitle: "你可以用这些指令（「帮助 指令」看用法和例子）：",
  helpGroupLine: (group: string, commands: string[]) => `【${group}】${commands.join("、")}`,
  helpGroups: {
    lead: "线索",
    customer: "客户",
    contact: "客户",
    search: "客户",
    followup: "跟进",
    follower: "跟进",
    opportunity: "商机",
    reminder: "提醒",
    agenda: "提醒",
    pool: "公海",
    approval: "审批",
    ticket: "工单",
    data: "数据",
    audit: "管理",
    admin: "管理",
    help: "帮助",
  } as Record<string, string>,
  helpOtherGroup: "其他",
  helpExamplesTitle: "例如：",
  helpExample: (example: string) => `• ${example}`,
  helpOne: (command: string, summary: string, usage: string, example: string) => `${command}：${summary}\n用法：${usage}\n例如：${example}`,
  helpFooter: "也可以直接说中文，如「今天去了华为，聊了报价，下周三再约」，改动前会先请你确认。指令也接受英文别名，如 help、newlead、myleads。",

  phoneInvalid: (v: string) => `手机号「${v}」格式不对，应为 11 位中国大陆手机号`,
  nameInvalid: "姓名应为 1–32 个字",
  companyInvalid: "公司名称最多 64 个字",
  sourceInvalid: (sources: string[]) => `来源只能是：${sources.join("、")}`,

  leadCreatedTitle: (code: number) => `已创建线索 #${code}`,
  leadCreatedDesc: "负责人是你，记得 24 小时内首次跟进",
  leadFieldName: "姓名",
  leadFieldPhone: "手机",
  leadFieldCompany: "公司",
  leadFieldSource: "来源",
  myLeadsButton: "我的线索",
  myLeadsEmpty: "你名下还没有线索。试试：新建线索 张三 13800138000 华为 展会",
  myLeadsTitle: (shown: number, total: number) =>
    shown === total ? `你的线索（共 ${total} 条）：` : `你的线索（最近 ${shown} 条，共 ${total} 条）：`,
  leadLine: (code: number, name: string, phone: string, company: string, source: string, status: string) =>
    `#${code} ${name} ${phone}${company ? " · " + company : ""} · ${source} · ${status}`,
  wechatInvalid: "微信号最多 64 个字符",
  regionInvalid: "地区最多 32 个字",
  productLineInvalid: "产品线最多 32 个字",
  noteInvalid: "备注最多 500 个字",
  leadFieldScore: "评分",
  scoreValue: (score: number, grade: string) => `${score} 分 · ${grade} 级`,
  whoName: (name: string | null, id: string) => name ?? id,
  leadDuplicateOwn: (code: number, name: string) => `这条线索已存在：#${code} ${name}（你负责）。发送「评分 #${code}」查看评分。`,
  leadDuplicateVisible: (code: number, name: string, owner: string) => `这条线索已存在：#${code} ${name}，负责人 ${owner}。`,
  leadDuplicateHidden: (owner: string) => `这条线索已存在，负责人是 ${owner}。如需跟进，请联系 ${owner} 或你的主管。`,
  leadDuplicateUnowned: "这条线索已存在，尚未分配负责人。请联系主管分配。",
  leadNotFound: (ref: string) => `找不到线索「${ref}」。发送「我的线索」查看你的线索。`,
  scoreLedgerTitle: (code: number, name: string, score: number, grade: string) => `线索 #${code} ${name}：${score} 分 · ${grade} 级`,
  scoreLedgerLine: (date: string, delta: number, reason: string) => `${date}　${delta >= 0 ? "+" : ""}${delta}　${reason}`,
  userNotFound: (ref: string) => `找不到同事「${ref}」（或不在你的团队里）。请用企业微信账号或姓名。`,
  leadAssigned: (code: number, name: string, to: string) => `已把线索 #${code} ${name} 分配给 ${to}。`,
  leadAssignedAlready: (code: number, to: string) => `线索 #${code} 的负责人已经是 ${to}。`,
  leadAssignedToYou: (by: string, code: number, name: string, company: string | null, phone: string | null) =>
    `${by} 把线索 #${code} ${name}${company ? `（${company}）` : " "}分配给你${phone ? `，电话 ${phone}` : ""}。请在 24 小时内首次跟进。`,
  leadTakenFromYou: (by: string, code: number, name: string, to: string) => `${by} 把你的线索 #${code} ${name} 转给了 ${to}。`,
  tokenCreated: (name: string, token: string) =>
    `已创建接口令牌「${name}」：\n${token}\n只显示这一次，请立即保存到对接系统。调用时请求头写 Authorization: Bearer <令牌>。`,
  tokenExists: (name: string) => `已有名为「${name}」的令牌。换个名字，或先「令牌 吊销 ${name}」。`,
  tokenRevoked: (name: string) => `已吊销令牌「${name}」，使用它的对接将无法再调用接口。`,
  tokenNotFound: (name: string) => `没有有效的令牌「${name}」。`,
  tokenListEmpty: "还没有接口令牌。发送「令牌 新建 官网表单」创建一个。",
  tokenListLine: (name: string, by: string, state: string) => `• ${name}　创建人 ${by}　${state}`,
  tokenStateActive: (lastUsed: string | null) => (lastUsed ? `最近使用 ${lastUsed}` : "尚未使用"),
  tokenStateRevoked: "已吊销",
  leadUnassignable: (code: number, name: string) => `新线索 #${code} ${name} 没有可分配的销售（团队已满或没有匹配的团队），请用「分配」处理。`,
  systemActor: (integration: string) => `系统（${integration}）`,
  leadConverted: (leadCode: number, leadName: string, customerCode: number, customer: string, contact: string, oppCode: number, stage: string, joined: boolean) =>
    `已转化线索 #${leadCode} ${leadName}：${joined ? "并入已有" : ""}客户 #${customerCode} ${customer}，联系人 ${contact}，商机 #${oppCode}（${stage}）。`,
  leadAlreadyConverted: (code: number, customer: string | null) => `线索 #${code} 已经转化过了${customer ? `，客户是 ${customer}` : ""}。`,
  customerTaken: (owner: string | null) =>
    owner ? `这家客户已存在，负责人是 ${owner}。请联系 ${owner} 或你的主管。` : "这家客户已在公海里，请先「领取」。",
  targetNotFound: (ref: string) => `找不到客户或线索「${ref}」。可用客户名、联系人姓名、线索姓名或 #编号。`,
  followUpContentMissing: "缺少跟进内容",
  followUpBadTime: (t: string) => `看不懂「${t}」这个时间，或它已经过去。可以写：明天下午3点、下周三、3天后、月底、2026-12-01 09:00`,
  followUpRecorded: (target: string, next: string | null) =>
    `已记录对 ${target} 的跟进。${next ? `下次跟进：${next}，到时提醒你。` : ""}`,
  followUpHistoryTitle: (target: string, shown: number, total: number) =>
    shown === total ? `${target} 的跟进记录（共 ${total} 条）：` : `${target} 的跟进记录（最近 ${shown} 条，共 ${total} 条）：`,
  followUpHistoryEmpty: (target: string) => `${target} 还没有跟进记录。试试：跟进 ${target} 电话沟通了需求 下次 明天上午10点`,
  followUpLine: (at: string, who: string, channel: string, content: string, next: string | null) =>
    `${at} ${who}（${channel}）：${content}${next ? `　→ 下次 ${next}` : ""}`,
  teamOps: "操作只能是：新建、加入、角色、主管、列表",
  teamCreated: (name: string, regions: string[], products: string[]) =>
    `已创建团队「${name}」${regions.length ? `，负责地区 ${regions.join("、")}` : ""}${products.length ? `，产品线 ${products.join("、")}` : ""}。`,
  teamExists: (name: string) => `已有团队「${name}」。`,
  teamNotFound: (name: string) => `没有团队「${name}」。发送「团队 列表」查看。`,
  teamJoined: (who: string, team: string) => `${who} 已加入团队「${team}」。`,
  roleSet: (who: string, role: string) => `${who} 的角色已设为 ${role}。`,
  managerSet: (who: string, manager: string) => `${who} 的主管已设为 ${manager}。`,
  selfManager: "不能把一个人设为自己的主管。",
  teamListEmpty: "还没有团队。试试：团队 新建 华东一组 地区:上海,江苏",
  teamListLine: (name: string, scope: string, members: string) => `• ${name}${scope ? `（${scope}）` : ""}：${members || "暂无成员"}`,
  roleNames: { rep: "销售", manager: "主管", admin: "管理员" } as Record<string, string>,
  oppNotFound: (ref: string) => `找不到商机「${ref}」。发送「我的商机」查看你的商机。`,
  oppListEmpty: "你还没有进行中的商机。线索「转化」后会自动生成一个。",
  oppListTitle: (n: number) => `你的进行中商机（${n} 个）：`,
  oppLine: (code: number, name: string, stage: string, amount: string | null, close: string | null) =>
    `#${code} ${name}｜${stage}${amount ? `｜${amount}` : ""}${close ? `｜预计 ${close}` : ""}`,
  oppUpdated: (code: number, what: string[]) => `已更新商机 #${code}：${what.join("，")}。`,
  oppViewTitle: (code: number, name: string, customer: string) => `商机 #${code} ${name}（${customer}）`,
  oppViewLine: (label: string, value: string) => `${label}：${value}`,
  oppViewStage: (stage: string, days: number) => `${stage}（已 ${days} 天）`,
  oppViewLabels: { stage: "阶段", owner: "负责人", discount: "折扣", contract: "合同", closed: "结束于" } as Record<string, string>,
  oppViewContract: { pending: "审批中", approved: "已批准", rejected: "已驳回" } as Record<string, string>,
  oppViewHint: (code: number) => `更新：商机 #${code} 预算:… 需求:…；推进：推进 #${code} <阶段>`,
  oppBadAmount: (v: string) => `「${v}」不是金额，可以写 500000、50万、1.5万`,
  oppBadDate: (v: string) => `「${v}」不是将来的日期，可以写 2026-12-31、月底、下周五`,
  oppMoved: (code: number, from: string, to: string, probability: number) => `商机 #${code} 已从「${from}」推进到「${to}」（赢率 ${probability}%）。`,
  oppWon: (code: number, amount: string) => `恭喜！商机 #${code} 赢单，金额 ${amount}。`,
  oppLost: (code: number, reason: string) => `商机 #${code} 已记为输单，原因：${reason}。`,
  oppUnknownStage: (stage: string, stages: string[]) => `没有「${stage}」这个阶段。阶段有：${stages.join(" → ")}`,
  oppSameStage: (code: number, stage: string) => `商机 #${code} 已经在「${stage}」阶段。`,
  oppClosed: (code: number, stage: string) => `商机 #${code} 已经结束（${stage}），不能再推进。`,
  oppMissing: (stage: string, items: string[], example: string) => `进入「${stage}」前需要填写：${items.join("、")}。\n例如：${example}`,
  oppSkipNeedsReason: (code: number, skipped: string[], to: string) =>
    `商机 #${code} 要跳过「${skipped.join("、")}」需要主管审批。请写明理由，例如：推进 #${code} ${to} 理由:客户已确认需求，直接进入${to}`,
  oppSkipRequested: (code: number, approval: number, approver: string) => `已提交商机 #${code} 的跳阶段申请（审批 #${approval}），等待 ${approver} 审批，结果会通知你。`,
  oppSkipPending: (code: number, approval: number) => `商机 #${code} 已有待审批的跳阶段申请（审批 #${approval}），请等待结果。`,
  gateFields: {
    needsAnalysis: { label: "需求分析", example: "需求:需要私有化部署和单点登录" },
    budget: { label: "预算", example: "预算:50万" },
    amount: { label: "金额", example: "金额:48万" },
    expectedCloseDate: { label: "预计成交日期", example: "预计成交:2026-12-31" },
    lostReason: { label: "输单原因", example: "（用「输单 #编号 原因」）" },
    decisionMaker: { label: "决策人", example: "决策人:张总" },
  } as Record<string, { label: string; example: string }>,
  auditTitle: (what: string, shown: number) => `${what} 的操作记录（最近 ${shown} 条）：`,
  auditEmpty: (what: string) => `${what} 还没有操作记录。`,
  auditLine: (at: string, who: string, action: string, change: string) => `${at} ${who} ${action}${change ? `：${change}` : ""}`,
  auditActions: {
    create: "创建",
    update: "修改",
    assign: "分配",
    convert: "转化",
    move_stage: "推进阶段",
    request_approval: "申请审批",
    approve: "同意审批",
    reject: "驳回审批",
    withdraw: "撤回审批",
    approve_denied: "审批被拒（不是审批人）",
    read_denied: "查看被拒（无权限）",
    write_denied: "修改被拒（无权限）",
    archive: "归档",
    claim: "领取",
    released: "释放到公海",
    returned: "退回公海",
    move: "离职交接",
    pool_warn: "退回公海预警",
    merge: "合并",
    merge_into: "被合并",
  } as Record<string, string>,
  leadStatus: { new: "新线索", contacted: "已联系", qualified: "已确认", converted: "已转化", invalid: "无效", archived: "已归档" } as Record<
    string,
    string
  >,
};

export const zh = { ...core, ...zhCustomers, ...zhPool, ...zhData, ...zhReminders, ...zhApprovals, ...zhFreeText, ...zhFollowers, ...zhTickets, ...zhRules };
