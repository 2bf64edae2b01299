// User-facing text for WeCom external contacts (客户联系) and their transfer when a rep
// leaves (zh-CN).
const from = (campaign: string | null) => (campaign ? `（渠道「${campaign}」）` : "");

const TRANSFER_FAIL_REASONS: Record<string, string> = {
  customer_refused: "客户拒绝了接替",
  customer_limit_exceed: "接替成员的客户数已达上限",
};

export const zhExternal = {
  externalAddedNew: (name: string, code: number, customer: string, campaign: string | null) =>
    `企业微信客户 ${name} 添加了你${from(campaign)}。已为你建立客户 #${code} ${customer}，${name} 记为联系人。发送「客户 #${code}」查看，记得尽快跟进。`,
  externalAddedOwn: (name: string, code: number, customer: string, campaign: string | null) =>
    `企业微信客户 ${name} 添加了你${from(campaign)}，已记为你的客户 #${code} ${customer} 的联系人。`,
  externalAddedOther: (name: string, code: number, customer: string, owner: string) =>
    `企业微信客户 ${name} 添加了你。Ta 属于 ${owner} 负责的客户 #${code} ${customer}，已记为该客户的联系人；客户仍由 ${owner} 负责，如需接手请联系 ${owner} 或你的主管。`,
  externalAddedOtherOwner: (name: string, code: number, customer: string, rep: string) =>
    `你的客户 #${code} ${customer} 的联系人 ${name} 在企业微信添加了 ${rep}，已记在该客户下，客户仍由你负责。`,
  externalAddedPool: (name: string, code: number, customer: string) =>
    `企业微信客户 ${name} 添加了你。Ta 所在的客户 #${code} ${customer} 在公海里，已记为其联系人；发送「领取 #${code}」即可领取。`,
  externalProfileUnreadable: (code: string) =>
    `一位企业微信客户添加了你，但读取 Ta 的资料失败（错误码 ${code}），没能自动建立客户。请在企业微信里查看，并用「新建客户」「联系人」记录。`,
  externalDeletedRep: (rep: string, name: string | null, code: number | null, customer: string | null) =>
    name && code !== null
      ? `客户 #${code} ${customer} 的联系人 ${name} 删除了 ${rep} 的企业微信好友，可能需要关注。`
      : `一位企业微信客户删除了 ${rep} 的企业微信好友（尚未记入 CRM）。`,
  externalTransferFailed: (name: string | null, takeover: string, reason: string) =>
    `企业微信客户${name ? ` ${name}` : ""} 未能转给 ${takeover}：${TRANSFER_FAIL_REASONS[reason] ?? reason}。请在企业微信管理后台「客户联系 → 离职继承」中处理。`,

  // A rep leaves
  repDeletedInWecom: (name: string, summary: string) => `企业微信通讯录已删除成员 ${name}，已自动办理离职。\n${summary}`,
  repDeletedAfterLeave: (name: string, transfers: string) => `企业微信通讯录已删除成员 ${name}（此前已办理离职）。${transfers}`,
  handoverTickets: (n: number, manager: string | null) =>
    manager ? `进行中的工单 ${n} 个已交给 ${manager}。` : `进行中的工单 ${n} 个已取消指派，请重新分派。`,
  handoverExternal: (takeovers: Array<{ name: string; count: number }>, unassigned: number) =>
    [
      takeovers.length ? `企业微信客户 ${takeovers.map((t) => `${t.count} 位转给 ${t.name}`).join("，")}（企业微信 24 小时后完成接替）。` : "",
      unassigned ? `${unassigned} 位企业微信客户无人接替，留在企业微信「待分配离职成员」中，请在管理后台分配。` : "",
    ].join(""),
  transferStarted: (leaver: string, n: number) => `${leaver} 的 ${n} 位企业微信客户正在转给你，企业微信将在 24 小时后完成接替。`,
  transferFailures: (leaver: string, takeover: string, n: number, codes: string) =>
    `把 ${leaver} 的企业微信客户转给 ${takeover} 时有 ${n} 位失败（错误码 ${codes}）。请在企业微信管理后台「客户联系 → 离职继承」中处理。`,
  transferNotResigned: (leaver: string, n: number) =>
    `${leaver} 还没有从企业微信通讯录删除，Ta 的 ${n} 位企业微信客户暂时不能转交；在通讯录删除该成员后会自动再转。`,
};
