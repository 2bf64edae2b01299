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
    `「${name}」最后一次与公众号互动是 ${last}，已超过 48 小时，公众号不允许再主动发消息。客户再次留言后即可回复。`,
  replyNoInteraction: (name: string) => `「${name}」还没有在公众号留言、关注或扫码，公众号不允许主动发消息。客户留言后即可回复。`,
  replyUnsubscribed: (name: string) => `「${name}」已取消关注公众号，无法发送消息。`,
  replySent: (name: string) => `正在通过公众号回复「${name}」；若微信拒收，会告诉你原因。`,
  /** Why WeChat refused a reply the outbox sent (by errcode), short for the follow-up record. */
  replyRefusedShort: { "45015": "超过 48 小时", "45047": "条数已用完", "43004": "已取消关注", other: "发送失败" } as Record<string, string>,
  replyRefusedWindow: (last: string) => `距客户最后一次互动（${last}）已超过 48 小时，微信不再允许主动发消息。客户再次留言后即可回复`,
  replyRefusedWindowEarly: (last: string) =>
    `微信判定已超出 48 小时回复时限（我们记录的客户最后互动是 ${last}，微信可能未计入）。客户再次留言后即可回复`,
  replyRefusedQuota: "客户上次互动后微信允许发送的客服消息条数已用完。客户再次留言后即可继续回复",
  replyRefusedUnfollowed: "客户已取消关注公众号，无法再发消息",
  replyRefusedOther: (code: string) => `微信没有接受这条消息（${code}），请稍后重试；多次失败请联系管理员`,
  replyNotDelivered: (name: string, content: string, why: string) => `发给「${name}」的公众号回复未送达：${why}。\n原文：${content}`,
  replyUndeliveredChannel: "公众号（未送达）",
  replyUndeliveredContent: (short: string, content: string) => `公众号回复（未送达：${short}）：${content}`,
  replyFollowUpContent: (content: string) => `公众号回复：${content}`,
  followerUnsubscribedNote: "取消关注公众号",
};
