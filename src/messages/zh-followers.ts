// User-facing text for the Official Account (公众号): what reps are told about followers,
// and the 回复 command.
export const zhFollowers = {
  followerLeadName: (tail: string) => `公众号访客${tail}`,
  followerNewLead: (code: number, name: string, campaign: string | null) =>
    `新的公众号关注：已为你建线索 #${code} ${name}${campaign ? `（渠道：${campaign}）` : ""}。客户留言会转给你，用「回复 线索#${code} 内容」回复。`,
  followerUnassigned: (code: number, name: string) => `新的公众号线索 #${code} ${name} 没有合适的销售可分配，请用「分配 #${code} <销售>」处理。`,
  followerMessageTitle: (name: string) => `公众号留言 · ${name}`.slice(0, 36),
  followerMessageHint: (ref: string) => `回复：回复 ${ref} <内容>`.slice(0, 44),
  followerCardCustomer: "客户",
  followerCardLead: "线索",
  followerCardCampaign: "渠道",
  followerCardLastFollowUp: "最近跟进",
  followerCardDeals: "进行中商机",
  followerCardReminder: "下个提醒",
  followerOrphanMessage: (who: string, ref: string, message: string) => `公众号留言（${who}，无人负责）：${message}\n请分配负责人后用「回复 ${ref} <内容>」回复。`,
  replyNoFollower: (name: string) => `「${name}」没有通过公众号联系过我们，无法在这里回复。`,
  replyWindowClosed: (name: string, last: string) =>
    `「${name}」最后一次留言是 ${last}，已超过 48 小时，公众号不允许再主动发消息。客户再次留言后即可回复。`,
  replyUnsubscribed: (name: string) => `「${name}」已取消关注公众号，无法发送消息。`,
  replySent: (name: string) => `已通过公众号回复「${name}」。`,
  replyFollowUpContent: (content: string) => `公众号回复：${content}`,
  followerUnsubscribedNote: "取消关注公众号",
};
