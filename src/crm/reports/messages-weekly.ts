// What the weekly and monthly reports and 周报 say besides the numbers table (zh-CN).
export const zhWeekly = {
  progressLine: (label: string, won: string, receipts: string) => `${label}目标进度：成交 ${won} · 回款 ${receipts}`,
  figure: (actual: string, target: string | null, percent: number | null) => (target === null ? actual : `${actual}/${target}${percent === null ? "" : `（${percent}%）`}`),
  numbersTitle: "图中数字：",
  funnelNumbers: (day: string, stages: string) => `销售漏斗（${day}）：${stages}`,
  funnelStage: (stage: string, count: number, amount: string) => `${stage} ${count}个 ${amount}`,
  progressNumbers: (label: string, people: string) => `${label}目标：${people}`,
  progressPerson: (name: string, won: string, receipts: string) => `${name} 成交 ${won} 回款 ${receipts}`,
  rankNumbers: (label: string, rows: string) => `${label}成交排行：${rows}`,
  rankRow: (rank: number, name: string, value: string) => `${rank}. ${name} ${value}`,
  more: (n: number) => `等 ${n} 人`,
  monthlyTitle: (label: string) => `**月度报告（${label}）**`,
  monthlyTeam: (team: string, people: number, leads: number, followUps: number, won: number, wonAmount: string, lost: number, receipts: string) =>
    `> ${team}（${people} 人）：新线索 ${leads} · 跟进 ${followUps} · 赢单 ${won}（${wonAmount}）· 输单 ${lost} · 回款 ${receipts}`,
  monthlyTotal: (leads: number, followUps: number, won: number, wonAmount: string, lost: number, receipts: string) =>
    `全公司：新线索 ${leads} · 跟进 ${followUps} · 赢单 ${won}（${wonAmount}）· 输单 ${lost} · 回款 ${receipts}`,
  monthlyLine: (label: string) => `月度报告（${label}）已生成`,
  noTeam: "未分组",
  myWeekTitle: (from: string, to: string) => `**我的周报（${from}–${to}）**`,
  teamWeekTitle: (team: string, from: string, to: string) => `**${team}周报（${from}–${to}）**`,
  allWeekTitle: (from: string, to: string) => `**全公司周报（${from}–${to}）**`,
  weeklyUsage: "用法：周报 [上周|本周]（默认上周）",
  badWeek: (word: string) => `看不懂「${word}」。可以写：周报、周报 上周、周报 本周`,
};
