// /webhooks/wecom: URL verification (GET) and callbacks (POST). Verifies the signature on
// the raw body's <Encrypt> (no XML parsing before that), decrypts, parses and stores each delivery once, then answers at once; it never touches the CRM.
import { randomBytes } from "node:crypto";
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from "express";
import type { Clock } from "../../clock.ts";
import type { WecomSettings } from "../../config/env.ts";
import type { InboxStore } from "../../inbox/inbox-store.ts";
import type { Metrics } from "../../http/metrics.ts";
import type { Logger } from "../../log.ts";
import { answerRejection, bodyParserRejection, Rejection, storageRejection } from "../callback-rejection.ts";
import { decryptEnvelope, signature, signatureMatches } from "./callback-crypto.ts";
import { envelopeEncrypt, parseCallbackXml } from "./callback-xml.ts";
import { mapWecomXml } from "./inbound-mapper.ts";

/** A real WeCom delivery is a few KB (a text message is at most 2048 bytes before AES and
 * base64); like the Official Account route, anything larger is refused unread (413). */
export const MAX_BODY_BYTES = 64 * 1024;
const MAX_SKEW_SECONDS = 300;

interface Deps {
  settings: WecomSettings;
  inbox: InboxStore;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
}

type Verified = { ok: true; plaintext: string } | Rejection;

function query(req: Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === "string" ? v : undefined;
}

/** Signature, freshness, decryption and receive id: shared by GET and POST. */
export function verifyAndDecrypt(
  settings: WecomSettings,
  nowSeconds: number,
  q: { signature?: string; timestamp?: string; nonce?: string },
  encrypted: string,
): Verified {
  const { signature: given, timestamp, nonce } = q;
  if (!given || !timestamp || !nonce) return new Rejection(400, "malformed", "missing msg_signature, timestamp or nonce");
  if (!/^\d{1,12}$/.test(timestamp)) return new Rejection(400, "malformed", "timestamp is not a number");
  const expected = signature(settings.token, timestamp, nonce, encrypted);
  if (!signatureMatches(expected, given)) return new Rejection(401, "bad_signature", "signature mismatch");
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) {
    return new Rejection(401, "stale", `timestamp ${timestamp} is more than ${MAX_SKEW_SECONDS}s from now`);
  }
  const d = decryptEnvelope(settings.encodingAesKey, encrypted);
  if (!d.ok) return new Rejection(400, "malformed", d.reason);
  if (d.receiveId !== settings.corpId) return new Rejection(401, "wrong_receiver", "receive id is not WECOM_CORP_ID");
  return { ok: true, plaintext: d.message };
}

export function wecomWebhookRouter(deps: Deps): Router {
  const { settings, inbox, clock, metrics } = deps;
  const router = express.Router();
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  const reject = (res: Response, log: Logger, r: Rejection, type = "unknown") => {
    metrics.inbound.inc({ channel: "wecom", type, result: r.result });
    answerRejection(res, log, r);
  };

  router.get("/", (req, res) => {
    const log = deps.log.child({ delivery: `get-${randomBytes(4).toString("hex")}` });
    const echostr = query(req, "echostr");
    if (!echostr) return reject(res, log, new Rejection(400, "malformed", "missing echostr"), "url_verify");
    const v = verifyAndDecrypt(settings, nowSeconds(), sigQuery(req), echostr);
    if (v instanceof Rejection) return reject(res, log, v, "url_verify");
    log.info("WeCom URL verification succeeded");
    res.status(200).type("text/plain").send(v.plaintext);
  });

  router.post("/", express.text({ type: () => true, limit: MAX_BODY_BYTES }), async (req, res) => {
    const log = deps.log.child({ delivery: `post-${randomBytes(4).toString("hex")}` });
    const body = typeof req.body === "string" ? req.body : "";
    // Signature first, on the cheapest extraction of <Encrypt>: an unsigned body is never parsed.
    const encrypted = envelopeEncrypt(body);
    if (!encrypted) return reject(res, log, new Rejection(400, "malformed", "body is not a WeCom envelope with <Encrypt>"));
    const v = verifyAndDecrypt(settings, nowSeconds(), sigQuery(req), encrypted);
    if (v instanceof Rejection) return reject(res, log, v);
    const inner = parseCallbackXml(v.plaintext);
    if (!inner) return reject(res, log, new Rejection(400, "malformed", "decrypted message is not XML"));
    const mapped = mapWecomXml(inner);
    if (!mapped.ok) return reject(res, log, new Rejection(400, "malformed", mapped.reason));
    const event = mapped.event;
    const elog = log.child({ deliveryKey: event.deliveryKey });
    try {
      const result = await inbox.accept(event);
      metrics.inbound.inc({ channel: "wecom", type: event.type, result });
      elog.debug({ type: event.type, result }, "callback stored");
      // An empty body tells WeCom "received, no passive reply"; the answer goes out later.
      res.status(200).type("text/plain").send("");
    } catch (e) {
      const refused = storageRejection(e);
      if (refused) return reject(res, elog, refused, event.type);
      metrics.inbound.inc({ channel: "wecom", type: event.type, result: "db_unavailable" });
      elog.error({ err: (e as Error).message }, "database unavailable; answering 503 so WeCom retries");
      res.status(503).type("text/plain").send("unavailable");
    }
  });

  // Body-parser failures on this route (over 64 KB, bad encoding) are rejections too.
  const onBodyError: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, next) => {
    const r = bodyParserRejection(err);
    if (!r) return next(err);
    reject(res, deps.log.child({ delivery: `post-${randomBytes(4).toString("hex")}` }), r);
  };
  router.use(onBodyError);
  return router;
}

function sigQuery(req: Request) {
  return { signature: query(req, "msg_signature"), timestamp: query(req, "timestamp"), nonce: query(req, "nonce") };
}
