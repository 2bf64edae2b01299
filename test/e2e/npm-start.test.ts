// `npm start` as a user runs it: the real process, a real port, a fake WeCom on 127.0.0.1.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { FakeWecomServer } from "../support/fake-wecom-server.ts";
import { KEYS, nextMsgId, SECRET, wecomEnv } from "../support/harness.ts";
import { killStragglers, freePort, runTs, until } from "../support/process.ts";
import { signCallback, textMessageXml } from "../support/signed-callback.ts";
import { createTestDatabase, onPostgres, type TestDatabase } from "../support/test-db.ts";

let fake: FakeWecomServer;
let dataDir: string;
let tdb: TestDatabase | undefined;
let dbEnv: Record<string, string>;

beforeAll(async () => {
  fake = await new FakeWecomServer({ corpId: KEYS.corpId, secret: SECRET }).start();
  fake.users = { e2e_rep: "端到端" };
  dataDir = mkdtempSync(path.join(tmpdir(), "wecrm-e2e-"));
  if (onPostgres()) tdb = await createTestDatabase();
  dbEnv = tdb ? { DATABASE_URL: tdb.url! } : { DATA_DIR: path.join(dataDir, "data") };
});
afterAll(killStragglers);
afterAll(async () => {
  await fake.stop();
  await tdb?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the signed webhook end to end, shuts down gracefully, and keeps its data", async () => {
    const port = await freePort();
    const proc = runTs("src/main.ts", [], { ...dbEnv, ...wecomEnv(fake.baseUrl), PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info" });
    await proc.waitFor(/wecrm listening/);
    expect(proc.output()).toMatch(/migrations applied|schema up to date/);

    const xml = textMessageXml({
      from: "e2e_rep",
      content: "新建线索 端到端 13500135000 测试公司 官网表单",
      msgId: nextMsgId(),
      createTime: Math.floor(Date.now() / 1000),
      corpId: KEYS.corpId,
    });
    const s = signCallback(KEYS, xml, new Date());
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/wecom${s.path}`, { method: "POST", body: s.body });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const sent = await until(() => fake.sentMessages().find((m) => m["touser"] === "e2e_rep"));
    expect(sent["msgtype"]).toBe("template_card");

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", wecom: "on" });
    // Free text is read in the processor thread; its figure reaches this thread's /metrics.
    const chat = textMessageXml({ from: "e2e_rep", content: "今天天气真好", msgId: nextMsgId(), createTime: Math.floor(Date.now() / 1000), corpId: KEYS.corpId });
    const c = signCallback(KEYS, chat, new Date());
    expect((await fetch(`http://127.0.0.1:${port}/webhooks/wecom${c.path}`, { method: "POST", body: c.body })).status).toBe(200);
    await until(() => fake.sentMessages().filter((m) => m["touser"] === "e2e_rep").length >= 2 || undefined);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain("wecrm_outbox_sent_total");
    expect(metrics).toContain('wecrm_free_text_total{engine="offline",result="nothing"} 1');

    proc.child.kill("SIGTERM");
    expect(await proc.exited()).toBe(0);
    expect(proc.output()).toContain("stopped");

    const db = tdb ? tdb.db : await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "data") });
    const leads = await db.prisma.lead.findMany({ include: { owner: true } });
    expect(leads.map((l) => [l.name, l.owner?.wecomUserId, l.owner?.name])).toEqual([["端到端", "e2e_rep", "端到端"]]);
    if (!tdb) await db.close();
  });

  it("starts without WeCom settings, says the webhook is off and points to the console", async () => {
    const port = await freePort();
    const proc = runTs("src/main.ts", [], { ...dbEnv, PORT: String(port), HOST: "127.0.0.1" });
    // The notice is logged just after "listening": wait for it rather than race it.
    await proc.waitFor(/WeCom webhook is off/);
    expect(proc.output()).toContain("npm run chat -- --user");
    expect((await fetch(`http://127.0.0.1:${port}/webhooks/wecom`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    proc.child.kill("SIGTERM");
    expect(await proc.exited()).toBe(0);
  });

  it("stops at start-up with one line naming a bad variable", async () => {
    const proc = runTs("src/main.ts", [], { ...dbEnv, ...wecomEnv(fake.baseUrl), WECOM_ENCODING_AES_KEY: "short" });
    expect(await proc.exited()).not.toBe(0);
    const lines = proc.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^wecrm: configuration error: WECOM_ENCODING_AES_KEY must be exactly 43/);
  });

  it("names a rejected secret's variable and rule, never its value", async () => {
    const secret = "Sup3rSecretValue9";
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...wecomEnv(fake.baseUrl), WECOM_ENCODING_AES_KEY: `${secret}xx` }, /WECOM_ENCODING_AES_KEY must be exactly 43 letters and digits/],
      [{ MP_APP_ID: "wx1234", MP_APP_SECRET: "s", MP_TOKEN: `${secret}!` }, /MP_TOKEN must be 3 to 32 letters and digits/],
      [{ DATABASE_URL: `postgresql://crm:${secret}@127.0.0.1:99999/crm` }, /DATABASE_URL must be a URL starting with postgresql:/],
    ];
    for (const [env, rule] of cases) {
      const proc = runTs("src/main.ts", [], { ...dbEnv, ...env });
      expect(await proc.exited()).toBe(78);
      expect(proc.output()).toMatch(rule);
      expect(proc.output()).not.toContain(secret);
    }
  });

  it("stops at start-up with one line naming a mistake in the CRM_CONFIG file", async () => {
    const file = path.join(dataDir, "crm.yaml");
    writeFileSync(file, "pool:\n  returnAfterDays: 0\n");
    const proc = runTs("src/main.ts", [], { ...dbEnv, CRM_CONFIG: file });
    expect(await proc.exited()).not.toBe(0);
    const lines = proc.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`wecrm: configuration error: ${file}: pool.returnAfterDays:`);
  });

  it.runIf(!onPostgres())("refuses a second process on the same embedded data directory", async () => {
    const port = await freePort();
    const first = runTs("src/main.ts", [], { ...dbEnv, PORT: String(port), HOST: "127.0.0.1" });
    await first.waitFor(/wecrm listening/);
    const second = runTs("src/main.ts", [], { ...dbEnv, PORT: String(await freePort()), HOST: "127.0.0.1" });
    expect(await second.exited()).toBe(1);
    expect(second.output()).toMatch(/is in use by process \d+/);
    first.child.kill("SIGTERM");
    expect(await first.exited()).toBe(0);
  });
});
