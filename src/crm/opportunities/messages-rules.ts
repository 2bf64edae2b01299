// Sentences of the CRM rules that keep records trustworthy: an opportunity's details, win
// controls, pool protection, release confirmation, customer assignment, likely duplicates.
export const zhRules = {
  oppWonNeedsAmount: (code: number) => `赢单需要写成交金额。\n用法：赢单 <#编号> <金额>\n例如：赢单 #${code} 48万`,
  oppWonTooEarly: (code: number, stage: string, from: string[]) =>
    `商机 #${code} 还在「${stage}」，赢单要从「${from.join("」或「")}」阶段。要直接赢单，请写理由送审批：赢单 #${code} <金额> 理由:…`,
  releaseConfirmTitle: (code: number, name: string) => `释放客户 #${code} ${name}？`,
  releaseOppLabel: "商机",
  releaseOpp: (code: number, stage: string, amount: string | null) => `#${code} ${stage}${amount ? `｜${amount}` : ""}`,
  releaseAfterLabel: "释放后",
  releaseAfter: (days: number) => `商机随客户进公海；原负责人 ${days} 天内不能领回`,
  releaseConfirmButton: "确认释放",
  poolKeptWon: (oppCode: number, days: number) => `${days} 天内有赢单（商机 #${oppCode}）`,
  poolKeptLate: (oppCode: number, stage: string) => `商机 #${oppCode} 在「${stage}」`,
  poolKeptLine: (code: number, name: string, why: string) => `#${code} ${name}（${why}）`,
  poolKeptNotice: (days: number, lines: string[]) => [`以下客户快 ${days} 天没有跟进了，但会保留在你名下、不退回公海：`, ...lines].join("\n"),
};
