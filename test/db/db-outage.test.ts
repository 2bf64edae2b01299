// Database unreachable → 503 (WeCom retries), no crash, and recovery without a restart.
import { createServer, Socket, type Server } from "node:net";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config/env.ts";
import { openDatabase } from "../../src/db/database.ts";
import { createLogger } from "../../src/log.ts";
import { WecrmServer } from "../../src/server.ts";
import { KEYS, nextMsgId, START, startHarness, wecomEnv, type Harness } from "../support/harness.ts";
import { signCallback, textMessageXml } from "../support/signed-callback.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

const xml = (at: Date) =>
  textMessageXml({ from: "rep", content: "帮助", msgId: nextMsgId(), createTime: Math.floor(at.getTime() / 1000), corpId: KEYS.corpId });

describe("when the inbox cannot be written", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.dispose());

  it("answers 503 and recovers as soon as the database does", async () => {
    await h.tdb.db.query("ALTER TABLE inbox_events RENAME TO inbox_events_away");
    const down = await h.post(xml(h.clock.now()));
    expect(down.status).toBe(503);
    await h.tdb.db.query("ALTER TABLE inbox_events_away RENAME TO inbox_events");
    expect((await h.post(xml(h.clock.now()))).status).toBe(200);
    expect(await h.tdb.db.prisma.inboxEvent.count()).toBe(1);
  });
});

/** A TCP proxy in front of the PostgreSQL server that a test can cut and restore, or
 * freeze: connections stay open, nothing is forwarded (a hung server or a dead route). */
class CuttableProxy {
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  port = 0;
  frozen = false;
  async open(port = 0): Promise<void> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(5432, "127.0.0.1");
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.on("data", (d) => this.frozen || upstream.write(d));
      upstream.on("data", (d) => this.frozen || client.write(d));
    });
    await new Promise<void>((r) => this.server!.listen(port, "127.0.0.1", r));
    this.port = (this.server.address() as { port: number }).port;
  }
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
  }
}

describe.runIf(onPostgres())("PostgreSQL server unreachable or frozen", () => {
  let tdb: TestDatabase;
  const proxy = new CuttableProxy();
  beforeAll(async () => {
    tdb = await createTestDatabase();
    await proxy.open();
  });
  afterAll(async () => {
    await proxy.cut();
    await tdb.dispose();
  });

  /** A server whose database connections all go through the proxy. */
  async function serveThroughProxy() {
    const url = new URL(tdb.url!);
    url.port = String(proxy.port);
    url.hostname = "127.0.0.1";
    const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 3 }, () => {});
    const clock = new ManualClock(START);
    const server = new WecrmServer({ config: loadConfig(wecomEnv("http://127.0.0.1:9")), db, clock, log: createLogger("silent") });
    const req = supertest(server.app);
    const post = () => {
      const s = signCallback(KEYS, xml(clock.now()), clock.now());
      return req.post(`/webhooks/wecom${s.path}`).timeout(15_000).send(s.body);
    };
    const recovered = async () => {
      let status = 0;
      for (let i = 0; i < 20 && status !== 200; i++) {
        status = (await post()).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      expect((await req.get("/healthz")).status).toBe(200);
    };
    return { db, req, post, recovered };
  }

  it("503 while down, no crash, 200 again once the server is back", async () => {
    const { db, req, post, recovered } = await serveThroughProxy();
    const before = await tdb.db.prisma.inboxEvent.count();
    expect((await post()).status).toBe(200);
    await proxy.cut();
    expect((await post()).status).toBe(503);
    expect((await req.get("/healthz")).status).toBe(503);
    await proxy.open(proxy.port);
    await recovered();
    expect(await tdb.db.prisma.inboxEvent.count()).toBe(before + 2);
    await db.close();
  });

  it("frozen (connections open, nothing answers): acks 503 and /healthz says why within ~2 s, then recover", async () => {
    const { db, req, post, recovered } = await serveThroughProxy();
    expect((await post()).status).toBe(200);
    expect((await req.get("/healthz")).status).toBe(200);
    proxy.frozen = true;
    const started = Date.now();
    const [acks, health] = await Promise.all([Promise.all([post(), post(), post()]), req.get("/healthz").timeout(15_000)]);
    const elapsed = Date.now() - started;
    expect(acks.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: "unavailable", db: "unreachable" });
    expect(String(health.body.dbError)).not.toBe("");
    expect(elapsed).toBeLessThan(4_500); // was 55 s: nothing bounded a frozen connection
    proxy.frozen = false;
    await recovered();
    await db.close();
  });
});
