// `npm run seed`: demo data for trying wecrm — teams, a manager and reps per team, leads
// from every source (scored), customers with contacts, opportunities at every stage,
// follow-ups, a few pool customers, the product catalogue, two quotes and a contract with its
// 回款. Everything goes through the CRM services, so scores, stage history, reminders and the
// audit trail are real. Idempotent: a second run finds every record present and adds nothing.
import { audit } from "../src/auth/audit.ts";
import { createTeam, updateUser } from "../src/crm/team/teams.ts";
import type { User } from "../src/auth/users.ts";
import { systemClock } from "../src/clock.ts";
import { recordFollowUp, type FollowUpTarget } from "../src/crm/follow-ups/follow-ups.ts";
import { convertLead } from "../src/crm/leads/lead-conversion.ts";
import { addScore } from "../src/crm/leads/lead-scoring.ts";
import { createLead, type Lead } from "../src/crm/leads/leads.ts";
import { normalizeCompany } from "../src/crm/customers/company-match.ts";
import { moveStage, updateOpportunity } from "../src/crm/opportunities/opportunities.ts";
import { initialsOf } from "../src/util/pinyin.ts";
import { createProduct } from "../src/crm/products/products.ts";
import type { CrmSettings } from "../src/config/crm/crm-settings.ts";
import type { Tx } from "../src/db/tx.ts";
import type { Opportunity } from "../src/generated/prisma/client.ts";
import { zhData } from "../src/crm/import-export/messages.ts";
import { openCliDatabase, runCli } from "./cli-database.ts";
import { atLocal, localParts } from "../src/util/local-time.ts";
import { seededRandom } from "../src/util/seeded-random.ts";
import { seedReceivables } from "./seed-receivables.ts";
import { seedQuotes } from "./seed-quotes.ts";
import { LEADS, mobileFrom, POOL, PRODUCTS, TEAMS, USERS, type SeedCustomer, type SeedFollowUp, type SeedLead } from "./seed-data.ts";

const DAY = 86_400_000;

interface Counts {
  teams: number;
  users: number;
  leads: number;
  customers: number;
  pool: number;
  contacts: number;
  opportunities: number;
  followUps: number;
  products: number;
  contracts: number;
  quotes: number;
  quotesSent: number;
}

class Seeder {
  readonly counts: Counts = { teams: 0, users: 0, leads: 0, customers: 0, pool: 0, contacts: 0, opportunities: 0, followUps: 0, products: 0, contracts: 0, quotes: 0, quotesSent: 0 };
  private readonly users = new Map<string, User>();

  constructor(
    private readonly tx: Tx,
    private readonly settings: CrmSettings,
    private readonly now: Date,
    private readonly timeZone: string,
  ) {}

  /** `days` before today (negative: after), at a working hour (09:00–17:59 local) that
   * varies by day, so histories read like a real team's. */
  ago(days: number): Date {
    const today = localParts(this.now, this.timeZone);
    return atLocal(today.year, today.month, today.day - days, 9 * 60 + ((Math.abs(days) * 97) % (9 * 60)), this.timeZone);
  }

  user(id: string): User {
    return this.users.get(id)!;
  }

  async people(): Promise<void> {
    const { tx } = this;
    const ids = USERS.map((u) => u.id);
    const existing = new Set((await tx.user.findMany({ where: { wecomUserId: { in: ids } } })).map((u) => u.wecomUserId));
    const fresh = new Set(ids.filter((id) => !existing.has(id)));
    const created = await tx.user.createMany({ data: USERS.filter((u) => fresh.has(u.id)).map((u) => ({ wecomUserId: u.id, name: u.name, createdAt: this.ago(60) })), skipDuplicates: true });
    this.counts.users = created.count;
    for (const u of await tx.user.findMany({ where: { wecomUserId: { in: USERS.map((x) => x.id) } } })) this.users.set(u.wecomUserId, u);
    const admin = this.user("zhaolei");
    if (fresh.has(admin.wecomUserId)) this.users.set(admin.wecomUserId, await updateUser(tx, admin, admin, { role: "admin" }, this.ago(60)));
    for (const t of TEAMS) if (await createTeam(tx, this.user("zhaolei"), t, this.ago(60))) this.counts.teams++;
    const teams = new Map((await tx.team.findMany()).map((t) => [t.name, t.id]));
    for (const u of USERS) {
      const current = this.user(u.id);
      // Only people this run created are placed; existing users keep what they have.
      if (u.role === "admin" || current.teamId !== null || !fresh.has(u.id)) continue;
      const change = { role: u.role, teamId: teams.get(u.team!) ?? null, managerId: u.manager ? this.user(u.manager).id : null };
      this.users.set(u.id, await updateUser(tx, this.user("zhaolei"), current, change, this.ago(60)));
    }
  }

