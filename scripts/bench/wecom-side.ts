// The WeCom side of the webhook benchmark, in its own process (as WeCom is a separate
// machine): the fake WeCom API that receives our replies, and the load generator that
// posts signed, encrypted callbacks at a fixed concurrency. Started by webhook.ts over IPC.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { FakeWecomServer, type RecordedCall } from "../../test/support/fake-wecom-server.ts";
import { signCallback, textMessageXml } from "../../test/support/signed-callback.ts";
import {
  epochMs,
  isMessage,
  KEYS,
  SECRET,
  summarize,
  type E2eResult,
  type FloodResult,
  type FromClient,
  type PhaseResult,
  type RunRequest,
  type RunResult,
} from "./shared.ts";

const REQUEST_TIMEOUT_MS = 30_000;
const WARMUP_REPLY_TIMEOUT_MS = 60_000;
/** How long the light senders keep writing while one floods. */
const FLOOD_LIGHT_WINDOW_MS = 30_000;

/** The test fake, plus when the reply to each command arrived (a command is known by the
 * lead name 测试<n> its reply repeats). */
class TimedFakeWecom extends FakeWecomServer {
  readonly replyAt = new Map<number, number>();

  constructor() {
    super({ corpId: KEYS.corpId, secret: SECRET });
    const calls = this.calls;
    const push = calls.push.bind(calls);
    calls.push = (...items: RecordedCall[]): number => {
      const at = epochMs();
      for (const c of items) {
        const to = c.path === "/cgi-bin/message/send" ? c.body?.["touser"] : undefined;
        const n = typeof to === "string" ? /测试(\d+)/.exec(JSON.stringify(c.body))?.[1] : undefined;
        if (typeof to !== "string" || n === undefined || this.replyAt.has(Number(n))) continue;
        this.replyAt.set(Number(n), at);
      }
      // Only replies are kept: a long run would otherwise hold every call.
      return calls.length;
    };
  }

  reset(): void {
    this.calls.length = 0;
    this.replyAt.clear();
    this.users = {};
  }
}

interface Delivery {
  n: number;
  sender: string;
  path: string;
  body: Buffer;
}

interface Outcome {
  startedAt: number;
  ackMs: number;
  status: string;
}

let msgSeq = BigInt(Date.now()) * 1_000_000n;

/** Builds and signs every delivery up front: signing is WeCom's cost, not the server's.
 * Command n comes from sender n mod `senders` (each sender's commands in order). */
function buildDeliveries(fake: TimedFakeWecom, tag: string, from: number, count: number, senders: number | ((n: number) => string)): Delivery[] {
  const out: Delivery[] = [];
  const now = new Date();
  const createTime = Math.floor(now.getTime() / 1000);
  for (let n = from; n < from + count; n++) {
    const sender = typeof senders === "number" ? `bench-${tag}-${n % senders}` : senders(n);
    // The lead-creating command: the realistic write path (user, lead, audit, outbox).
    const content = `新建线索 测试${n} 138${String(n % 100_000_000).padStart(8, "0")}`;
    const xml = textMessageXml({ from: sender, content, msgId: String(++msgSeq), createTime, corpId: KEYS.corpId });
    const signed = signCallback(KEYS, xml, now);
    fake.users[sender] = `压测${sender.slice(-6)}`;
    out.push({ n, sender, path: signed.path, body: Buffer.from(signed.body, "utf8") });
  }
  return out;
}

function post(agent: http.Agent, target: URL, d: Delivery): Promise<Outcome> {
  return new Promise((resolve) => {
    const startedAt = epochMs();
    const t0 = performance.now();
    let settled = false;
    const done = (status: string) => {
      if (settled) return;
      settled = true;
      resolve({ startedAt, ackMs: performance.now() - t0, status });
    };
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: "POST",
        path: `${target.pathname}${d.path}`,
        headers: { "content-type": "text/xml", "content-length": d.body.length },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => done(String(res.statusCode ?? 0)));
        res.on("error", () => done("network"));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      req.destroy();
      done("timeout");
    });
    req.on("error", () => done("network"));
    req.end(d.body);
  });
}

