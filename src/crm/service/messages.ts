// User-facing text for service tickets (zh-CN). What customers read is in the CRM config
// (service.ackText, resolvedText, surveyText, thanksText).
import { clipText } from "../../util/clip-text.ts";

/** The first n characters, then "…". */
const clip = (s: string, n: number) => clipText(s, n + 1);

export const zhTickets = {
  ticketStatus: { new: "新建", in_progress: "处理中", waiting_customer: "待客户确认", resolved: "已解决", closed: "已关闭" } as Record<string, string>,
  ticketSources: { customer: "客户来信", rep: "销售创建", api: "接口" } as Record<string, string>,
  ticketFieldCustomer: "客户",
  ticketFieldDue: "时限",
  ticketFieldSource: "来源",
  ticketFieldGroup: "服务组",
  ticketNoCustomer: "（未关联客户）",
  ticketCardTitle: (code: number, priority: string, type: string) => `工单 #${code} · ${priority} ${type}`,
  ticketStartButton: "处理中",
  ticketResolveButton: "已解决",
  ticketNewCardDesc: "新工单分配给你，请及时处理",
  ticketOpenedNote: (source: string) => `创建（${source}）`,
  ticketUnassignable: (code: number, type: string, customer: string | null, title: string) =>
    `工单 #${code}（${type}）${customer ? `「${customer}」` : ""}没有可分配的处理人（没有对应的服务组，客户也没有负责人）：${clip(title, 60)}。请用「处理 #${code}」接手，或在 CRM 配置 service.groups 中设置服务组。`,
  ticketMoveRefused: (code: number, from: string, to: string, allowed: string[]) =>
    `工单 #${code} 现在是「${from}」，不能改为「${to}」。${allowed.length ? `可以改为：${allowed.join("、")}。` : "工单已结束。"}`,
  ticketChangedMeanwhile: (code: number) => `工单 #${code} 刚被别人改动过，请发送「工单 #${code}」查看后再操作。`,
  ticketResolvedNotice: (code: number, customer: string | null, title: string, who: string) => `工单 #${code}${customer ? `（${customer}）` : ""}已由 ${who} 解决：${clip(title, 60)}`,
  ticketNoteNotice: (code: number, who: string, content: string) => `${who} 在工单 #${code} 上备注：${clip(content, 200)}`,
  ticketSurveyNote: (score: number, comment: string | null) => `客户评价 ${score} 分${comment ? `：${comment}` : ""}`,
  ticketSurveyNotice: (code: number, score: number, comment: string | null) => `工单 #${code} 客户评价 ${score} 分${comment ? `：${comment}` : ""}，工单已关闭。`,
  ticketPassOn: (customer: string, message: string) => `请转告客户「${customer}」（对方不在公众号上）：${message}`,

  ticketRemindDesc: (due: string) => `快到时限了，请在 ${due} 前解决`,
  ticketRemindLine: (code: number, title: string, due: string) => `工单 #${code} ${clip(title, 30)} 请在 ${due} 前解决`,
  ticketBreachEscalation: (code: number, priority: string, type: string, customer: string | null, title: string, assignee: string, hours: number, status: string) =>
    `【工单超时】工单 #${code}（${priority} ${type}）${customer ? `${customer}：` : ""}${clip(title, 60)}，处理人 ${assignee}，已超过 ${hours} 小时时限，目前「${status}」。请督促或协调。`,
  ticketBreachAssignee: (code: number, hours: number) => `工单 #${code} 已超过 ${hours} 小时时限，你的主管已收到通知。请尽快处理，解决后发送「解决 #${code} 说明」。`,

  ticketCreated: (code: number, priority: string, type: string, due: string, assignee: string | null, group: string | null) =>
    `已创建工单 #${code}（${priority} ${type}），${assignee ? `处理人 ${assignee}${group ? `（${group}）` : ""}` : "暂无处理人，已通知管理员"}，${due} 前解决。发送「工单 #${code}」看进度。`,
  ticketNotFound: (ref: string) => `找不到工单 #${ref}。发送「我的工单」看分配给你的工单。`,
  ticketRefNotCustomer: (ref: string) => `「工单 ${ref}」用来查看工单。给客户开工单请写客户名称，或 客户${ref}。`,
  ticketBadType: (type: string, types: string[]) => `工单类型只能是：${types.join("、")}（「${type}」不是）`,
  ticketShowTitle: (code: number, status: string, priority: string, type: string) => `工单 #${code}（${status}）${priority} ${type}`,
  ticketShowCustomer: (customer: string) => `客户：${customer}`,
  ticketShowAssignee: (who: string | null, group: string | null) => `处理人：${who ?? "暂无"}${group ? `（${group}）` : ""}`,
  ticketShowDue: (due: string, overdue: boolean) => `时限：${due}${overdue ? "（已超时）" : ""}`,
  ticketShowSource: (source: string, who: string | null, at: string) => `来源：${source}${who ? ` · ${who}` : ""} · ${at}`,
  ticketShowProblem: (title: string) => `问题：${title}`,
  ticketShowSurvey: (score: number, comment: string | null) => `评价：${score} 分${comment ? `，${comment}` : ""}`,
  ticketHistoryTitle: "记录：",
  ticketHistoryLine: (at: string, who: string, move: string | null, content: string | null) => `  • ${at} ${who}：${[move, content].filter(Boolean).join("，")}`,
  ticketHistoryMove: (from: string | null, to: string) => (from ? `${from} → ${to}` : to),
  ticketSystem: "系统",
  ticketsMineEmpty: "没有分配给你的工单。",
  ticketsMineTitle: (open: number) => `你的工单（未完成 ${open} 个）：`,
  ticketsMineLine: (code: number, status: string, priority: string, type: string, customer: string | null, title: string, due: string, overdue: boolean) =>
    `#${code} [${status}] ${priority} ${type}${customer ? ` · ${customer}` : ""} · ${clip(title, 24)} · ${due} 前${overdue ? "（已超时）" : ""}`,
  ticketMoved: (code: number, status: string) => `工单 #${code} 已改为「${status}」。`,
  ticketTaken: (code: number) => `工单 #${code} 已改为「处理中」，处理人是你。`,
  ticketResolvedReply: (code: number, toldCustomer: boolean) => `工单 #${code} 已解决。${toldCustomer ? "已通知客户并发送满意度评价。" : ""}`,
  ticketClosedReply: (code: number) => `工单 #${code} 已关闭。`,
  ticketNoted: (code: number) => `已在工单 #${code} 上备注。`,
};
