// Shared user-facing text (zh-CN): the bot's own sentences and those several domains use. Each
// domain keeps its own in src/crm/<domain>/messages.ts; free-text cards are in zh-free-text.ts.
import { zhFreeText } from "./zh-free-text.ts";

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
  /** To the sender of free text the model is still reading after a few seconds (once, before the answer). */
  understanding: "正在理解…",
  /** To the sender of a message that failed on every attempt and was set aside. */
  messageDead: "这条消息处理失败，已通知管理员。",
  /** To the admins, once per message set aside. */
  messageDeadAdmin: (who: string, what: string, why: string, ref: string) =>
    `一条消息多次处理失败，已搁置（${why}），其他消息照常处理。\n发送人：${who}\n内容：${what}\n记录：${ref}（详见日志）`,
  /** To the admins, once when the inbox is backlogged and once when it has caught up. */
  backlogStarted: (waiting: number, oldestSeconds: number) =>
    `消息处理积压：${waiting} 条待处理，最早一条已等 ${oldestSeconds} 秒。消息都已保存，不会丢失，回复会延迟。可增加实例（见 docs/scale-out.md）或检查数据库负载。`,
  backlogEnded: (waiting: number) => `消息积压已消化，当前待处理 ${waiting} 条，回复恢复正常。`,
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
    quote: "报价",
    product: "报价",
    invoice: "合同",
    contract: "合同",
    receivable: "回款",
    reminder: "提醒",
    agenda: "提醒",
    pool: "公海",
    approval: "审批",
    ticket: "工单",
    data: "数据",
    audit: "管理",
    admin: "管理",
    report: "报表",
    help: "帮助",
  } as Record<string, string>,
  helpOtherGroup: "其他",
  helpExamplesTitle: "例如：",
  helpExample: (example: string) => `• ${example}`,
  helpOne: (command: string, summary: string, usage: string, example: string) => `${command}：${summary}\n用法：${usage}\n例如：${example}`,
  helpFooter: "也可以直接说中文，如「今天去了华为，聊了报价，下周三再约」，改动前会先请你确认。指令也接受英文别名，如 help、newlead、myleads。",

  phoneInvalid: (v: string) => `手机号「${v}」格式不对，应为 11 位中国大陆手机号`,
  wechatInvalid: "微信号最多 64 个字符",
  regionInvalid: "地区最多 32 个字",
  noteInvalid: "备注最多 500 个字",
  scoreValue: (score: number, grade: string) => `${score} 分 · ${grade} 级`,
  whoName: (name: string | null, id: string) => name ?? id,
  userNotFound: (ref: string) => `找不到同事「${ref}」（或不在你的团队里）。请用企业微信账号或姓名。`,
  customerTaken: (owner: string | null) =>
    owner ? `这家客户已存在，负责人是 ${owner}。请联系 ${owner} 或你的主管。` : "这家客户已在公海里，请先「领取」。",
  followUpContentMissing: "缺少跟进内容",
  followUpBadTime: (t: string) => `看不懂「${t}」这个时间，或它已经过去。可以写：明天下午3点、下周三、3天后、月底、2026-12-01 09:00`,
  followUpLine: (at: string, who: string, channel: string, content: string, next: string | null) =>
    `${at} ${who}（${channel}）：${content}${next ? `　→ 下次 ${next}` : ""}`,
  roleNames: { rep: "销售", manager: "主管", admin: "管理员" } as Record<string, string>,
  leadStatus: { new: "新线索", contacted: "已联系", qualified: "已确认", converted: "已转化", invalid: "无效", archived: "已归档" } as Record<
    string,
    string
  >,
  exportSavedTo: (path: string) => `文件已保存：${path}`,
  fileSent: (name: string) => `[文件] ${name}`,
  digestTitle: (n: number) => `你有 ${n} 条提醒：`,
  digestLine: (line: string) => `• ${line}`,
  /** A card's buttons as commands to type, under its digest line. */
  digestActions: (actions: Array<{ text: string; command: string }>) => `　${actions.map((a) => `${a.text}：${a.command}`).join("｜")}`,
  jobDead: (kind: string, id: string, error: string) => `后台任务失败已放弃：${kind} #${id}\n最后的错误：${error}\n请检查日志；修复后可在数据库中把该任务重新置为 pending。`,
  confirmFirstHint: (button: string) => `点「${button}」或回复「确认」继续，回复「取消」作罢（30 分钟内有效）。`,
};

export const zh = { ...core, ...zhFreeText };
