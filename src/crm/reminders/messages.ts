// User-facing text for reminders, digests, the daily agenda and the weekly report (zh-CN).
export const zhReminders = {
  lateNote: (late: string) => `（迟到 ${late}：系统曾暂停）`,
  lateMinutes: (m: number) => (m < 60 ? `${m} 分钟` : m < 24 * 60 ? `${Math.round(m / 60)} 小时` : `${Math.round(m / 1440)} 天`),
  reminderTitle: (kind: string) => (kind === "follow_up" ? "跟进提醒" : "提醒"),
  /** A reminder held by quiet hours says so (not "late"). */
  quietHeldNote: (released: string) => `（免打扰时段，顺延到 ${released}）`,
  reminderLine: (code: number, when: string, content: string, late: string) => `[${code}] ${when}${late} ${content}`,
  reminderDoneButton: "完成",
  reminderHourButton: "1小时后",
  reminderTomorrowButton: "明天再提醒",
  reminderCreated: (code: number, when: string, content: string, held: string | null) =>
    `好的，${held ? `${when} 在免打扰时段，将于 ${held} 提醒你` : `${when} 提醒你`}：${content}（编号 ${code}，「取消提醒 ${code}」可取消）`,
  reminderNotFound: (code: string) => `找不到你的提醒「${code}」。发送「我的提醒」查看编号。`,
  reminderCancelled: (code: number) => `已取消提醒 ${code}。`,
  reminderCompleted: (code: number) => `提醒 ${code} 已完成。`,
  /** The grey label a reminder card shows once its button was pressed. */
  reminderDoneLabel: "已完成",
  reminderSnoozedLabel: "已推迟",
  reminderSnoozed: (code: number, when: string, held: string | null) =>
    `好的，提醒 ${code} 改到 ${when}${held ? `（在免打扰时段，将于 ${held} 提醒你）` : ""}。`,
  reminderEnded: (code: number, status: string) => `提醒 ${code} 已经${status}了。`,
  reminderStatus: { done: "完成", cancelled: "取消" } as Record<string, string>,
  remindersEmpty: "你没有待办提醒。试试：提醒 明天下午3点 给张总打电话",
  remindersTitle: (n: number, total: number) => (n === total ? `你的提醒（${total} 条）：` : `你的提醒（最近 ${n} 条，共 ${total} 条）：`),
  remindersLine: (code: number, when: string, content: string, fired: boolean) => `[${code}] ${when} ${content}${fired ? "（已提醒，未完成）" : ""}`,
  leadSlaTitle: "线索待首次跟进",
  leadSlaDesc: (hours: number) => `已超过 ${hours} 小时未跟进，请尽快联系`,
  leadSlaLine: (code: number, name: string, hours: number) => `线索 #${code} ${name} 已超过 ${hours} 小时未跟进`,
  leadSlaButton: "查看评分",
  leadSlaEscalation: (owner: string, code: number, name: string, company: string | null, hours: number) =>
    `【升级】${owner} 的线索 #${code} ${name}${company ? `（${company}）` : ""} 已超过 ${hours} 小时未跟进。可用「分配 #${code} <销售>」转给他人。`,
  stallTitle: "商机停滞",
  stallDesc: (stage: string, days: number) => `在「${stage}」已 ${days} 天未推进`,
  stallLine: (code: number, customer: string, stage: string, days: number) => `商机 #${code} ${customer} 在「${stage}」已 ${days} 天未推进`,
  stallSupportButton: "需要支持",
  stallAdvanceButton: "查看商机",
  supportAsked: (manager: string) => `已通知 ${manager}，请等待支持。`,
  supportNoManager: "你还没有主管，无法求助。请联系管理员设置主管。",
  supportToManager: (who: string, code: number, customer: string, stage: string, days: number) =>
    `${who} 的商机 #${code}（${customer}）在「${stage}」已 ${days} 天未推进，需要你的支持。`,
  birthdayLine: (contact: string, customer: string, date: string) => `${date} 是 ${customer} ${contact} 的生日，记得送上祝福`,
  dateFieldLine: (label: string, title: string, date: string, daysLeft: number) =>
    daysLeft >= 0 ? `${title} 的${label}是 ${date}（还有 ${daysLeft} 天）` : `${title} 的${label}已过 ${-daysLeft} 天（${date}）`,
  agendaTitle: (date: string) => `今日待办（${date}）`,
  agendaEmpty: "今天没有待办：没有提醒、待联系的新线索，也没有停滞的商机。",
  agendaToday: "今天的提醒：",
  agendaOverdue: "逾期未完成：",
  agendaStalled: "停滞的商机：",
  agendaNewLeads: "待首次联系的新线索：",
  agendaNewLead: (code: number, name: string, company: string | null, waited: string) => `#${code} ${name}${company ? `（${company}）` : ""} · ${waited}`,
  agendaWaitedHours: (h: number) => (h < 1 ? "不到 1 小时" : `已等 ${h} 小时`),
  agendaWaitedDays: (d: number) => `已等 ${d} 天`,
  agendaItem: (s: string) => `• ${s}`,
  agendaReminder: (code: number, time: string, content: string) => `[${code}] ${time} ${content}`,
  agendaStalledItem: (code: number, customer: string, stage: string, days: number) => `#${code} ${customer} · ${stage} · ${days} 天`,
  weeklyTitle: (from: string, to: string) => `**团队周报（${from}–${to}）**`,
  weeklyRep: (who: string, leads: number, followUps: number, moves: number, won: number, wonAmount: string, lost: number, receipts: string | null) =>
    `> ${who}：新线索 ${leads} · 跟进 ${followUps} · 推进 ${moves} · 赢单 ${won}${won ? `（${wonAmount}）` : ""} · 输单 ${lost}${receipts ? ` · 回款 ${receipts}` : ""}`,
  weeklyTotal: (leads: number, followUps: number, moves: number, won: number, wonAmount: string, lost: number, receipts: string) =>
    `合计：新线索 ${leads} · 跟进 ${followUps} · 推进 ${moves} · 赢单 ${won}（${wonAmount}）· 输单 ${lost} · 回款 ${receipts}`,
  weeklyLine: (from: string, to: string) => `团队周报（${from}–${to}）已生成`,
};
