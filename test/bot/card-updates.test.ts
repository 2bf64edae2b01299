// Card updates (message/update_template_card) through the outbox and the WeCom sender, with
// the fallback text when a response code is too old, spent or refused; and the card context
// (ctx.card) the router gives an action run by a button press.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAction, everyonesListing, type ActionContext } from "../../src/actions/action.ts";
import { ActionRegistry } from "../../src/actions/registry.ts";
import { BotRouter } from "../../src/bot/router.ts";
import { renderForConsole } from "../../src/channels/console/console-render.ts";
import { defaultCrmSettings } from "../../src/config/crm/crm-settings.ts";
import { inboundEventSchema } from "../../src/inbox/inbound-event.ts";
import { createLogger } from "../../src/log.ts";
import { enqueue } from "../../src/outbox/outbox.ts";
import { cardUpdate, type CardClick } from "../../src/render/reply.ts";
import { sentTexts, startHarness, type Harness } from "../support/harness.ts";

const UPDATE = "/cgi-bin/message/update_template_card";
const HOUR = 3_600_000;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.dispose());

const outbox = () => h.tdb.db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });

/** What an action does after a button press: reply with a card update, through the outbox. */
async function updateCard(to: string, responseCode: string, clickedAt: Date, key = `update:${responseCode}`): Promise<void> {
  const reply = cardUpdate({ taskId: "task-1", responseCode, clickedAt }, "已同意", "已同意：审批 #1");
  await h.tdb.db.prisma.$transaction((tx) => enqueue(tx, [{ channel: "wecom", recipient: to, reply, dedupeKey: key }], h.clock.now()));
  await h.drain();
}

describe("card updates", () => {
  it("replace the clicked card's buttons by one grey label, once", async () => {
    await updateCard("mgr_a", "rc-100", h.clock.now());
    expect(h.fake.cardUpdates()).toEqual([{ userids: ["mgr_a"], agentid: 1000002, response_code: "rc-100", button: { replace_name: "已同意" } }]);
    expect(h.fake.sentMessages()).toEqual([]);
    expect(await outbox()).toMatchObject([{ status: "sent", attempts: 1 }]);
    await updateCard("mgr_a", "rc-100", h.clock.now()); // the same cause again: deduplicated
    h.clock.advance(HOUR);
    await h.drain();
    expect(h.fake.callsTo(UPDATE)).toHaveLength(1);
  });

  it("an expired or spent response code: the fallback text is sent instead, once", async () => {
    h.fake.expiredResponseCodes.add("rc-old");
    await updateCard("mgr_a", "rc-old", h.clock.now());
    expect(h.fake.callsTo(UPDATE)).toHaveLength(1);
    expect(h.fake.cardUpdates()).toEqual([]);
    expect(sentTexts(h.fake, "mgr_a")).toEqual(["已同意：审批 #1"]);
    await updateCard("mgr_a", "rc-200", h.clock.now());
    await updateCard("mgr_a", "rc-200", h.clock.now(), "second use of rc-200"); // a code works once
    expect(h.fake.cardUpdates()).toHaveLength(1);
    expect(sentTexts(h.fake, "mgr_a")).toEqual(["已同意：审批 #1", "已同意：审批 #1"]);
    h.clock.advance(HOUR);
    await h.drain();
    expect(h.fake.callsTo(UPDATE)).toHaveLength(3);
    expect(h.fake.sentMessages()).toHaveLength(2);
    expect((await outbox()).map((m) => m.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("a click older than 72 hours: the fallback text, without trying the update", async () => {
    const clickedAt = h.clock.now();
    h.clock.advance(72 * HOUR - 60_000);
    await updateCard("mgr_a", "rc-300", clickedAt);
    expect(h.fake.cardUpdates()).toHaveLength(1);
    h.clock.advance(2 * 60_000);
    await updateCard("mgr_a", "rc-301", clickedAt);
    expect(h.fake.callsTo(UPDATE)).toHaveLength(1);
    expect(sentTexts(h.fake, "mgr_a")).toEqual(["已同意：审批 #1"]);
  });

  it("an outage is retried, not fallen back; a configuration error pauses the channel", async () => {
    h.fake.failNext(UPDATE, { kind: "http", status: 502 });
    await updateCard("mgr_a", "rc-400", h.clock.now());
    expect(await outbox()).toMatchObject([{ status: "pending", attempts: 1 }]);
    h.clock.advance(60_000);
    await h.drain();
    expect(h.fake.cardUpdates()).toMatchObject([{ response_code: "rc-400" }]);
    h.fake.failNext(UPDATE, { kind: "errcode", errcode: 40001 });
    await updateCard("mgr_b", "rc-401", h.clock.now());
    expect((await outbox())[1]).toMatchObject({ status: "pending" });
    expect(h.server.core.dispatcher.configErrors()).toEqual(["wecom"]);
    expect(h.fake.sentMessages()).toEqual([]);
  });

  it("cardUpdate(): an update only with a response code, else the fallback as text (which must fit one message)", () => {
    const click: CardClick = { taskId: "t", responseCode: "rc", clickedAt: h.clock.now() };
    const update = cardUpdate(click, "已完成", "好".repeat(600));
    expect(update).toMatchObject({ kind: "card_update", clickedAt: "2026-11-23T02:00:00.000Z" });
    expect(renderForConsole(update)).toBe("[卡片已更新] 已完成");
    expect(() => cardUpdate(click, "已完成", "好".repeat(700))).toThrow();
    expect(cardUpdate(undefined, "已完成", "完成了")).toEqual({ kind: "text", text: "完成了" });
    expect(cardUpdate({ ...click, responseCode: undefined }, "已完成", "完成了")).toEqual({ kind: "text", text: "完成了" });
  });
});

describe("ctx.card", () => {
  it("is the pressed card (task id, response code, click time) for a button, undefined for typed text", async () => {
    const seen: Array<ActionContext["card"]> = [];
    const probe = defineAction({
      ...everyonesListing,
      params: z.object({}),
      name: "test.card_probe",
      command: "看卡片",
      aliases: [],
      summary: "test",
      usage: "看卡片",
      example: "看卡片",
      run: async (ctx) => {
        seen.push(ctx.card);
        return [cardUpdate(ctx.card, "已查看", "已查看")];
      },
    });
    const router = new BotRouter({
      registry: new ActionRegistry([probe]),
      clock: h.clock,
      timeZone: "Asia/Shanghai",
      settings: defaultCrmSettings(),
      admins: [],
    });
    const clickedAt = h.clock.now();
    await h.clickCard("rep_a", "cmd:看卡片", "task-9", "rc-900").expect(200);
    await h.sendText("rep_a", "看卡片").expect(200);
    h.clock.advance(5 * 60_000); // handled a little later than the click
    const stored = await h.tdb.db.prisma.inboxEvent.findMany({ orderBy: { id: "asc" } });
    for (const row of stored) {
      const event = inboundEventSchema.parse(row.payload);
      // The harness's own router answers these events too: other dedupe keys for ours.
      const ctx = { eventId: row.id + 1_000_000n, log: createLogger("silent"), afterCommit: () => {} };
      await h.tdb.db.prisma.$transaction((tx) => router.handle(event, { ...ctx, tx }));
    }
    expect(seen).toEqual([{ taskId: "task-9", responseCode: "rc-900", clickedAt }, undefined]);
    await h.drain();
    expect(h.fake.cardUpdates()).toEqual([{ userids: ["rep_a"], agentid: 1000002, response_code: "rc-900", button: { replace_name: "已查看" } }]);
    expect(sentTexts(h.fake, "rep_a")).toContain("已查看");
  });
});