  async lead(s: SeedLead, phone: string): Promise<void> {
    const owner = this.user(s.owner);
    const at = this.ago(s.daysAgo);
    const input = { name: s.name, phone, company: s.company, source: s.source, region: s.region, productLine: s.productLine, note: s.note, wechatId: s.wechatId };
    const result = await createLead(this.tx, owner, input, at, this.settings);
    if (result.kind === "duplicate") return;
    this.counts.leads++;
    let lead: Lead = result.lead;
    for (const [i, kind] of (s.behaviour ?? []).entries()) {
      const change = { delta: this.settings.leads.behaviourPoints[kind] ?? 0, kind: "behaviour" as const, reason: `行为：${kind}`, eventKey: `seed:${lead.id}:${kind}` };
      lead = (await addScore(this.tx, lead, change, new Date(at.getTime() + (i + 1) * 3_600_000), this.settings)) ?? lead;
    }
    for (const f of s.followUps ?? []) await this.followUp(owner, { kind: "lead", lead }, f);
    if (s.customer) await this.convert(lead, owner, s.customer, Math.max(s.daysAgo - 2, 1));
  }

  private async followUp(author: User, target: FollowUpTarget, f: SeedFollowUp): Promise<void> {
    const nextAt = f.nextInDays === undefined ? undefined : this.ago(-f.nextInDays);
    await recordFollowUp(this.tx, author, target, { content: f.content, channel: f.channel, nextAt }, this.ago(f.daysAgo));
    this.counts.followUps++;
  }

  private async convert(lead: Lead, owner: User, c: SeedCustomer, daysAgo: number): Promise<void> {
    const { tx } = this;
    const at = this.ago(daysAgo);
    const converted = await convertLead(tx, owner, { ...lead, owner }, at, this.settings);
    if (converted.kind !== "converted") return;
    this.counts.customers++;
    this.counts.opportunities++;
    this.counts.contacts++;
    const { customer, contact } = converted;
    const details = { level: c.level, industry: c.industry, tags: c.tags };
    await tx.customer.update({ where: { id: customer.id }, data: { ...details, updatedAt: at } });
    await audit(tx, { actorId: owner.id, action: "update", entity: "customer", entityId: customer.id, detail: { before: { level: null, industry: null, tags: [] }, after: details }, at });
    await tx.contact.update({ where: { id: contact.id }, data: { title: c.title, customFields: { decisionRole: c.decisionRole } } });
    for (const p of c.contacts) {
      const data = { name: p.name, initials: initialsOf(p.name), title: p.title, email: p.email, customFields: { decisionRole: p.decisionRole } };
      const birthday = p.birthday ? new Date(`${p.birthday}T00:00:00Z`) : undefined;
      const made = await tx.contact.create({ data: { ...data, birthday, customerId: customer.id, createdAt: at } });
      await audit(tx, { actorId: owner.id, action: "create", entity: "contact", entityId: made.id, detail: { after: { ...data, birthday: p.birthday } }, at });
      this.counts.contacts++;
    }
    for (const f of c.followUps) await this.followUp(owner, { kind: "customer", customer }, f);
    await this.advance(converted.opportunity, owner, c, daysAgo);
  }

  /** Fills what the stage gates need, then moves one stage at a time to the target. */
  private async advance(opp: Opportunity, owner: User, c: SeedCustomer, daysAgo: number): Promise<void> {
    const stages = this.settings.opportunities.stages;
    const close = c.closeInDays === undefined ? undefined : new Date(Math.floor((this.now.getTime() + c.closeInDays * DAY) / DAY) * DAY);
    const target = stages.find((s) => s.name === c.stage)!;
    const fields = {
      ...(c.needsAnalysis ? { needsAnalysis: c.needsAnalysis } : {}),
      ...(c.budget ? { budget: c.budget } : {}),
      ...(c.amount && !target.outcome ? { amount: c.amount } : {}),
      ...(close ? { expectedCloseDate: close } : {}),
      ...(c.decisionMaker ? { decisionMaker: c.decisionMaker } : {}),
    };
    let current = Object.keys(fields).length ? await updateOpportunity(this.tx, owner, opp, fields, this.ago(daysAgo)) : opp;
    const open = stages.filter((s) => !s.outcome).map((s) => s.name);
    const path = target.outcome === "lost" ? [c.stage] : [...open.slice(1, target.outcome ? undefined : open.indexOf(c.stage) + 1), ...(target.outcome ? [c.stage] : [])];
    for (const [i, stage] of path.entries()) {
      const at = this.ago(Math.max(daysAgo - Math.round(((i + 1) * (daysAgo - 1)) / (path.length + 1)), 1));
      const extra = target.outcome === "won" ? { amount: c.amount } : target.outcome === "lost" ? { lostReason: c.lostReason } : {};
      const moved = await moveStage(this.tx, owner, current, stage, at, this.settings, stage === c.stage ? extra : {});
      if (moved.kind !== "moved") throw new Error(`seed: ${opp.name} cannot enter ${stage} (${moved.kind})`);
      current = moved.opportunity;
    }
  }

