// Shared set-up for the forecast tests: a team (陈经理 manages 王芳 and 李雷), a rep outside
// it (赵强), an admin; deals made in chat (线索 → 转化, then 商机 #N fields) and contracts with
// 回款 plans (the contracts domain's createContract, then 回款计划 in chat).
import { startHarness, type Harness } from "../support/harness.ts";
import { contractFor, customerOf } from "../receivables/fixtures.ts";

export const WANG = "fc_wang";
export const LI = "fc_li";
export const BOSS = "fc_boss";
export const OUT = "fc_out";
export const ADMIN = "fc_admin";

/** Everything a person was sent since `mark`, split into texts and images. */
export function sentSince(h: Harness, who: string, mark: number) {
  const all = h.fake.sentMessages().slice(mark).filter((m) => m["touser"] === who);
  return {
    texts: all.filter((m) => m["msgtype"] === "text").map((m) => (m["text"] as { content: string }).content),
    images: all.filter((m) => m["msgtype"] === "image").length,
  };
}

/** Says it and returns the first text answer (and how many pictures came with it). */
export async function ask(h: Harness, who: string, line: string): Promise<{ text: string; images: number }> {
  h.clock.advance(60_000);
  const mark = h.fake.sentMessages().length;
  await h.sendText(who, line);
  await h.drain();
  const got = sentSince(h, who, mark);
  return { text: got.texts.join("\n"), images: got.images };
}

export async function startForecastHarness(): Promise<Harness> {
  // 赢单 straight from an early stage, without the stage-skip approval
  const h = await startHarness({ env: { CRM_ADMINS: ADMIN }, crmYaml: "opportunities:\n  winFromLastStages: 0\n" });
  const p = h.tdb.db.prisma;
  const team = await p.team.create({ data: { name: "华东一组" } });
  const boss = await p.user.create({ data: { wecomUserId: BOSS, name: "陈经理", role: "manager", teamId: team.id } });
  await p.user.create({ data: { wecomUserId: WANG, name: "王芳", teamId: team.id, managerId: boss.id } });
  await p.user.create({ data: { wecomUserId: LI, name: "李雷", teamId: team.id, managerId: boss.id } });
  await p.user.create({ data: { wecomUserId: OUT, name: "赵强" } });
  await p.user.create({ data: { wecomUserId: ADMIN, name: "管理员", role: "admin" } });
  return h;
}

/** A deal of `who` on a new customer, with the fields given (`商机 #N …`); returns its code. */
export async function dealOf(h: Harness, who: string, company: string, phone: string, fields: string, stage?: string): Promise<number> {
  const customerId = await customerOf(h, who, company, phone);
  const opp = await h.tdb.db.prisma.opportunity.findFirstOrThrow({ where: { customerId } });
  if (fields) await ask(h, who, `商机 #${opp.code} ${fields}`);
  if (stage) await ask(h, who, `推进 #${opp.code} ${stage}`);
  return opp.code;
}

/** A live contract of `who` with a 回款 plan (chat's 回款计划 syntax). */
export async function contractWithPlan(h: Harness, who: string, company: string, phone: string, amountFen: number, plan: string) {
  const customerId = await customerOf(h, who, company, phone);
  const c = await contractFor(h, who, customerId, amountFen);
  await ask(h, who, `回款计划 ${c.number} ${plan}`);
  return c;
}