async function fire(target: URL, deliveries: Delivery[], concurrency: number): Promise<{ phase: PhaseResult; outcomes: Outcome[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const outcomes: Outcome[] = new Array<Outcome>(deliveries.length);
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= deliveries.length) return;
      outcomes[i] = await post(agent, target, deliveries[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, lane));
  const wallMs = performance.now() - t0;
  agent.destroy();
  const errors: Record<string, number> = {};
  let ok = 0;
  for (const o of outcomes) {
    if (o.status === "200") ok++;
    else errors[o.status] = (errors[o.status] ?? 0) + 1;
  }
  return {
    outcomes,
    phase: {
      sent: deliveries.length,
      ok,
      errors,
      wallMs,
      msgsPerSec: wallMs > 0 ? (ok / wallMs) * 1000 : 0,
      ackMs: summarize(outcomes.filter((o) => o.status === "200").map((o) => o.ackMs)),
    },
  };
}

/** Waits (bounded) until every command has had its reply; returns how long it waited. */
async function awaitReplies(fake: TimedFakeWecom, commands: number[], timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  const deadline = t0 + timeoutMs;
  let i = 0;
  while (performance.now() < deadline) {
    while (i < commands.length && fake.replyAt.has(commands[i]!)) i++;
    if (i >= commands.length) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - t0;
}

/** Senders answered out of order: a command acknowledged before the sender's next one was
 * sent must be answered first (commands in flight together have no order to keep). */
function outOfOrder(fake: TimedFakeWecom, deliveries: Delivery[], outcomes: Outcome[]): number {
  const bySender = new Map<string, number[]>();
  deliveries.forEach((d, i) => bySender.set(d.sender, [...(bySender.get(d.sender) ?? []), i]));
  let bad = 0;
  for (const idx of bySender.values()) {
    idx.sort((a, b) => outcomes[a]!.startedAt - outcomes[b]!.startedAt);
    const broken = idx.some((b, j) => {
      if (j === 0) return false;
      const a = idx[j - 1]!;
      const ackedFirst = outcomes[a]!.startedAt + outcomes[a]!.ackMs <= outcomes[b]!.startedAt;
      const ra = fake.replyAt.get(deliveries[a]!.n);
      const rb = fake.replyAt.get(deliveries[b]!.n);
      return ackedFirst && ra !== undefined && rb !== undefined && rb < ra;
    });
    if (broken) bad++;
  }
  return bad;
}

async function run(fake: TimedFakeWecom, req: RunRequest): Promise<RunResult> {
  fake.reset();
  const target = new URL(req.url);
  const tag = `${req.id}-${randomBytes(3).toString("hex")}`;

  const warm = buildDeliveries(fake, tag, 0, req.warmup, req.senders);
  const warmup = await fire(target, warm, req.concurrency);
  let warmupRepliesMissing = 0;
  if (req.expectReplies) {
    await awaitReplies(fake, warm.map((d) => d.n), WARMUP_REPLY_TIMEOUT_MS);
    warmupRepliesMissing = warm.filter((d) => !fake.replyAt.has(d.n)).length;
  }

  // Signed just before use so every timestamp is fresh for the server's ±5 min window.
  const s0 = performance.now();
  const deliveries = buildDeliveries(fake, tag, req.warmup, req.messages, req.senders);
  const signMs = performance.now() - s0;
  const { phase: measured, outcomes } = await fire(target, deliveries, req.concurrency);
  const lastAck = Math.max(...outcomes.map((o) => o.startedAt + o.ackMs));

  let e2e: E2eResult | undefined;
  if (req.expectReplies) {
    const acked = deliveries.filter((_, i) => outcomes[i]!.status === "200");
    const waitedMs = await awaitReplies(fake, acked.map((d) => d.n), req.replyTimeoutMs);
    const latencies: number[] = [];
    let lastReply = 0;
    deliveries.forEach((d, i) => {
      const at = fake.replyAt.get(d.n);
      if (at === undefined || outcomes[i]!.status !== "200") return;
      latencies.push(at - outcomes[i]!.startedAt);
      lastReply = Math.max(lastReply, at);
    });
    const firstSent = Math.min(...outcomes.map((o) => o.startedAt));
    e2e = {
      expected: acked.length,
      received: latencies.length,
      missing: acked.length - latencies.length,
      waitedMs,
      e2eMs: summarize(latencies),
      drainAfterLastAckMs: lastReply > 0 ? Math.max(0, lastReply - lastAck) : NaN,
      commandsPerSec: lastReply > firstSent ? (latencies.length * 1000) / (lastReply - firstSent) : 0,
      lastReplyAfterFirstSendMs: lastReply > 0 ? lastReply - firstSent : NaN,
      sendersOutOfOrder: outOfOrder(fake, deliveries, outcomes),
    };
  }
  const flood = req.expectReplies && req.flood > 0 ? await floodPhase(fake, target, tag, req) : undefined;
  return { type: "result", id: req.id, warmup: warmup.phase, warmupRepliesMissing, measured, e2e, signMs, ...(flood ? { flood } : {}) };
}

const LIGHT_SENDERS = 10;
/** A light sender writes this often (under WeCom's 25 replies a minute to one person). */
const LIGHT_EVERY_MS = 3_000;
const FLOOD_FIRST_N = 50_000_000;
const LIGHT_FIRST_N = 60_000_000;

/** Fairness: one sender floods `req.flood` commands as fast as it can while ten others each
 * write one every 3 s; what counts is how long the light senders wait for their replies. */
async function floodPhase(fake: TimedFakeWecom, target: URL, tag: string, req: RunRequest): Promise<FloodResult> {
  const heavy = buildDeliveries(fake, tag, FLOOD_FIRST_N, req.flood, () => `bench-${tag}-flood`);
  const flooding = fire(target, heavy, Math.min(req.concurrency, 50));
  const rounds = Math.max(3, Math.ceil(FLOOD_LIGHT_WINDOW_MS / LIGHT_EVERY_MS));
  const agent = new http.Agent({ keepAlive: true, maxSockets: LIGHT_SENDERS });
  const light: Array<{ n: number; startedAt: number }> = [];
  for (let r = 0; r < rounds; r++) {
    const batch = buildDeliveries(fake, tag, LIGHT_FIRST_N + r * LIGHT_SENDERS, LIGHT_SENDERS, (n) => `bench-${tag}-light-${n % LIGHT_SENDERS}`);
    const outs = await Promise.all(batch.map((d) => post(agent, target, d)));
    batch.forEach((d, i) => outs[i]!.status === "200" && light.push({ n: d.n, startedAt: outs[i]!.startedAt }));
    await new Promise((res) => setTimeout(res, LIGHT_EVERY_MS));
  }
  agent.destroy();
  await awaitReplies(fake, light.map((l) => l.n), req.replyTimeoutMs);
  const latencies = light.flatMap((l) => {
    const at = fake.replyAt.get(l.n);
    return at === undefined ? [] : [at - l.startedAt];
  });
  const { phase } = await flooding;
  const heavyAnswered = heavy.filter((d) => fake.replyAt.has(d.n)).length;
  return { floodSent: phase.ok, heavyAnsweredMeanwhile: heavyAnswered, light: summarize(latencies), lightMissing: light.length - latencies.length };
}

async function main(): Promise<void> {
  const send = (m: FromClient) => process.send?.(m);
  if (!process.send) throw new Error("wecom-side.ts is started by scripts/bench/webhook.ts (it needs an IPC channel)");
  const fake = await new TimedFakeWecom().start();
  // The parent going away (crash, Ctrl-C) ends this process too.
  process.on("disconnect", () => {
    void fake.stop().finally(() => process.exit(0));
  });
  let busy = false;
  process.on("message", (m: unknown) => {
    if (isMessage<{ type: "exit" }>(m, "exit")) {
      void fake.stop().finally(() => process.exit(0));
      return;
    }
    if (isMessage<RunRequest>(m, "run")) {
      if (busy) return send({ type: "error", id: m.id, message: "a run is already in progress" });
      busy = true;
      run(fake, m)
        .then(send, (e: unknown) => send({ type: "error", id: m.id, message: (e as Error).stack ?? String(e) }))
        .finally(() => {
          busy = false;
        });
    }
  });
  send({ type: "ready", fakeBaseUrl: fake.baseUrl });
}

void main();
