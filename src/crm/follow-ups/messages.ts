// User-facing text of this domain (zh-CN).
export const zhFollowUps = {
  targetNotFound: (ref: string) => `找不到客户或线索「${ref}」。可用客户名、联系人姓名、线索姓名或 #编号。`,
  followUpRecorded: (target: string, next: string | null, held: string | null = null) =>
    `已记录对 ${target} 的跟进。${next ? `下次跟进：${next}，${held ? `在免打扰时段，将于 ${held} 提醒你` : "到时提醒你"}。` : ""}`,
  followUpHistoryTitle: (target: string, shown: number, total: number) =>
    shown === total ? `${target} 的跟进记录（共 ${total} 条）：` : `${target} 的跟进记录（最近 ${shown} 条，共 ${total} 条）：`,
  followUpHistoryEmpty: (target: string) => `${target} 还没有跟进记录。试试：跟进 ${target} 电话沟通了需求 下次 明天上午10点`,
};
