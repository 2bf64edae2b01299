// User-facing text of customer health and the weekly 流失风险 list (zh-CN).
export type HealthBand = "healthy" | "watch" | "risk";

export const zhHealth = {
  band: { healthy: "健康", watch: "关注", risk: "风险" } as Record<HealthBand, string>,
  factor: {
    followUp: "跟进",
    overdue: "逾期回款",
    tickets: "紧急工单",
    survey: "满意度",
    deletedRep: "删除好友",
    orders: "订单下滑",
  } as Record<string, string>,
  followUpNever: (days: number) => `建档 ${days} 天未跟进`,
  followUpDays: (days: number) => `${days} 天未跟进`,
  overdue: (count: number, owed: string) => `${count} 期回款逾期，未收 ${owed}`,
  tickets: (codes: string) => `未完成的紧急工单 ${codes}`,
  survey: (score: number, code: number) => `最近一次满意度 ${score} 分（工单 #${code}）`,
  deletedRep: (names: string) => `联系人 ${names} 在企业微信删除了销售`,
  orders: (months: number, recent: string, before: string, pct: number) => `近${months}个月成交 ${recent}，之前${months}个月 ${before}，下降 ${pct}%`,
  scoreLine: (name: string, code: number, score: number, band: string) => `客户#${code} ${name} 健康度 ${score} 分（${band}）`,
  noDeduction: "各项正常，没有扣分。",
  reason: (detail: string, points: number) => `· ${detail}（-${points}）`,
  listTitle: (n: number, total: number) => `健康度最低的 ${n} 个客户（共 ${total} 个）：`,
  listRow: (i: number, name: string, code: number, score: number, band: string, owner: string | null) =>
    `${i}. ${name}（#${code}）${score} 分 ${band}${owner ? ` · ${owner}` : ""}`,
  listEmpty: "你的范围内还没有客户。",
  listHint: "发送「客户健康度 <客户>」看扣分原因。",
  chartTitle: "客户健康度（最低）",
  chartSeries: "健康度",
  notFound: (ref: string) => `找不到客户「${ref}」，或不在你能查看的范围内。`,
  churnTitle: (n: number) => `**本周流失风险客户 ${n} 个**`,
  churnLine: (n: number) => `本周流失风险客户 ${n} 个，发送「客户健康度」查看`,
  churnMore: (n: number) => `另有 ${n} 个，发送「客户健康度」查看。`,
  churnCustomer: (name: string, code: number, score: number, owner: string | null) => `**${name}**（#${code}）${score} 分${owner ? ` · ${owner}` : ""}`,
  churnReason: (detail: string, points: number) => `> ${detail}（-${points}）`,
};
