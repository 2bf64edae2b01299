// User-facing text for the public pool (公海), releases, leaving reps, archiving, merges (zh-CN).
interface Handover {
  customers: number;
  leads: number;
  opportunities: number;
}
const book = (h: Handover) => `客户 ${h.customers} 个、线索 ${h.leads} 条、商机 ${h.opportunities} 个`;

export const zhPool = {
  poolBadPage: "页码应为正整数，例如：公海 2",
  poolEmpty: "公海里现在没有客户。",
  poolPageBeyond: (pages: number) => `公海只有 ${pages} 页。发送「公海」从第 1 页看起。`,
  poolTitle: (total: number, page: number, pages: number) => `公海客户（共 ${total} 个${pages > 1 ? `，第 ${page}/${pages} 页` : ""}）：`,
  poolLine: (code: number, name: string, facts: string[], days: number, why: string) =>
    `#${code} ${name}${facts.map((f) => ` · ${f}`).join("")} · ${days === 0 ? "今天进入公海" : `在公海 ${days} 天`}${why ? `（${why}）` : ""}`,
  poolWhy: (kind: string, reason: string | null): string => {
    const idle = /^idle:(\d+)$/.exec(reason ?? "")?.[1];
    if (kind === "returned") return idle ? `${idle} 天未跟进` : "超期未跟进";
    if (kind === "moved") return "原负责人离职";
    return reason ? `释放：${reason}` : "主动释放";
  },
  poolFooter: (code: number, nextPage: number | null) => `发送「领取 #${code}」领取${nextPage ? `；「公海 ${nextPage}」看下一页` : ""}。`,

  claimed: (code: number, name: string, n: number, limit: number, days: number, opps: number) =>
    `已领取客户 #${code} ${name}（本月第 ${n}/${limit} 个）${opps ? `，连同 ${opps} 个进行中的商机` : ""}。请在 ${days} 天内跟进，否则会退回公海。`,
  claimAlreadyYours: (code: number, name: string) => `客户 #${code} ${name} 已经是你的了。`,
  claimNotInPool: (ref: string) => `公海里没有客户「${ref}」。发送「公海」查看可领取的客户。`,
  claimTaken: (code: number, name: string) => `慢了一步：客户 #${code} ${name} 刚被同事领取了。发送「公海」看看其他客户。`,
  claimLimitReached: (limit: number, resetsAt: string) => `本月已领取 ${limit} 个客户，达到上限。${resetsAt} 起可以再领取。`,
  claimCooldown: (code: number, name: string, until: string) =>
    `客户 #${code} ${name} 刚从你名下回到公海，${until} 之后你才能再领取；在此之前先留给其他同事。`,

  releaseReasonTooLong: "原因最多 200 个字",
  released: (code: number, name: string, owner: string | null) =>
    `已把客户 #${code} ${name}${owner ? `（原负责人 ${owner}）` : " "}释放到公海，同事现在可以领取。`,
  releaseAlreadyInPool: (code: number, name: string) => `客户 #${code} ${name} 已经在公海里了。`,
  releasedYourCustomer: (by: string, code: number, name: string, reason: string | null) =>
    `${by} 把你的客户 #${code} ${name} 释放到了公海${reason ? `，原因：${reason}` : ""}。`,

  poolWarnLine: (code: number, name: string, day: string) => `#${code} ${name}（${day} 退回）`,
  poolReturnedLine: (code: number, name: string) => `#${code} ${name}`,
  poolNoticeMore: (n: number) => `……另有 ${n} 个`,
  poolWarnNotice: (days: number, lines: string[], code: number) =>
    [`提醒：以下客户快 ${days} 天没有跟进了，到期会退回公海：`, ...lines, `跟进一次即可保留，例如：跟进 #${code} 电话沟通了近况`].join("\n"),
  poolReturnedNotice: (days: number, lines: string[]) =>
    [`以下客户已 ${days} 天没有跟进，已退回公海，同事现在可以领取：`, ...lines, `${days} 天内你不能再领取它们。`].join("\n"),

  leaveBadTarget: "去向只能是「公海」或「主管」",
  leaveSelf: "不能给自己办理离职。",
  leaveDoneManager: (who: string, manager: string, h: Handover, reminders: number) =>
    `已为 ${who} 办理离职，账号已停用：${book(h)}${reminders ? `、待办提醒 ${reminders} 条` : ""} 已交给 ${manager}。`,
  leaveDonePool: (who: string, h: Handover, dealt: number, unassigned: number, noManager: boolean) =>
    `已为 ${who} 办理离职，账号已停用${noManager ? "（Ta 没有主管，按公海处理）" : ""}：客户 ${h.customers} 个退回公海，商机 ${h.opportunities} 个随客户或交给现负责人；` +
    `线索 ${h.leads} 条，${dealt} 条已轮流分给同事` +
    (unassigned ? `，${unassigned} 条没有可分配的销售，请用「分配」处理。` : "。"),
  leaveToYou: (who: string, h: Handover, reminders: number) =>
    `${who} 已离职，Ta 的${book(h)}${reminders ? `、待办提醒 ${reminders} 条` : ""} 已交给你。发送「我的线索」「我的商机」查看。`,
  leaveToPoolTold: (who: string, h: Handover) => `${who} 已离职：Ta 的 ${h.customers} 个客户已退回公海，${h.leads} 条线索已重新分配。`,
  leaveLeadsToYou: (who: string, n: number) => `${who} 已离职，Ta 的 ${n} 条线索分给了你。发送「我的线索」查看，请尽快跟进。`,
};
