// Shared set-up for the invoice tests: a harness with a finance group, a rep's opportunity
// (新建线索 + 转化, as a rep does it) and contracts made with the contracts face directly.
import { createContract, type ContractFull, type ContractStatus } from "../../src/crm/contracts/index.ts";
import { crmSettingsSchema } from "../../src/config/crm/crm-settings.ts";
import { localDateKey } from "../../src/util/local-time.ts";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

export const YAML = `approvals:
  groups: { sales_director: [], vp: [], finance: [fin], legal: [] }
reminders:
  dailyAgenda: { enabled: false }
  weeklyReport: { enabled: false }
`;

export type Card = { task_id: string; main_title: { title: string }; horizontal_content_list: Array<{ keyname: string; value: string }>; button_list: Array<{ key: string; text: string }> };

export async function invoiceHarness(users: Record<string, string>, admin: string): Promise<Harness> {
  const h = await startHarness({ env: { CRM_ADMINS: admin }, crmYaml: YAML, dispatcher: { perRecipientPerMinute: 1000, perRecipientPerHour: 10000 } });
  h.fake.users = users;
  return h;
}

/** A message and what it answered (the clock moves a minute: the outbox paces per person). */
export async function say(h: Harness, who: string, text: string): Promise<string[]> {
  h.clock.advance(60_000);
  const before = sentTexts(h.fake, who).length;
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).slice(before);
}

export const cardsTo = (h: Harness, who: string): Card[] =>
  h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "template_card").map((m) => m["template_card"] as Card);

/** The rep's opportunity on 华为技术有限公司, made through chat. */
export async function repOpportunity(h: Harness, rep: string): Promise<{ id: string; customerId: string }> {
  await say(h, rep, "新建线索 张伟 13811112222 华为技术有限公司 展会");
  await say(h, rep, "转化 张伟");
  const owner = await h.tdb.db.prisma.user.findUniqueOrThrow({ where: { wecomUserId: rep } });
  return h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { ownerId: owner.id }, orderBy: { code: "desc" } });
}

export async function contractFor(
  h: Harness,
  rep: string,
  opp: { id: string; customerId: string } | { customerId: string },
  amountFen: number,
  status: ContractStatus = "effective",
): Promise<ContractFull> {
  const prisma = h.tdb.db.prisma;
  const owner = await prisma.user.findUniqueOrThrow({ where: { wecomUserId: rep } });
  const now = h.clock.now();
  const today = localDateKey(now, "Asia/Shanghai");
  return prisma.$transaction((tx) =>
    createContract(
      tx,
      owner,
      { customerId: opp.customerId, opportunityId: "id" in opp ? opp.id : null, ownerId: owner.id, title: "CRM 采购", amountFen, signDate: today, status },
      crmSettingsSchema.parse({}),
      today,
      now,
    ),
  );
}
