// Drives the bot end to end for the conversation properties: a harness whose database
// counts the statements each message issues (and stops a runaway at a cap, so an endless
// loop fails the test instead of freezing it), one message at a time with a wall-clock
// deadline as a hang detector, and the checks every message must pass.
import { conversationStateSchema } from "../../src/bot/conversation/plan.ts";
import type { Database } from "../../src/db/database.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import { nextMsgId, startHarness, type Harness } from "../support/harness.ts";
import { textMessageXml } from "../support/signed-callback.ts";
import { createTestDatabase } from "../support/test-db.ts";

/** Statements one message may cost, from the webhook's insert to its replies' delivery. */
export const QUERY_CAP = 300;
/** Only a hang detector: a shared machine may be slow, never this slow. */
export const DEADLINE_MS = 10_000;

export type Card = {
  task_id: string;
  main_title?: { title?: string };
  horizontal_content_list?: Array<{ keyname: string; value: string }>;
  button_list?: Array<{ key: string; text: string }>;
};

export interface Outcome {
  replies: number;
  queries: number;
  status: string;
  error: string | null;
  /** Replies not delivered (yet): why the user may have heard nothing. */
  unsent: unknown[];
}

export class FlowDriver {
  queries = 0;
  private constructor(
    readonly h: Harness,
    private readonly disposeDb: () => Promise<void>,
  ) {}

  static async start(crmYaml?: string): Promise<FlowDriver> {
    const tdb = await createTestDatabase();
    let driver: FlowDriver | undefined;
    const count = (): void => {
      if (!driver) return;
      if (++driver.queries > QUERY_CAP * 3) throw new Error(`over ${QUERY_CAP * 3} statements for one message: a runaway loop`);
    };
    const prisma = tdb.db.prisma.$extends({
      query: {
        $allOperations({ args, query }) {
          count();
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    const db: Database = {
      ...tdb.db,
      prisma,
      query: (sql, params) => (count(), tdb.db.query(sql, params)),
      priorityQuery: (sql, params) => (count(), tdb.db.priorityQuery(sql, params)),
      close: () => tdb.db.close(),
    };
    // The per-recipient send limits defer replies (a documented silence) long before a soak
    // ends; the flow, not the rate limit, is under test.
    const h = await startHarness({ tdb: { ...tdb, db }, crmYaml, dispatcher: { perRecipientPerMinute: 1e9, perRecipientPerHour: 1e9 } });
    driver = new FlowDriver(h, () => tdb.dispose());
    return driver;
  }

  /** A driver whose `rep` has a few customers, leads and opportunities, made by commands. */
  static async withFixture(rep: string, longName: string): Promise<FlowDriver> {
    const d = await FlowDriver.start("reminders:\n  dailyAgenda: { enabled: false }\n  weeklyReport: { enabled: false }\n");
    d.h.fake.users = { [rep]: "王芳" };
    for (const c of [
      "新建线索 张伟 13811112222 华为技术有限公司 展会 产品:CRM",
      "转化 张伟",
      "新建线索 马经理 13811113333 腾讯科技 展会",
      "转化 马经理",
      "新建客户 腾讯音乐",
      "新建线索 李总 13811114444 上海嘉禾信息科技有限公司 转介绍",
      "转化 李总",
      "新建客户 阿里巴巴",
      "新建客户 京东",
      `新建客户 ${longName}`,
    ]) {
      const o = await d.say(rep, c);
      if (o.status !== "done") throw new Error(`fixture command failed: ${c}`);
    }
    return d;
  }

  cards(who: string): Card[] {
    return this.h.fake
      .sentMessages()
      .filter((m) => m["touser"] === who && m["msgtype"] === "template_card")
      .map((m) => m["template_card"] as Card);
  }

  private repliesTo(who: string): number {
    return this.h.fake.sentMessages().filter((m) => m["touser"] === who).length + this.h.fake.cardUpdates().length;
  }

  /** Sends a text as WeCom would (a `]]>` in it split across CDATA sections). */
  say(who: string, content: string): Promise<Outcome> {
    const createTime = Math.floor(this.h.clock.now().getTime() / 1000);
    const safe = content.replaceAll("]]>", "]]]]><![CDATA[>");
    return this.deliver(who, () => this.h.post(textMessageXml({ from: who, content: safe, msgId: nextMsgId(), corpId: "wwfakecorp", createTime })));
  }

  press(who: string, card: Card, key: string): Promise<Outcome> {
    return this.deliver(who, () => this.h.clickCard(who, key, card.task_id));
  }

  private async deliver(who: string, send: () => PromiseLike<{ status: number }>): Promise<Outcome> {
    this.h.clock.advance(5_000);
    const before = this.repliesTo(who);
    this.queries = 0;
    const res = await send();
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`processing took over ${DEADLINE_MS} ms: a hang`)), DEADLINE_MS);
    });
    try {
      await Promise.race([this.h.drain(), deadline]);
    } finally {
      clearTimeout(timer);
    }
    const queries = this.queries;
    const [last] = await this.h.tdb.db.query<{ status: string; last_error: string | null }>(
      "SELECT status, last_error FROM inbox_events ORDER BY id DESC LIMIT 1",
    );
    const unsent = await this.h.tdb.db.query(
      "SELECT status, attempts, last_error, left(body::text, 300) AS body FROM outbox_messages WHERE status <> 'sent' ORDER BY id DESC LIMIT 3",
    );
    return { replies: this.repliesTo(who) - before, queries, status: last?.status ?? "none", error: last?.last_error ?? null, unsent };
  }

  /** No half-written plan: at most one conversation per user, each a state the flow can read. */
  async conversationsAreReadable(): Promise<string | null> {
    const rows = await this.h.tdb.db.prisma.conversation.findMany();
    const users = new Set<string>();
    for (const r of rows) {
      if (users.has(r.userId)) return `two conversations for ${r.userId}`;
      users.add(r.userId);
      const parsed = conversationStateSchema.safeParse(r.state);
      if (!parsed.success) return `unreadable conversation ${JSON.stringify(r.state)}`;
      if (parsed.data.kind !== r.kind) return `conversation kind ${r.kind} holds a ${parsed.data.kind}`;
      if (parsed.data.kind !== "confirm" && parsed.data.step >= parsed.data.steps.length) return `step ${parsed.data.step} of ${parsed.data.steps.length}`;
    }
    return null;
  }

  async dispose(): Promise<void> {
    await this.h.dispose();
    await this.disposeDb();
  }
}
