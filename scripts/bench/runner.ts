// Drives the measured runs: the WeCom side (load generator + fake API) in its own process,
// and one measured run against one server (bare or ours) on one fresh database.
import { fork, type ChildProcess } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { systemClock } from "../../src/clock.ts";
import { loadConfig, type AppConfig } from "../../src/config/env.ts";
import { createLogger } from "../../src/log.ts";
import { WecrmServer } from "../../src/server.ts";
import { startBareServer } from "./bare-server.ts";
import { startBareProcessor } from "./bare-processor.ts";
import { onCleanup, withTimeout } from "./cleanup.ts";
import { freshPglite, freshPostgres, migrated, PG_POOL_SIZE, type FreshDatabase } from "./databases.ts";
import type { DbKind, Options } from "./options.ts";
import {
  AGENT_ID,
  isMessage,
  KEYS,
  SECRET,
  WEBHOOK_PATH,
  type Ready,
  type RunFailure,
  type RunRequest,
  type RunResult,
  type ToClient,
} from "./shared.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

// ---------------------------------------------------------------------------------------
// The WeCom side (load generator + fake API) in its own process

/** Stops the load generator (first thing on Ctrl-C, so our servers can drain and close). */
let stopLoad: (() => Promise<void>) | undefined;

/** Stops the load generator if it was started; undefined when it was not. */
export function stopLoadGenerator(): Promise<void> | undefined {
  return stopLoad?.();
}

export class WecomSide {
  private constructor(
    private readonly child: ChildProcess,
    readonly fakeBaseUrl: string,
  ) {}

