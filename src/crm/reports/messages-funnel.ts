// What the sales funnel says (zh-CN).
export const zhFunnel = {
  scopeSelf: "你的",
  scopeTeam: "团队",
  scopeAll: "全公司",
  scopePerson: (name: string) => `${name}的`,
  snapshotTitle: (scope: string, day: string, count: number, amount: string, weighted: string) =>
    `${scope}销售漏斗（${day}）：进行中 ${count} 个商机，金额 ${amount}，加权 ${weighted}`,
  snapshotLine: (stage: string, probability: number, count: number, amount: string, weighted: string) =>
    `${stage}（${probability}%）：${count} 个｜${amount}｜加权 ${weighted}`,
  snapshotEmpty: (scope: string) => `${scope}销售漏斗：目前没有进行中的商机。`,
  snapshotHint: "按阶段看新建商机的转化：销售漏斗 本季（或 销售漏斗 2026-11-01 2026-11-30）",
  chartTitle: "销售漏斗",
  chartSubtitle: (scope: string, day: string, weighted: string) => `${scope}进行中商机 · ${day} · 加权 ${weighted}`,
  chartLabel: (count: number, amount: string) => `${count}个 · ${amount}`,
  cohortTitle: (scope: string, span: string, size: number) => `${scope}销售漏斗 · ${span}新建的 ${size} 个商机到达各阶段：`,
  cohortLine: (stage: string, reached: number, share: string, days: string | null) =>
    `${stage}：${reached} 个（${share}）${days === null ? "" : `｜停留中位 ${days} 天`}`,
  cohortEmpty: (scope: string, span: string) => `${scope}销售漏斗：${span}没有新建的商机。`,
  cohortNote: "到达＝进入过该阶段或之后的阶段（跳过的也算）；停留天数只算已离开该阶段的商机。",
  cohortChartTitle: "商机阶段转化",
  cohortChartSeries: "到达商机数",
  cohortChartSubtitle: (scope: string, span: string, size: number) => `${scope}${span}新建 ${size} 个商机`,
  span: (first: string, last: string) => (first === last ? first : `${first} 至 ${last}`),
  badDay: (word: string) => `「${word}」不是日期，请写成 2026-11-01 这样。`,
  badRange: "开始日期不能晚于结束日期。",
  noPerson: (who: string) => `无权查看「${who}」的漏斗（不在你的团队，或没有这个人）。`,
  noTeam: (team: string) => `无权查看团队「${team}」的漏斗：只有管理员和该团队的主管可以查看。`,
  badPeriod: (word: string) => `期间「${word}」不对，可以写 本季、上月、2026-11、2026-Q4，或两个日期 2026-11-01 2026-11-30。`,
  tooManyWords: (words: string) => `看不懂「${words}」。可以写：销售漏斗、销售漏斗 本季、销售漏斗 2026-11-01 2026-11-30、销售漏斗 王芳`,
};
