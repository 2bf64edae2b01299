// The HTTP surface: webhooks, /healthz, /metrics, and a last-resort error handler
// (channels map their own body problems to 4xx; bad input never gets a 500).
import express, { type ErrorRequestHandler, type Router } from "express";
import type { Database } from "../db/database.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "./metrics.ts";

export interface HttpDeps {
  db: Database;
  log: Logger;
  metrics: Metrics;
  /** More database-read gauges, refreshed at scrape time. */
  refreshGauges?: () => Promise<void>;
  /** Mounted routers by path: webhooks, the REST API. */
  routes: Record<string, Router>;
  /** Extra health facts (e.g. WeCom on/off). A non-empty `configErrors` (channels whose
   * credentials were rejected) makes the status "degraded". */
  health: () => Record<string, unknown>;
  /** Deliveries are still acknowledged while the database is busy (the embedded database's
   * inbox spool): a slow probe then means "busy", not "down". */
  acksWithoutDatabase?: boolean;
}

/** /healthz answers within this even when the database hangs (load balancers time out). */
const HEALTH_DEADLINE_MS = 2_000;

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");

  for (const [path, router] of Object.entries(deps.routes)) app.use(path, router);

  app.get("/healthz", async (_req, res) => {
    const extra = deps.health();
    // On the acknowledging path (its own bounded connections): healthy means "can ack".
    const failure = await withDeadline(deps.db.priorityQuery("SELECT 1"), HEALTH_DEADLINE_MS).then(
      () => undefined,
      (e: Error) => e.message,
    );
    if (failure === undefined) {
      // Degraded still answers 200: webhooks are acked and stored, only sending waits, so a
      // load balancer must keep routing to this instance.
      const held = Array.isArray(extra["configErrors"]) ? (extra["configErrors"] as unknown[]) : [];
      const reasons = held.map((c) => `${String(c)}: the platform rejected our configuration (secret, ids or IP allowlist); replies are held until it is fixed and the server restarted`);
      const inbox = extra["inbox"] as { backlogged?: boolean; waiting?: number; oldestWaitingSeconds?: number } | undefined;
      if (inbox?.backlogged) {
        reasons.push(`inbox backlog: ${inbox.waiting} deliveries waiting, the oldest for ${inbox.oldestWaitingSeconds} s; all are stored, replies are late`);
      }
      res.json({ status: reasons.length ? "degraded" : "ok", db: "ok", ...(reasons.length ? { reasons } : {}), ...extra });
      return;
    }
    if (deps.acksWithoutDatabase) {
      res.json({ status: "degraded", db: "busy", reasons: [`database busy (${failure}); deliveries are spooled and acknowledged`], ...extra });
      return;
    }
    deps.log.warn({ err: failure }, "healthz: database unreachable");
    res.status(503).json({ status: "unavailable", db: "unreachable", dbError: failure, ...extra });
  });

  app.get("/metrics", async (_req, res) => {
    try {
      const outbox = await deps.db.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM outbox_messages WHERE status <> 'sent' GROUP BY status`,
      );
      for (const s of ["pending", "sending", "failed"]) {
        deps.metrics.outboxBacklog.set({ status: s }, Number(outbox.find((r) => r.status === s)?.n ?? 0));
      }
      const [inbox] = await deps.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM inbox_events WHERE status IN ('pending', 'processing')`,
      );
      deps.metrics.inboxBacklog.set(Number(inbox?.n ?? 0));
      await deps.refreshGauges?.();
    } catch (e) {
      deps.log.warn({ err: (e as Error).message }, "metrics: database gauges unavailable");
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.use((_req, res) => {
    res.status(404).type("text/plain").send("not found");
  });

  const onError: ErrorRequestHandler = (err: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    const status = typeof err.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) deps.log.warn({ status, reason: err.type ?? err.message }, "request rejected");
    else deps.log.error({ err: err.message }, "unhandled error");
    res.status(status).type("text/plain").send(status < 500 ? "bad request" : "error");
  };
  app.use(onError);
  return app;
}