  static async start(): Promise<WecomSide> {
    const script = fileURLToPath(new URL("./wecom-side.ts", import.meta.url));
    const child = fork(script, [], {
      cwd: ROOT,
      execArgv: ["--import", import.meta.resolve("tsx")],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    stopLoad = onCleanup("WeCom-side process", () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      return new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 5_000);
        child.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
        if (child.connected) child.send({ type: "exit" } satisfies ToClient);
        else child.kill("SIGTERM");
      });
    });
    const ready = await withTimeout(
      new Promise<Ready>((resolve, reject) => {
        child.once("exit", (code) => reject(new Error(`WeCom-side process exited (${code}) before it was ready`)));
        child.on("message", (m: unknown) => {
          if (isMessage<Ready>(m, "ready")) resolve(m);
        });
      }),
      60_000,
      "starting the WeCom-side process",
    );
    return new WecomSide(child, ready.fakeBaseUrl);
  }

  run(req: RunRequest, timeoutMs: number): Promise<RunResult> {
    return withTimeout(
      new Promise<RunResult>((resolve, reject) => {
        const onMessage = (m: unknown) => {
          if (isMessage<RunResult>(m, "result") && m.id === req.id) done(() => resolve(m));
          else if (isMessage<RunFailure>(m, "error") && m.id === req.id) done(() => reject(new Error(`load generator: ${m.message}`)));
        };
        const onExit = (code: number | null) => done(() => reject(new Error(`WeCom-side process exited (${code}) during a run`)));
        const done = (f: () => void) => {
          this.child.off("message", onMessage);
          this.child.off("exit", onExit);
          f();
        };
        this.child.on("message", onMessage);
        this.child.once("exit", onExit);
        this.child.send(req satisfies ToClient);
      }),
      timeoutMs,
      `run ${req.id}`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// One measured run against one server on one fresh database

/** bare: acknowledging only (the ack yardstick); bare-e2e: acknowledging and the bare
 * processing baseline (the end-to-end yardstick); ours: WecrmServer as `npm start` builds it. */
export type Variant = "bare" | "bare-e2e" | "ours";

/** Our worker's lanes (src/bot/bot-core.ts): the baseline gets the same. */
const LANES: Record<DbKind, number> = { pglite: 1, postgres: 4 };

/** The configuration `npm start` would read for this database (the processor thread opens
 * its own connections from DATABASE_URL; the embedded database's spool lives in DATA_DIR). */
function benchConfig(fakeBaseUrl: string, fresh: FreshDatabase): AppConfig {
  const t = fresh.target;
  return loadConfig({
    ...(t.kind === "postgres" ? { DATABASE_URL: t.url } : { DATA_DIR: t.dataDir ?? "" }),
    WECOM_CORP_ID: KEYS.corpId,
    WECOM_AGENT_ID: AGENT_ID,
    WECOM_SECRET: SECRET,
    WECOM_TOKEN: KEYS.token,
    WECOM_ENCODING_AES_KEY: KEYS.encodingAesKey,
    WECOM_API_BASE: fakeBaseUrl,
    LOG_LEVEL: "silent",
  });
}

export async function measure(o: Options, side: WecomSide, kind: DbKind, variant: Variant, runNo: number): Promise<{ label: string; result: RunResult }> {
  const fresh = kind === "pglite" ? await freshPglite() : await freshPostgres(o.pgBaseUrl, PG_POOL_SIZE);
  try {
    const config = benchConfig(side.fakeBaseUrl, fresh);
    const db = await migrated(fresh.target);
    let port: number;
    let stop: () => Promise<void>;
    if (variant === "ours") {
      // As `npm start` builds it: events processed in their own thread.
      const server = new WecrmServer({ config, db, clock: systemClock, log: createLogger("silent"), isolation: {} });
      const closeDb = onCleanup("our database connection", () => db.close());
      const stopServer = onCleanup("our server", () => server.close());
      let http: Server;
      if (o.ackOnly) {
        http = server.app.listen(0, "127.0.0.1");
        await new Promise<void>((resolve, reject) => http.once("listening", resolve).once("error", reject));
        onCleanup("our HTTP listener", () => new Promise<void>((r) => http.close(() => r())));
      } else {
        http = await server.listen(0, "127.0.0.1");
      }
      port = (http.address() as AddressInfo).port;
      stop = async () => {
        await stopServer();
        await closeDb();
      };
    } else {
      await db.close(); // the schema is in; the bare server talks to the driver itself
      const raw = await fresh.openRaw();
      const closeRaw = onCleanup("bare server's database driver", () => raw.close());
      const bare = await startBareServer(config.wecom!, raw.insert);
      const stopBare = onCleanup("bare server", () => bare.close());
      const processor =
        variant === "bare-e2e"
          ? startBareProcessor(raw, { fakeBaseUrl: side.fakeBaseUrl, corpId: KEYS.corpId, secret: SECRET, agentId: AGENT_ID, lanes: LANES[kind], batchSize: 50 })
          : undefined;
      const stopProcessor = onCleanup("bare processor", async () => processor?.stop());
      port = bare.port;
      stop = async () => {
        await stopBare();
        await stopProcessor();
        await closeRaw();
      };
    }
    process.stdout.write(`  ${kind.padEnd(8)} ${variant.padEnd(8)} on 127.0.0.1:${port}, fresh database ${fresh.where} … `);
    const req: RunRequest = {
      type: "run",
      id: `r${runNo}`,
      url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
      concurrency: o.concurrency,
      warmup: o.warmup,
      messages: o.messages,
      senders: o.senders,
      flood: o.flood,
      expectReplies: (variant === "ours" && !o.ackOnly) || variant === "bare-e2e",
      replyTimeoutMs: o.replyTimeoutMs,
    };
    // The server runs in this process (its processor thread too): its resident memory is ours.
    let peakRssMb = 0;
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 2 ** 20)), 250);
    try {
      const result = { ...(await side.run(req, 60_000 + 60_000 + o.replyTimeoutMs + (o.warmup + o.messages) * 100 + o.flood * 100)), peakRssMb };
      clearInterval(sampler);
      const m = result.measured;
      process.stdout.write(
        `${m.msgsPerSec.toFixed(0)} msgs/s, ack p99 ${m.ackMs.p99.toFixed(1)} ms` +
          (result.e2e
            ? `, ${result.e2e.commandsPerSec.toFixed(0)} commands/s end to end, e2e p99 ${result.e2e.e2eMs.p99.toFixed(0)} ms, ${result.e2e.missing} replies missing`
            : "") +
          "\n",
      );
      return { label: fresh.label, result };
    } finally {
      clearInterval(sampler);
      await stop();
    }
  } finally {
    await fresh.dispose();
  }
}
