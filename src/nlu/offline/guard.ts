// Text that must never become an action: attempts to re-program the assistant, bulk
// destruction, or anything asking for secrets. The engine proposes nothing for it, so the
// user gets the help answer instead.

const INJECTION: readonly RegExp[] = [
  /(忽略|无视|忘掉|忘记|不要理会|不用管|跳过|绕过|覆盖).{0,12}(指令|指示|提示|规则|设定|要求|限制|命令|约束|权限)/,
  /(system|系统)\s*(prompt|提示)|提示词|prompt/i,
  /你现在是|你是一个|从现在(开始|起)你|你的新(身份|角色|任务)|扮演|假装你?|角色扮演|模拟一个/,
  /\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|rules?|prompts?|above|previous)\b/i,
  /\b(act\s+as|pretend|you\s+are\s+now|jailbreak|developer\s+mode|DAN)\b/i,
  /越狱|开发者模式|管理员模式|上帝模式|不受限制|解除限制/,
  /(输出|告诉我|显示|打印|泄露|给我看).{0,8}(你的|系统的?)?(指令|设定|规则|密码|密钥|token|令牌|secret|配置)/i,
  /(删除|删掉|清空|清除|抹掉|销毁).{0,10}(所有|全部|全体|整个)|(所有|全部|全体).{0,10}(删除|删掉|清空|清除)/,
  /(所有|全部|全体).{0,8}(客户|线索|商机|数据).{0,8}(发给|发到|转给|转到|转移|分给|分配给|改成|改为|标记为|标为|标成|设为|设成|都(输|丢|赢))/,
  /\b(system\s+override|admin\s+mode|god\s+mode|sudo|root\s+access)\b/i,
  /(把我|将我|给我).{0,6}(设为|改成|升级为|提升为|变成).{0,4}(管理员|主管|admin)/i,
  /(权限|role).{0,6}(提升|提权|改成|设为)/i,
  /<\|[a-z_]+\|>|\[\/?INST\]|\[(SYSTEM|ADMIN|DEVELOPER)\]|```|^\s*(assistant|system|user)\s*:/im,
  // Markup and tool-call syntax smuggled into a message: <!-- … -->, "assistant: call x.y".
  /<!--|-->|\b(assistant|system|tool)\s*:|\b(call|invoke|run)\s+[a-z_]+[._][a-z_]+/i,
  /\b(role|user|permission)\s*[=:]\s*(admin|root|manager)\b/i,
  /(对话|指令|规则|设定).{0,4}(作废|失效|无效)|新任务[:：]/,
  // A message dressed as the system speaking: 【系统通知】, 系统消息：
  /[【\[]\s*(系统|管理员|官方|安全|平台)\s*(通知|消息|提示|公告|指令)\s*[】\]]|^\s*(系统|管理员|平台)(通知|消息|公告)\s*[:：]/,
  // Bulk reassignment by range: 线索#1至#200全部分配给…
  /#\s*\d+\s*(至|到|-|~)\s*#?\s*\d+.{0,8}(全部|所有|批量)?.{0,4}(分配|转给|转到|分给|删除|释放)/,
];

/** True for prompt injections and the like: nothing may be proposed for them. */
export function isInjection(text: string): boolean {
  return INJECTION.some((re) => re.test(text));
}
