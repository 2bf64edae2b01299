// /webhooks/mp: the Official Account's server URL. GET answers the verification; POST
// verifies, decrypts and parses a delivery, hands it to `accept` (which stores it durably
// and says what to answer), and only then answers 200 with the passive reply. Forged input
// gets 401, malformed 400, oversized 413 — `accept` never sees any of them; a failing
// `accept` gets 503, so WeChat retries (3 tries, 5 s apart).
import { randomBytes } from "node:crypto";
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from "express";
import type { Clock } from "../../clock.ts";
import type { Metrics } from "../../http/metrics.ts";
import type { Logger } from "../../log.ts";
import { answerRejection, bodyParserRejection, Rejection, storageRejection } from "../callback-rejection.ts";
import { checkPlainSignature, openMpDelivery, type MpQuery } from "./mp-callback-verify.ts";
import { parseMpInbound, type MpInbound } from "./mp-inbound.ts";
import { NOTHING_TO_SAY, passiveReply } from "./mp-passive-reply.ts";
import type { MpSettings } from "./mp-settings.ts";

/** Real deliveries are a few KB; anything larger is not WeChat. */
export const MP_MAX_BODY_BYTES = 64 * 1024;

export interface MpAcceptResult {
  /** The passive reply's text (e.g. the configured auto-acknowledgement); none → "success". */
  reply?: string;
}

export interface MpWebhookDeps {
  settings: MpSettings;
  clock: Clock;
  log: Logger;
  /** Stores the delivery (idempotently, by `inbound.deliveryKey`) and returns the reply.
   * Must be quick: WeChat waits 5 s. Throwing answers 503 and WeChat retries. */
  accept: (inbound: MpInbound) => Promise<MpAcceptResult>;
  metrics?: Metrics;
}

function query(req: Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === "string" ? v : undefined;
}

function mpQuery(req: Request): MpQuery {
  return {
    signature: query(req, "signature"),
    msgSignature: query(req, "msg_signature"),
    timestamp: query(req, "timestamp"),
    nonce: query(req, "nonce"),
    encryptType: query(req, "encrypt_type"),
  };
}

export function mpWebhook(deps: MpWebhookDeps): Router {
  const { settings, clock, metrics } = deps;
  const router = express.Router();
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  const deliveryLog = (kind: string) => deps.log.child({ channel: "mp", delivery: `${kind}-${randomBytes(4).toString("hex")}` });

  const reject = (res: Response, log: Logger, r: Rejection, type = "unknown") => {
    metrics?.inbound.inc({ channel: "mp", type, result: r.result });
    answerRejection(res, log, r);
  };

  router.get("/", (req, res) => {
    const log = deliveryLog("get");
    const echostr = query(req, "echostr");
    if (!echostr) return reject(res, log, new Rejection(400, "malformed", "missing echostr"), "url_verify");
    const bad = checkPlainSignature(settings.token, nowSeconds(), mpQuery(req));
    if (bad) return reject(res, log, bad, "url_verify");
    log.info("Official Account URL verification succeeded");
    // Verbatim: no quotes, BOM or newline (a common cause of failed verification).
    res.status(200).type("text/plain").send(echostr);
  });

  router.post("/", express.text({ type: () => true, limit: MP_MAX_BODY_BYTES }), async (req, res) => {
    const log = deliveryLog("post");
    const body = typeof req.body === "string" ? req.body : "";
    const opened = openMpDelivery(settings, nowSeconds(), mpQuery(req), body);
    if (opened instanceof Rejection) return reject(res, log, opened);
    const parsed = parseMpInbound(opened.xml);
    if (!parsed.ok) return reject(res, log, new Rejection(400, "malformed", parsed.reason));
    const inbound = parsed.inbound;
    const elog = log.child({ deliveryKey: inbound.deliveryKey });
    let accepted: MpAcceptResult;
    try {
      accepted = await deps.accept(inbound);
    } catch (e) {
      const refused = storageRejection(e);
      if (refused) return reject(res, elog, refused, inbound.type);
      metrics?.inbound.inc({ channel: "mp", type: inbound.type, result: "db_unavailable" });
      elog.error({ err: (e as Error).message }, "delivery not stored; answering 503 so WeChat retries");
      res.status(503).type("text/plain").send("unavailable");
      return;
    }
    metrics?.inbound.inc({ channel: "mp", type: inbound.type, result: "accepted" });
    elog.debug({ type: inbound.type, replied: Boolean(accepted.reply) }, "callback accepted");
    const answer = passiveReply(settings, { text: accepted.reply, to: inbound, encrypted: opened.encrypted, nowSeconds: nowSeconds() });
    res.status(200).type(answer === NOTHING_TO_SAY ? "text/plain" : "application/xml").send(answer);
  });

  // Body-parser failures on this route (over 64 KB, bad encoding) are rejections too.
  const onBodyError: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, next) => {
    const r = bodyParserRejection(err);
    if (!r) return next(err);
    reject(res, deliveryLog("post"), r);
  };
  router.use(onBodyError);
  return router;
}
