// User-facing text for imports, exports and the REST API (zh-CN).

const kindNames = { leads: "线索", customers: "客户", opportunities: "商机", products: "产品", contracts: "合同", invoices: "发票", payments: "回款", targets: "目标" } as const;

export const zhData = {
  dataKindNames: kindNames as Record<string, string>,

  // CSV import: the report is for the person importing.
  importUsage:
    "用法：npm run import -- <文件.csv> [--dry-run] [--type leads|customers|products|contracts|payments|targets] [--as <企业微信账号>]\n" +
    "  --dry-run  只检查、不写入\n  --type     不写时按表头判断（有 月份 和 成交目标/回款目标 列即为业绩目标，有 合同编号 和 到账日期 列即为回款，有 合同编号/合同金额/签订日期 列即为合同，有 含税单价/单价/税率 列即为产品，有 名称/级别/行业/联系人 等列即为客户）\n" +
    "  --as       以此人身份导入：没有负责人的线索和客户归他，负责人须在他的管辖范围内；导入产品须为管理员",
  importTargetMonth: "月份写 2026-12",
  importTargetWho: "每行写「销售」或「团队」其中一个",
  importTargetFigure: "成交目标和回款目标至少写一个",
  importTargetTeamUnknown: (name: string) => `没有团队「${name}」`,
  importTargetNotAllowed: (name: string) => `不能给「${name}」设置目标：主管只能给本组的销售和本组设置`,
  importTargetRepeated: (line: number) => `与第 ${line} 行是同一人（团队）的同一个月`,
  importFileUnreadable: (file: string, why: string) => `读不了文件「${file}」：${why}`,
  importEmpty: "文件是空的，第一行应为表头，例如：姓名,手机,公司,来源",
  importMissingColumn: (kind: string, column: string, found: string[]) =>
    `${kind}文件缺少「${column}」列。第一行表头是：${found.join("、") || "（空）"}`,
  importRepeatedColumns: (cols: string[]) => `表头有重复的列：${cols.join("、")}，请只保留一列`,
  importProductsAdminOnly: (id: string) => `导入产品要以管理员身份进行：「${id}」不是管理员`,
  importUnknownUser: (id: string) => `找不到用户「${id}」（--as 要写企业微信账号，且此人用过机器人或已被加入团队）`,
  dataDirBusy: (dir: string) =>
    `内置数据库 ${dir} 正被另一个进程使用（服务器在运行吗？）。内置数据库只允许一个进程：请先停止 npm start，或改用 DATABASE_URL 连接 PostgreSQL。`,
  importHeading: (file: string, kind: string, encoding: string, rows: number) => `导入${kind}：${file}（${encoding}，${rows} 行数据）`,
  importIgnoredColumns: (cols: string[]) => `忽略的列：${cols.join("、")}`,
  importProblemsTitle: (n: number) => `有 ${n} 处错误，请改正后重新导入：`,
  importProblem: (line: number, column: string, message: string) => `第 ${line} 行「${column}」：${message}`,
  importDuplicatesTitle: (n: number) => `重复、将跳过的 ${n} 行：`,
  importDuplicateInFile: (line: number, firstLine: number, by: string) => `第 ${line} 行：与第 ${firstLine} 行重复（${by}）`,
  importDuplicateInDb: (line: number, what: string, by: string) => `第 ${line} 行：已存在 ${what}（${by}）`,
  importExistingLead: (code: number, name: string, owner: string | null) => `线索 #${code} ${name}${owner ? `，负责人 ${owner}` : ""}`,
  importExistingProduct: (code: number, name: string) => `产品 #${code} ${name}`,
  importExistingContract: (code: number, number: string) => `合同 ${number}（#${code}）`,
  importPaymentsFinanceOnly: (who: string) => `${who} 不是管理员或财务组成员，不能导入回款。`,
  importExistingPayment: (code: number, contract: string) => `回款记录 #${code}（合同 ${contract}）`,
  importExistingCustomer: (code: number, name: string, owner: string | null) => `客户 #${code} ${name}${owner ? `，负责人 ${owner}` : "（公海）"}`,
  importMatchedBy: { phone: "手机相同", company_name: "公司和姓名相同", name: "客户名称相同", likely_company: "疑似同一家公司", product_name: "产品名称相同", sku: "编码相同", contract_number: "合同编号相同", external_id: "外部编号相同" } as Record<string, string>,
  importAssignments: (parts: string[]) => `负责人：${parts.join("，")}`,
  importAssignmentPart: (who: string, n: number) => `${who} ${n} 条`,
  importNobody: "暂无负责人",
  importPool: "进入公海",
  importSummary: (create: number, duplicates: number, errors: number) => `合计：新建 ${create} 条，重复跳过 ${duplicates} 条，错误 ${errors} 条。`,
  importDryRun: "这是试运行（--dry-run），什么都没有写入。",
  importNothingWritten: "有错误，所以一条都没有导入。",
  importDone: (created: number, kind: string) => `已导入 ${created} 条${kind}。`,
  importRaced: (n: number) => `另有 ${n} 条在导入时已被别人创建，已跳过。`,
  importNotice: (n: number) => `系统导入了 ${n} 条线索给你，请在 24 小时内首次跟进。发送「我的线索」查看。`,

  // Row problems (field rules shared with the chat commands come from zh).
  importNeedContactWay: "手机、微信至少填一项",
  importOwnerUnknown: (ref: string) => `找不到负责人「${ref}」，请写企业微信账号或姓名`,
  importOwnerAmbiguous: (ref: string) => `有多位同事叫「${ref}」，请写企业微信账号`,
  importOwnerOutOfScope: (ref: string, as: string) => `「${ref}」不在 ${as} 的管辖范围内`,
  importCustomerNameInvalid: "客户名称应为 1–64 个字",
  importLevelInvalid: (levels: string[]) => `级别只能是：${levels.join("、")}`,
  importIndustryInvalid: "行业最多 32 个字",
  importTagsInvalid: "标签最多 10 个，每个最多 16 个字（用逗号或顿号分隔）",
  importTitleInvalid: "职位最多 32 个字",
  importEmailInvalid: (v: string) => `邮箱「${v}」格式不对`,
  importDateInvalid: (v: string) => `「${v}」不是日期，请写 2026-12-01`,
  importContractNumberInvalid: "合同编号最多 40 个字符",
  importContractStatusInvalid: "状态只能是：已生效、执行中、已完成、已作废（历史合同不走审批）",
  importContractEndBeforeStart: "结束日期早于开始日期",
  importContractCustomerUnknown: (name: string) => `找不到客户「${name}」（或不在导入人的范围内）：请先导入客户`,
  importContractTitle: (customer: string) => `${customer} 合同`,
  importContactMissing: "填了联系人手机、职位、微信或邮箱，却没有联系人姓名",

  // 导出
  exportUsage: "导出 <线索|客户|商机|合同|回款|发票>",
  exportKindInvalid: "只能导出：线索、客户、商机、合同、回款、发票",
  exportDone: (n: number, kind: string, file: string) => `已导出你可见范围内的 ${n} 条${kind}：${file}（UTF-8，Excel 可直接打开）。`,
  exportEmpty: (kind: string) => `你可见范围内没有${kind}，没有生成文件。`,
  exportTooLarge: (n: number, kind: string) => `${n} 条${kind}的文件超过企业微信 20MB 的上限。请用接口 GET /api/v1/… 分页导出。`,

  // npm run seed
  seedHeading: (target: string) => `演示数据 → ${target}`,
  seedCreated: (parts: string[]) => `已创建：${parts.join("，")}。`,
  seedNothing: "演示数据已经在了，这次没有新增任何记录。",
  seedCount: (n: number, what: string) => `${n} ${what}`,
  seedTryIt: (rep: string, name: string, manager: string, managerName: string) =>
    `试试：npm run chat -- --user ${rep}（${name}，销售），发送「我的线索」「我的商机」；\n` +
    `      npm run chat -- --user ${manager}（${managerName}，主管），发送「导出 线索」。`,
};
