// Shared set-up for the customer health tests: a team (王芳 and 李强 under 陈经理, 赵管理 the
// admin), customers made in chat, contracts through the contracts domain, tickets in chat.
import { createApiToken } from "../../src/auth/api-tokens.ts";
import { createContract } from "../../src/crm/contracts/index.ts";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import { sentTexts, type Harness } from "../support/harness.ts";
import { setUpTeam, startPoolHarness } from "../support/pool-fixtures.ts";

export const HEALTH_YAML = "pool:\n  returnAfterDays: 1000\n";

export async function startHealthHarness(extraYaml = ""): Promise<Harness> {
  const h = await startPoolHarness(`${HEALTH_YAML}${extraYaml}`, { CRM_ADMINS: "it_admin" });
  h.clock.set(new Date("2026-10-14T02:00:00Z")); // Wed 10:00 in Shanghai: the seeding starts here
  await setUpTeam(h, { hx_rep: "王芳", hx_rep2: "李强", hx_boss: "陈经理", it_admin: "赵管理", hx_out: "孙外" }, "华东", ["hx_rep", "hx_rep2"], "hx_boss");
  await say(h, "it_admin", "团队 主管 hx_rep hx_boss");
  await say(h, "it_admin", "团队 主管 hx_rep2 hx_boss");
  return h;
}

/** Sends a command; returns everything the sender got back (text, markdown, cards). */
export async function say(h: Harness, who: string, text: string): Promise<string[]> {
  h.clock.advance(60_000);
  const before = sentTexts(h.fake, who).length;
  await h.sendText(who, text);
  await h.drain();
  return sentTexts(h.fake, who).slice(before);
}

/** Images sent to `who` (WeCom image messages). */
export const imagesTo = (h: Harness, who: string) => h.fake.sentMessages().filter((m) => m["touser"] === who && m["msgtype"] === "image");

export async function customerOf(h: Harness, who: string, name: string): Promise<{ id: string; code: number }> {
  await say(h, who, `新建客户 ${name}`);
  const c = await h.tdb.db.prisma.customer.findFirstOrThrow({ where: { name }, orderBy: { code: "desc" } });
  return { id: c.id, code: c.code };
}

export async function contractFor(h: Harness, who: string, customerId: string, amountFen: number, signDate: string) {
  const prisma = h.tdb.db.prisma;
  const owner = await prisma.user.findUniqueOrThrow({ where: { wecomUserId: who } });
  return prisma.$transaction((tx) =>
    createContract(tx, owner, { customerId, opportunityId: null, ownerId: owner.id, title: "合同", amountFen, signDate, status: "effective" }, loadCrmSettings(undefined), signDate, h.clock.now()),
  );
}

/** The customer's answer to the survey of ticket #code (the survey itself is the service tests' business). */
export async function surveyAnswered(h: Harness, code: number, score: number): Promise<void> {
  const now = h.clock.now();
  await h.tdb.db.prisma.ticket.update({ where: { code }, data: { status: "closed", closedAt: now, surveySentAt: now, surveyScore: score, surveyAt: now } });
}

/** An API token owned by `who` (API tokens belong to admins). */
export async function tokenOf(h: Harness, who: string): Promise<string> {
  const prisma = h.tdb.db.prisma;
  const user = await prisma.user.findUniqueOrThrow({ where: { wecomUserId: who } });
  const r = await prisma.$transaction((tx) => createApiToken(tx, user, `report-${who}`, h.clock.now()));
  if (!("token" in r)) throw new Error("token exists");
  return r.token;
}
