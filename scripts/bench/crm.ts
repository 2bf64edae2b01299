// `npm run bench:crm` — 查 latency over a realistic CRM: 100k customers (+ contacts and
// leads) loaded with bulk SQL into a fresh database, on PGlite (on disk, the embedded
// default) and PostgreSQL. It runs searchRecords — the function 查 runs — as a rep, a
// manager and an admin, each query in its own transaction like a chat message, over a mix
// of names, initials, phones, typos and misses; and, as the baseline, a primary-key lookup
// of a customer through the same path. Reported: p50/p99 in ms and as a ratio to the
// baseline; target p99 < 50 ms on PostgreSQL.
//
//   npm run bench:crm -- [--db pglite|postgres|both] [--customers 100000] [--leads 20000]
//                        [--queries 600] [--seed 1]
import type { User } from "../../src/auth/users.ts";
import type { Database } from "../../src/db/database.ts";
import { searchRecords } from "../../src/crm/search/search.ts";
import { seededRandom } from "../../src/util/seeded-random.ts";
import { loadCrmData, type LoadedData } from "./crm-data.ts";
import { queryMix, type BenchQuery } from "./crm-queries.ts";
import { crmDbReport, crmTable, writeCrmJson, type CrmDbReport, type Timed } from "./crm-report.ts";
import { onFreshDatabase, sweepLeftovers } from "./databases.ts";
import { benchArgs, benchPostgresUrl, chooseDatabases, intOption, type DbKind } from "./options.ts";
import { runMain } from "./run-main.ts";

const USAGE = `usage: npm run bench:crm -- [--db pglite|postgres|both] [--customers 100000] [--leads 20000] [--queries 600] [--seed 1]
  --db         default: both when PostgreSQL answers at DATABASE_URL (or postgresql://postgres@127.0.0.1:5432/postgres), else pglite
  --customers  customers to load (each with 1–2 contacts); e.g. 10000 for a quick run
  --queries    measured 查 queries per actor (rep, manager, admin), after 30 warm-up ones`;

const WARMUP = 30;

async function options() {
  const values = benchArgs({ db: { type: "string" }, customers: { type: "string" }, leads: { type: "string" }, queries: { type: "string" }, seed: { type: "string" } }, USAGE);
  const pgBaseUrl = benchPostgresUrl();
  const customers = intOption("customers", values.customers, 100_000, 100, 1_000_000);
  return {
    dbs: await chooseDatabases(values.db, pgBaseUrl),
    pgBaseUrl,
    customers,
    leads: intOption("leads", values.leads, Math.round(customers / 5), 0, 1_000_000),
    queries: intOption("queries", values.queries, 600, 10, 100_000),
    seed: intOption("seed", values.seed, 1, 0, 2 ** 31),
  };
}
type Options = Awaited<ReturnType<typeof options>>;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function baseline(db: Database, n: number): Promise<number[]> {
  const ids = (await db.query<{ id: string }>(`SELECT id::text AS id FROM customers ORDER BY random() LIMIT ${n + WARMUP}`)).map((r) => r.id);
  const out: number[] = [];
  for (const [i, id] of ids.entries()) {
    const ms = await timed(() => db.prisma.$transaction((tx) => tx.customer.findUnique({ where: { id } })));
    if (i >= WARMUP) out.push(ms);
  }
  return out;
}

async function searches(db: Database, actor: User, queries: BenchQuery[]): Promise<Timed[]> {
  const out: Timed[] = [];
  for (const [i, q] of queries.entries()) {
    const ms = await timed(() => db.prisma.$transaction((tx) => searchRecords(tx, actor, q.text, new Date())));
    if (i >= WARMUP) out.push({ kind: q.kind, ms });
  }
  return out;
}

async function actors(db: Database, data: LoadedData): Promise<Array<{ label: string; user: User; visible: (ownerId: string | null) => boolean }>> {
  const user = (id: string) => db.prisma.user.findUniqueOrThrow({ where: { id } });
  const team = new Set(data.staff.repIds.filter((_, i) => data.staff.repTeam[i] === 0));
  const rep = data.staff.repIds[0]!;
  return [
    { label: "a rep", user: await user(rep), visible: (o) => o === rep },
    { label: "a manager", user: await user(data.staff.managerIds[0]!), visible: (o) => o !== null && team.has(o) },
    { label: "an admin", user: await user(data.staff.adminId), visible: () => true },
  ];
}

function measureOn(o: Options, kind: DbKind): Promise<CrmDbReport> {
  return onFreshDatabase(kind, o.pgBaseUrl, async (db, fresh) => {
    process.stdout.write(`  ${kind}: loading ${o.customers} customers into ${fresh.where} … `);
    const t = performance.now();
    const data = await loadCrmData(db, { customers: o.customers, leads: o.leads, seed: o.seed });
    const loadSeconds = (performance.now() - t) / 1000;
    process.stdout.write(`${loadSeconds.toFixed(1)} s; measuring … `);
    const base = await baseline(db, o.queries);
    const timings: Record<string, Timed[]> = {};
    const rand = seededRandom(o.seed + 1);
    for (const a of await actors(db, data)) {
      timings[a.label] = await searches(db, a.user, queryMix(data.sample, a.visible, o.queries + WARMUP, rand, a.user.role === "admin"));
    }
    process.stdout.write("done\n");
    return crmDbReport(kind, fresh.label, { customers: data.customers, contacts: data.contacts, leads: data.leads }, loadSeconds, base, timings);
  });
}

async function main(): Promise<number> {
  const o = await options();
  const startedAt = new Date();
  process.stdout.write(`crm search benchmark: ${o.dbs.join(" + ")}, ${o.customers} customers, ${o.queries} queries per actor\n`);
  await sweepLeftovers(o);
  const reports: CrmDbReport[] = [];
  for (const kind of o.dbs) reports.push(await measureOn(o, kind));
  process.stdout.write("\n" + reports.map(crmTable).join("\n\n") + "\n");
  const file = writeCrmJson(startedAt, { ...o, pgBaseUrl: undefined }, reports);
  process.stdout.write(`\nfigures written to ${file}\n`);
  return 0;
}

runMain(main, USAGE);
