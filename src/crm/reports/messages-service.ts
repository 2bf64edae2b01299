// User-facing text of the service statistics (zh-CN).
const score = (n: number | null) => (n === null ? "—" : `${n} 分`);

export const zhServiceStats = {
  badPeriod: (input: string) => `看不懂期间「${input}」。可以写：本月、上月、本季、今年、2026-11、2026-Q4、2026。`,
  satisfactionTitle: (label: string, n: number, average: number | null) => `满意度统计（${label}）：评价 ${n} 个，平均 ${score(average)}`,
  satisfactionNone: (label: string) => `满意度统计（${label}）：这段时间没有客户评价。`,
  distribution: (counts: number[]) => counts.map((c, i) => `${i + 1}分 ${c}`).reverse().join(" · "),
  byAssignee: "按处理人：",
  assigneeRow: (name: string | null, n: number, average: number | null) => `· ${name ?? "未分配"}：${n} 个，平均 ${score(average)}`,
  satisfactionChart: (label: string) => `满意度分布（${label}）`,
  scoreLabel: (s: number) => `${s}分`,
  responses: "评价数",
  ticketsTitle: (label: string, opened: number, solved: number, late: number) => `工单统计（${label}）：新建 ${opened} · 解决 ${solved} · 超时 ${late}`,
  ticketsRow: (priority: string, opened: number, solved: number, late: number) => `· ${priority}：新建 ${opened} · 解决 ${solved} · 超时 ${late}`,
  ticketsChart: (label: string) => `工单统计（${label}）`,
  opened: "新建",
  solved: "解决",
  late: "超时",
};