  /** The catalogue, added by the admin through the catalogue's own service (audited); a product already there is kept as it is. */
  async products(): Promise<void> {
    for (const p of PRODUCTS) {
      const r = await createProduct(this.tx, this.user("zhaolei").id, p, this.ago(45), { via: "seed" });
      if (r.kind === "saved") this.counts.products++;
    }
  }

  async poolCustomer(p: (typeof POOL)[number], phone: string): Promise<void> {
    const { tx } = this;
    const nameKey = normalizeCompany(p.name) || p.name;
    const at = this.ago(p.daysAgo);
    const [customer] = await tx.customer.createManyAndReturn({
      data: [{ name: p.name, nameKey, initials: initialsOf(p.name), industry: p.industry, region: p.region, level: "潜在", pooledAt: at, lastFollowUpAt: this.ago(p.daysAgo + 30), createdAt: this.ago(p.daysAgo + 50), updatedAt: at }],
      skipDuplicates: true,
    });
    if (!customer) return;
    const from = this.user(p.from);
    await tx.contact.create({ data: { customerId: customer.id, name: p.contact.name, initials: initialsOf(p.contact.name), title: p.contact.title, phone, createdAt: customer.createdAt } });
    const reason = `${this.settings.pool.returnAfterDays} 天未跟进，自动退回公海`;
    await tx.poolEvent.create({ data: { customerId: customer.id, kind: "returned", fromUserId: from.id, reason, at } });
    await audit(tx, { actorId: from.id, action: "create", entity: "customer", entityId: customer.id, detail: { after: { name: p.name, ownerId: from.id } }, at: customer.createdAt });
    await audit(tx, { actorId: null, action: "pool_return", entity: "customer", entityId: customer.id, detail: { before: { ownerId: from.id }, after: { ownerId: null }, reason }, at });
    this.counts.customers++;
    this.counts.pool++;
    this.counts.contacts++;
  }
}

function createdLine(c: Counts): string {
  const parts: Array<[number, string]> = [
    [c.teams, "个团队"],
    [c.users, "位同事"],
    [c.leads, "条线索"],
    [c.customers, `个客户（${c.pool} 个在公海）`],
    [c.contacts, "位联系人"],
    [c.opportunities, "个商机"],
    [c.followUps, "条跟进"],
    [c.products, "个产品"],
    [c.quotes, `份报价（${c.quotesSent} 份已发送）`],
    [c.contracts, "份合同（含回款计划和回款）"],
  ];
  return zhData.seedCreated(parts.filter(([n]) => n > 0).map(([n, what]) => zhData.seedCount(n, what)));
}

async function main(): Promise<number> {
  const { db, settings, target, config } = await openCliDatabase();
  try {
    process.stdout.write(`${zhData.seedHeading(target)}\n`);
    const random = seededRandom(20261123);
    const phones = [...LEADS, ...POOL].map(() => mobileFrom(random));
    const counts = await db.prisma.$transaction(
      async (tx) => {
        const seeder = new Seeder(tx, settings, systemClock.now(), config.timeZone);
        await seeder.people();
        for (const [i, lead] of LEADS.entries()) await seeder.lead(lead, phones[i]!);
        for (const [i, p] of POOL.entries()) await seeder.poolCustomer(p, phones[LEADS.length + i]!);
        await seeder.products();
        const contracts = await seedReceivables(tx, settings, systemClock.now(), config.timeZone);
        const quotes = await seedQuotes(tx, settings, systemClock.now(), config.timeZone);
        return { ...seeder.counts, contracts, quotes: quotes.quotes, quotesSent: quotes.sent };
      },
      { maxWait: 15_000, timeout: 120_000 },
    );
    const added = Object.values(counts).some((n) => n > 0);
    process.stdout.write(`${added ? createdLine(counts) : zhData.seedNothing}\n`);
    process.stdout.write(`${zhData.seedTryIt("wangfang", "王芳", "zhoujing", "周静")}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli("seed", main);
