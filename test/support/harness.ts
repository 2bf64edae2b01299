// An in-process wecrm server on a test database, a fake WeCom API on 127.0.0.1, a manual
// clock, and helpers to post signed callbacks. Background loops are not started: tests
// drive processing with `drain()` so every step is deterministic.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import axios from "axios";
import supertest from "supertest";
import { ManualClock } from "../../src/clock.ts";
import { loadConfig } from "../../src/config/env.ts";
import { loadCrmSettings } from "../../src/config/crm/load-settings.ts";
import { createLogger, type Logger } from "../../src/log.ts";
import type { DispatcherOptions } from "../../src/outbox/dispatcher.ts";
import { WecrmServer } from "../../src/server.ts";
import { FakeWecomServer } from "./fake-wecom-server.ts";
import { signCallback, textMessageXml, type CallbackKeys } from "./signed-callback.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.ts";
import { safeDelivery, type MpKeys } from "./mp-callback.ts";

export const KEYS: CallbackKeys = {
  token: "wecrmTestToken",
  encodingAesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
  corpId: "wwfakecorp",
};
export const START = new Date("2026-11-23T02:00:00Z"); // 10:00 in Shanghai
/** The Official Account of a test deployment (safe mode). */
export const MP_KEYS: MpKeys = { token: "mpTestToken", encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", appId: "wxfakeappid" };
export const SECRET = "s3cret";

/** The WeCom environment variables of a test deployment whose API is at apiBase. */
export function wecomEnv(apiBase: string): Record<string, string> {
  return {
    WECOM_CORP_ID: KEYS.corpId,
    WECOM_AGENT_ID: "1000002",
    WECOM_SECRET: SECRET,
    WECOM_TOKEN: KEYS.token,
    WECOM_ENCODING_AES_KEY: KEYS.encodingAesKey,
    WECOM_API_BASE: apiBase,
  };
}

export interface Harness {
  tdb: TestDatabase;
  fake: FakeWecomServer;
  clock: ManualClock;
  server: WecrmServer;
  request: ReturnType<typeof supertest>;
  post(plaintextXml: string, opts?: { receiveId?: string; at?: Date }): supertest.Test;
  sendText(from: string, content: string, msgId?: string): supertest.Test;
  /** An Official Account delivery (plaintext XML), encrypted and signed as WeChat sends it. */
  postMp(xml: string): supertest.Test;
  /** A tap on a template card button, as WeCom delivers it. */
  clickCard(from: string, key: string, taskId: string, responseCode?: string): supertest.Test;
  /** Runs due scheduled jobs and delivers what they sent. */
  runJobs(): Promise<number>;
  /** A new server on the same database and fake WeCom (a restart). */
  restart(): WecrmServer;
  drain(): Promise<void>;
  dispose(): Promise<void>;
}

function writeTemp(name: string, content: string): string {
  const file = path.join(tmpdir(), `wecrm-${randomBytes(4).toString("hex")}-${name}`);
  writeFileSync(file, content);
  return file;
}

let msgSeq = 1_000_000_000_000_000_000n;
export const nextMsgId = (): string => String(++msgSeq);

export async function startHarness(
  opts: {
    env?: Record<string, string>;
    dispatcher?: Partial<DispatcherOptions>;
    tdb?: TestDatabase;
    crmYaml?: string;
    mp?: boolean;
    /** The WeCom client's timeout (default the server's 10 s). */
    wecomTimeoutMs?: number;
    /** When free text's sender is told 「正在理解…」 (default the server's 3 s). */
    understandingNoticeMs?: number;
    /** The server's logger (default silent), e.g. to read what it logged. */
    log?: Logger;
  } = {},
): Promise<Harness> {
  const tdb = opts.tdb ?? (await createTestDatabase());
  const fake = await new FakeWecomServer({ corpId: KEYS.corpId, secret: SECRET }).start();
  const clock = new ManualClock(START);
  const config = loadConfig({
    ...wecomEnv(fake.baseUrl),
    LOG_LEVEL: "silent",
    ...(opts.crmYaml === undefined ? {} : { CRM_CONFIG: writeTemp("crm.yaml", opts.crmYaml) }),
    ...(opts.mp
      ? { MP_APP_ID: MP_KEYS.appId, MP_APP_SECRET: "mpsecret", MP_TOKEN: MP_KEYS.token, MP_ENCODING_AES_KEY: MP_KEYS.encodingAesKey, MP_API_BASE: fake.baseUrl }
      : {}),
    ...opts.env,
  });
  const settings = loadCrmSettings(config.crmConfigFile);
  const build = () =>
    new WecrmServer({
      config,
      db: tdb.db,
      clock,
      log: opts.log ?? createLogger("silent"),
      settings,
      dispatcher: { random: () => 0.5, ...opts.dispatcher },
      understandingNoticeMs: opts.understandingNoticeMs,
      http: opts.wecomTimeoutMs === undefined ? undefined : axios.create({ baseURL: fake.baseUrl, timeout: opts.wecomTimeoutMs }),
    });
  const h: Harness = {
    tdb,
    fake,
    clock,
    server: build(),
    request: undefined as unknown as ReturnType<typeof supertest>,
    post(xml, o = {}) {
      const s = signCallback(KEYS, xml, o.at ?? clock.now(), { receiveId: o.receiveId });
      return h.request.post(`/webhooks/wecom${s.path}`).set("content-type", "text/xml").send(s.body);
    },
    sendText(from, content, msgId = nextMsgId()) {
      const createTime = Math.floor(clock.now().getTime() / 1000);
      return h.post(textMessageXml({ from, content, msgId, createTime, corpId: KEYS.corpId }));
    },
    postMp(xml) {
      const d = safeDelivery(MP_KEYS, xml, clock.now());
      return h.request.post(`/webhooks/mp?${new URLSearchParams(d.query).toString()}`).set("content-type", "text/xml").send(d.body);
    },
    clickCard(from, key, taskId, responseCode = `rc-${nextMsgId()}`) {
      const ct = Math.floor(clock.now().getTime() / 1000);
      return h.post(
        `<xml><ToUserName>${KEYS.corpId}</ToUserName><FromUserName>${from}</FromUserName><CreateTime>${ct}</CreateTime><MsgType>event</MsgType><Event>template_card_event</Event><EventKey><![CDATA[${key}]]></EventKey><TaskId>${taskId}</TaskId><CardType>button_interaction</CardType><ResponseCode>${responseCode}</ResponseCode><AgentID>1000002</AgentID></xml>`,
      );
    },
    runJobs: () => h.server.core.runJobs(),
    restart() {
      h.server = build();
      h.request = supertest(h.server.app);
      return h.server;
    },
    drain: () => h.server.core.drain(),
    async dispose() {
      await h.server.core.stop();
      await fake.stop();
      if (!opts.tdb) await tdb.dispose();
    },
  };
  h.request = supertest(h.server.app);
  return h;
}

export function sentTexts(fake: FakeWecomServer, to?: string): string[] {
  return fake
    .sentMessages()
    .filter((m) => to === undefined || m["touser"] === to)
    .map((m) => {
      const t = m["text"] as { content?: string } | undefined;
      const md = m["markdown"] as { content?: string } | undefined;
      const card = m["template_card"] as { main_title?: { title?: string } } | undefined;
      return t?.content ?? md?.content ?? `[card] ${card?.main_title?.title ?? ""}`;
    });
}
