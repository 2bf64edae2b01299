// Where one command's processing time goes (issue 17): N lead-creating commands from N new
// senders are acknowledged, then processed inline; every SQL statement on the PostgreSQL
// driver is counted and timed. Prints statements per event (by kind), the database's share of
// the wall time, and the most frequent statements.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx scripts/profile/processing.ts [N] [--sql] [--same-senders]
// --same-senders: the senders already wrote once (known users, as in a working day).
// --cpu-prof=<file>: a CPU profile of the processing only (open in Chrome DevTools).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import pg from "pg";

interface Stat {
  n: number;
  ms: number;
}
const stats = new Map<string, Stat>();
const fullText = new Map<string, string>();
const showSql = process.argv.includes("--sql");
let counting = false;
let dbMs = 0;
let statements = 0;
const origQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const text = typeof first === "string" ? first : ((first as { text?: string })?.text ?? "?");
  const t0 = performance.now();
  const r = origQuery.apply(this, args);
  if (counting && r && typeof (r as Promise<unknown>).then === "function") {
    const key = text.replace(/\s+/g, " ").replace(/\$\d+/g, "$").slice(0, 140);
    (r as Promise<unknown>).then(
      () => {
        const ms = performance.now() - t0;
        if (showSql && !fullText.has(key)) fullText.set(key, text);
        const s = stats.get(key) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += ms;
        stats.set(key, s);
        dbMs += ms;
        statements++;
      },
      () => {},
    );
  }
  return r;
};

const { startHarness } = await import("../../test/support/harness.ts");
const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200);
const h = await startHarness();
try {
  // warm-up
  for (let i = 0; i < 20; i++) await h.sendText(`warm-${i}`, `新建线索 预热${i} 1390000${String(i).padStart(4, "0")}`).expect(200);
  await h.drain();
  const sameSenders = process.argv.includes("--same-senders");
  for (let i = 0; i < n; i++) await h.sendText(sameSenders ? `warm-${i % 20}` : `prof-${i}`, `新建线索 测试${i} 1380000${String(i).padStart(4, "0")}`).expect(200);
  const profile = process.argv.find((a) => a.startsWith("--cpu-prof="))?.slice("--cpu-prof=".length);
  const session = profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  counting = true;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await h.drain();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (session) {
    const { profile: p } = await session.post("Profiler.stop");
    writeFileSync(profile!, JSON.stringify(p));
    session.disconnect();
  }
  counting = false;
  await new Promise((r) => setTimeout(r, 50));
  const kinds = new Map<string, number>();
  for (const [k, s] of stats) {
    const kind = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(k) ? "transaction control" : /^\s*(\w+)/.exec(k)?.[1]?.toUpperCase() ?? "?";
    kinds.set(kind, (kinds.get(kind) ?? 0) + s.n);
  }
  process.stdout.write(`${n} events processed inline in ${wall.toFixed(0)} ms: ${(wall / n).toFixed(2)} ms/event, ${((n * 1000) / wall).toFixed(0)} events/s\n`);
  process.stdout.write(`this process's CPU: ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms/event (user ${(cpu.user / 1000 / n).toFixed(2)}, system ${(cpu.system / 1000 / n).toFixed(2)})\n`);
  process.stdout.write(`statements: ${(statements / n).toFixed(1)} per event; database time ${(dbMs / n).toFixed(2)} ms/event (${((dbMs / wall) * 100).toFixed(0)} % of wall)\n`);
  for (const [k, c] of [...kinds].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${k.padEnd(20)} ${(c / n).toFixed(2)} per event\n`);
  process.stdout.write("\nstatements by total time:\n");
  for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40))
    process.stdout.write(`  ${(s.n / n).toFixed(2).padStart(5)}/ev ${(s.ms / s.n).toFixed(2).padStart(6)} ms  ${showSql ? fullText.get(k) : k}\n`);
} finally {
  await h.dispose();
}
