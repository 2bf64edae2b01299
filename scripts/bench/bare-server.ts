// The benchmark's yardstick: the least a correct WeCom webhook can do per delivery, on a
// bare node:http server — read the body, verify the signature and freshness, decrypt,
// parse, and store it with ONE raw INSERT ... ON CONFLICT DO NOTHING into the real
// inbox_events table (no batching, no framework, no logging, no background work).
// It uses the receiver's own crypto/XML/mapping functions, so the row it stores is the
// same one our server stores and the work up to the INSERT is the same.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WecomSettings } from "../../src/config/env.ts";
import { verifyAndDecrypt, MAX_BODY_BYTES } from "../../src/channels/wecom/receiver.ts";
import { envelopeEncrypt, parseCallbackXml } from "../../src/channels/wecom/callback-xml.ts";
import { mapWecomXml } from "../../src/channels/wecom/inbound-mapper.ts";

/** One statement on the driver (PGlite instance or pg.Pool), straight through. */
export type RawInsert = (sql: string, params: unknown[]) => Promise<number>;

const INSERT_SQL = `INSERT INTO inbox_events (channel, dedupe_key, type, sender_id, payload, received_at)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6)
  ON CONFLICT (channel, dedupe_key) DO NOTHING
  RETURNING id`;

export interface BareServer {
  port: number;
  close(): Promise<void>;
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    const b = c as Buffer;
    size += b.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startBareServer(settings: WecomSettings, insert: RawInsert): Promise<BareServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST") return reply(res, 405, "method not allowed");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = await readBody(req);
    if (body === null) return reply(res, 413, "payload too large");
    const encrypted = envelopeEncrypt(body);
    if (!encrypted) return reply(res, 400, "bad request");
    const q = url.searchParams;
    const v = verifyAndDecrypt(
      settings,
      Math.floor(Date.now() / 1000),
      { signature: q.get("msg_signature") ?? undefined, timestamp: q.get("timestamp") ?? undefined, nonce: q.get("nonce") ?? undefined },
      encrypted,
    );
    if (!("ok" in v)) return reply(res, v.status, v.status === 401 ? "unauthorized" : "bad request");
    const inner = parseCallbackXml(v.plaintext);
    const mapped = inner ? mapWecomXml(inner) : undefined;
    if (!mapped?.ok) return reply(res, 400, "bad request");
    const e = mapped.event;
    try {
      await insert(INSERT_SQL, [e.channel, e.deliveryKey, e.type, e.sender, JSON.stringify(e), new Date()]);
      reply(res, 200, "");
    } catch {
      reply(res, 503, "unavailable");
    }
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, "error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
