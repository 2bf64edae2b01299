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
  customerAssigned: (code: number, name: string, to: string, opps: number, fromPool: boolean) =>
    `已把客户 #${code} ${name}${fromPool ? "从公海" : ""}分配给 ${to}${opps ? `，${opps} 个进行中的商机一并转交` : ""}。`,
  customerAssignedAlready: (code: number, name: string, to: string) => `客户 #${code} ${name} 的负责人已经是 ${to}。`,
  customerAssignRaced: (code: number, name: string) => `客户 #${code} ${name} 刚刚有了变动，请再试一次。`,
  customerAssignedToYou: (by: string, code: number, name: string, opps: number) =>
    `${by} 把客户 #${code} ${name} 分配给了你${opps ? `（含 ${opps} 个进行中的商机）` : ""}。发送「客户 #${code}」查看。`,
  customerTakenFromYou: (by: string, code: number, name: string, to: string) => `${by} 把你的客户 #${code} ${name} 转给了 ${to}。`,
  likelyTitle: (typed: string) => `「${typed}」可能是已有客户`,
  likelyExistingLabel: "已有",
  likelyOwnerLabel: "负责人",
  likelyHowLabel: "仍要新建",
  likelyOwnerYou: "你自己",
  likelyOwnerPool: "公海（可领取）",
  poolKeptWon: (oppCode: number, days: number) => `${days} 天内有赢单（商机 #${oppCode}）`,
  poolKeptLate: (oppCode: number, stage: string) => `商机 #${oppCode} 在「${stage}」`,
  poolKeptLine: (code: number, name: string, why: string) => `#${code} ${name}（${why}）`,
  poolKeptNotice: (days: number, lines: string[]) => [`以下客户快 ${days} 天没有跟进了，但会保留在你名下、不退回公海：`, ...lines].join("\n"),
};
