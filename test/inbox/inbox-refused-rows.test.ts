// Text the database cannot store as is: a NUL (U+0000) is refused by PostgreSQL's text and
// jsonb. Such deliveries are stored with their NULs stripped (both channels), and a row the
// database still refuses fails only itself, never the other deliveries of its batch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InboxRowRefusedError, InboxStore } from "../../src/inbox/inbox-store.ts";
import type { InboundEvent } from "../../src/inbox/inbound-event.ts";
import { KEYS, nextMsgId, startHarness, type Harness } from "../support/harness.ts";
import { textMessageXml } from "../support/signed-callback.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mp: true });
});
afterAll(() => h.dispose());

const ct = () => Math.floor(h.clock.now().getTime() / 1000);
const wecomText = (from: string, content: string) =>
  textMessageXml({ from, content, msgId: nextMsgId(), createTime: ct(), corpId: KEYS.corpId });

describe("a NUL in a signed message", () => {
  it("WeCom: stored without the NUL, and the deliveries batched with it are stored too", async () => {
    const before = await h.tdb.db.prisma.inboxEvent.count();
    const results = await Promise.all([
      h.post(wecomText("nul_sender", "跟进\u0000嘉禾 明天\u0000")),
      ...Array.from({ length: 5 }, (_, i) => h.post(wecomText(`batch_${i}`, `帮助 ${i}`))),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await h.tdb.db.prisma.inboxEvent.count()).toBe(before + 6);
    const row = await h.tdb.db.prisma.inboxEvent.findFirst({ where: { senderId: "nul_sender" } });
    expect((row?.payload as { text?: string } | undefined)?.text).toBe("跟进嘉禾 明天");
  });

  it("Official Account: stored without the NUL (no endless 503)", async () => {
    const xml = `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[o-nul]]></FromUserName><CreateTime>${ct()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好\u0000报价]]></Content><MsgId>${nextMsgId()}</MsgId></xml>`;
    const res = await h.postMp(xml);
    expect(res.status).toBe(200);
    const row = await h.tdb.db.prisma.inboxEvent.findFirst({ where: { senderId: "o-nul" } });
    expect((row?.payload as { text?: string } | undefined)?.text).toBe("你好报价");
  });
});

describe("a row the database refuses", () => {
  it("fails alone: the rest of its batch is stored, and it is a refusal, not an outage", async () => {
    const store = new InboxStore(h.tdb.db, () => h.clock.now(), () => {});
    const event = (sender: string, text: string): InboundEvent => ({
      channel: "console",
      type: "text",
      deliveryKey: `refused-${sender}`,
      sender,
      createTime: ct(),
      text,
    });
    // A lone surrogate cannot arrive from a UTF-8 body, but jsonb refuses it: a stand-in
    // for any row-level data error.
    const results = await Promise.allSettled([
      store.accept(event("ok_1", "帮助")),
      store.accept(event("bad", "x\uD800y")),
      store.accept(event("ok_2", "帮助")),
    ]);
    expect(results[0]).toEqual({ status: "fulfilled", value: "accepted" });
    expect(results[1]?.status).toBe("rejected");
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(InboxRowRefusedError);
    expect(results[2]).toEqual({ status: "fulfilled", value: "accepted" });
    const stored = await h.tdb.db.prisma.inboxEvent.findMany({ where: { dedupeKey: { startsWith: "refused-" } } });
    expect(stored.map((r) => r.senderId).sort()).toEqual(["ok_1", "ok_2"]);
  });
});
