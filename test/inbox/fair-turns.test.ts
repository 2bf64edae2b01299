// Fair turns (issue 17): one sender's flood must not hold back other people's messages, a tap
// on a card goes ahead of plain messages, and each sender's own messages keep their order.
// Driven one worker batch at a time through the signed webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYS, sentTexts, startHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.dispose());

const FLOOD = 120;
const statusOf = async (sender: string) =>
  (await h.tdb.db.prisma.inboxEvent.findMany({ where: { senderId: sender }, orderBy: { id: "asc" } })).map((e) => e.status);

describe("a flood from one sender", () => {
  it("lets another sender's message through in the first batch", async () => {
    for (let i = 0; i < FLOOD; i++) expect((await h.sendText("flooder", `新建线索 洪水${i} 1370000${String(i).padStart(4, "0")}`)).status).toBe(200);
    expect((await h.sendText("quiet", "帮助")).status).toBe(200);
    const ct = Math.floor(h.clock.now().getTime() / 1000);
    const tap = `<xml><ToUserName>${KEYS.corpId}</ToUserName><FromUserName>tapper</FromUserName><CreateTime>${ct}</CreateTime><MsgType>event</MsgType><Event>template_card_event</Event><EventKey>cmd:我的线索</EventKey><TaskId>t-1</TaskId><CardType>button_interaction</CardType><ResponseCode>rc-fair</ResponseCode><AgentID>1000002</AgentID></xml>`;
    expect((await h.post(tap)).status).toBe(200);

    await h.server.core.worker.runOnce();
    expect(await statusOf("quiet")).toEqual(["done"]);
    expect(await statusOf("tapper")).toEqual(["done"]);
    const flood = await statusOf("flooder");
    // Only a few of the flood went in this batch; the rest wait their turns.
    expect(flood.filter((s) => s === "done").length).toBeLessThanOrEqual(4);
    expect(flood.filter((s) => s === "pending").length).toBeGreaterThan(FLOOD - 10);
  });

  it("still answers the whole flood, in the order it was sent", async () => {
    await h.drain();
    expect(new Set(await statusOf("flooder"))).toEqual(new Set(["done"]));
    const leads = await h.tdb.db.prisma.lead.findMany({ where: { owner: { wecomUserId: "flooder" } }, orderBy: { code: "asc" } });
    expect(leads.map((l) => l.name)).toEqual(Array.from({ length: FLOOD }, (_, i) => `洪水${i}`));
    // Every one answered (WeCom's limit of replies a minute to one person paces the sending).
    expect(await h.tdb.db.prisma.outboxMessage.count({ where: { recipient: "flooder" } })).toBe(FLOOD);
    expect(sentTexts(h.fake, "flooder").length).toBeGreaterThan(0);
  });

  it("a tap waits behind the tapper's own earlier messages (a sender's order holds)", async () => {
    for (let i = 0; i < 6; i++) await h.sendText("tapper", `新建线索 顺序${i} 1360000${String(i).padStart(4, "0")}`);
    const ct = Math.floor(h.clock.now().getTime() / 1000);
    await h.post(
      `<xml><ToUserName>${KEYS.corpId}</ToUserName><FromUserName>tapper</FromUserName><CreateTime>${ct}</CreateTime><MsgType>event</MsgType><Event>template_card_event</Event><EventKey>cmd:我的线索</EventKey><TaskId>t-2</TaskId><CardType>button_interaction</CardType><ResponseCode>rc-fair-2</ResponseCode><AgentID>1000002</AgentID></xml>`,
    );
    const events = await h.tdb.db.prisma.inboxEvent.findMany({ where: { senderId: "tapper", status: "pending" }, orderBy: { id: "asc" } });
    const turns = events.map((e) => e.turnAt.getTime());
    expect(turns).toEqual([...turns].sort((a, b) => a - b));
    await h.drain();
    const leads = await h.tdb.db.prisma.lead.findMany({ where: { name: { startsWith: "顺序" } }, orderBy: { code: "asc" } });
    expect(leads.map((l) => l.name)).toEqual(["顺序0", "顺序1", "顺序2", "顺序3", "顺序4", "顺序5"]);
    expect(sentTexts(h.fake, "tapper").at(-1)).toContain("顺序5");
  });
});
