// User-facing text of this domain (zh-CN).
export const zhTeam = {
  handoverMoney: (quotes: number, contracts: number, manager: string | null) =>
    `进行中的${[quotes ? `报价 ${quotes} 份` : "", contracts ? `合同 ${contracts} 份` : ""].filter(Boolean).join("、")}已随客户交给新负责人` +
    (manager ? `（客户在公海的交给 ${manager}）。` : "（客户在公海的暂无负责人，请管理员指定）。"),
  tokenCreated: (name: string, token: string) =>
    `已创建接口令牌「${name}」：\n${token}\n只显示这一次，请立即保存到对接系统。调用时请求头写 Authorization: Bearer <令牌>。`,
  tokenExists: (name: string) => `已有名为「${name}」的令牌。换个名字，或先「令牌 吊销 ${name}」。`,
  tokenRevoked: (name: string) => `已吊销令牌「${name}」，使用它的对接将无法再调用接口。`,
  tokenNotFound: (name: string) => `没有有效的令牌「${name}」。`,
  tokenListEmpty: "还没有接口令牌。发送「令牌 新建 官网表单」创建一个。",
  tokenListLine: (name: string, by: string, state: string) => `• ${name}　创建人 ${by}　${state}`,
  tokenStateActive: (lastUsed: string | null) => (lastUsed ? `最近使用 ${lastUsed}` : "尚未使用"),
  tokenStateRevoked: "已吊销",
  teamOps: "操作只能是：新建、加入、角色、主管、列表",
  teamCreated: (name: string, regions: string[], products: string[]) =>
    `已创建团队「${name}」${regions.length ? `，负责地区 ${regions.join("、")}` : ""}${products.length ? `，产品线 ${products.join("、")}` : ""}。`,
  teamExists: (name: string) => `已有团队「${name}」。`,
  teamNotFound: (name: string) => `没有团队「${name}」。发送「团队 列表」查看。`,
  teamJoined: (who: string, team: string) => `${who} 已加入团队「${team}」。`,
  roleSet: (who: string, role: string) => `${who} 的角色已设为 ${role}。`,
  managerSet: (who: string, manager: string) => `${who} 的主管已设为 ${manager}。`,
  selfManager: "不能把一个人设为自己的主管。",
  teamListEmpty: "还没有团队。试试：团队 新建 华东一组 地区:上海,江苏",
  teamListLine: (name: string, scope: string, members: string) => `• ${name}${scope ? `（${scope}）` : ""}：${members || "暂无成员"}`,
};
