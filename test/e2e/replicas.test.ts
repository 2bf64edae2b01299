// Two real `npm start` processes (replicas) on one PostgreSQL database behind "a load
// balancer" (this test, alternating): every command is processed once, each sender's commands
// in the order they were acknowledged, every reply sent once, and both replicas do the work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeWecomServer } from "../support/fake-wecom-server.ts";
import { KEYS, nextMsgId, SECRET, wecomEnv } from "../support/harness.ts";
import { freePort, killStragglers, runTs, until, type Proc } from "../support/process.ts";
import { signCallback, textMessageXml } from "../support/signed-callback.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

let fake: FakeWecomServer;
let tdb: TestDatabase;

beforeAll(async () => {
  if (!onPostgres()) return;
  fake = await new FakeWecomServer({ corpId: KEYS.corpId, secret: SECRET }).start();
  tdb = await createTestDatabase();
});
afterAll(killStragglers);
afterAll(async () => {
  await fake?.stop();
  await tdb?.dispose();
});

const SENDERS = 6;
const EACH = 10;

async function post(port: number, from: string, content: string): Promise<number> {
  const xml = textMessageXml({ from, content, msgId: nextMsgId(), createTime: Math.floor(Date.now() / 1000), corpId: KEYS.corpId });
  const s = signCallback(KEYS, xml, new Date());
  return (await fetch(`http://127.0.0.1:${port}/webhooks/wecom${s.path}`, { method: "POST", body: s.body })).status;
}

const processed = (p: Proc) => (p.output().match(/running action/g) ?? []).length;

describe.skipIf(!onPostgres())("two replicas on one PostgreSQL (needs DATABASE_URL)", () => {
  it("process every command once, in each sender's order, and share the work", { timeout: 180_000 }, async () => {
    const ports = [await freePort(), await freePort()];
    const replicas = ports.map((port) =>
      runTs("src/main.ts", [], { DATABASE_URL: tdb.url, ...wecomEnv(fake.baseUrl), PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info" }),
    );
    await Promise.all(replicas.map((r) => r.waitFor(/wecrm listening/, 90_000)));

    // Each sender writes in turn (the next after the last was acknowledged), alternating replicas.
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, s) => {
        for (let i = 0; i < EACH; i++) {
          const n = s * EACH + i;
          expect(await post(ports[(s + i) % 2]!, `rep${s}`, `新建线索 副本${n} 1350000${String(n).padStart(4, "0")}`)).toBe(200);
        }
      }),
    );
    const total = SENDERS * EACH;
    await until(() => (fake.sentMessages().length >= total ? true : undefined), 120_000);

    const leads = await tdb.db.prisma.lead.findMany({ include: { owner: true }, orderBy: { code: "asc" } });
    expect(leads).toHaveLength(total);
    for (let s = 0; s < SENDERS; s++) {
      const mine = leads.filter((l) => l.owner?.wecomUserId === `rep${s}`).map((l) => l.name);
      expect(mine).toEqual(Array.from({ length: EACH }, (_, i) => `副本${s * EACH + i}`));
    }
    // One reply per command, none twice.
    const replies = fake.sentMessages().map((m) => /副本\d+/.exec(JSON.stringify(m))?.[0]);
    expect(new Set(replies).size).toBe(total);
    expect(replies).toHaveLength(total);
    const events = await tdb.db.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM inbox_events GROUP BY status");
    expect(events).toEqual([{ status: "done", n: total }]);
    // Both took part (each acknowledged half and claimed from the shared queue).
    expect(replicas.map(processed).every((n) => n > 0)).toBe(true);
    expect(replicas.map(processed).reduce((a, b) => a + b, 0)).toBe(total);

    for (const r of replicas) r.child.kill("SIGTERM");
    expect(await Promise.all(replicas.map((r) => r.exited()))).toEqual([0, 0]);
  });
});
