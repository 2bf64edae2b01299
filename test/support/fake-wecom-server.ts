// A fake WeCom server API on 127.0.0.1 for end-to-end tests and the benchmark:
// gettoken, message/send, message/update_template_card, user/get, media/upload, and the
// 客户联系 calls externalcontact/get, send_welcome_msg and resigned/transfer_customer — with
// scriptable failures (network drop, HTTP 5xx, errcodes) and token expiry.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  /** When it arrived (real time: WeCom's duplicate window is WeCom's clock). */
  at?: number;
}

export interface Upload {
  mediaId: string;
  type: string;
  filename: string;
  content: Buffer;
}

/** The "media" part of a multipart/form-data body, as WeCom's media/upload reads it. */
function mediaPart(raw: Buffer, contentType: string): { filename: string; content: Buffer } | undefined {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) return undefined;
  const start = raw.indexOf(`--${boundary}\r\n`);
  const headEnd = raw.indexOf("\r\n\r\n", start);
  const end = raw.indexOf(`\r\n--${boundary}`, headEnd);
  if (start < 0 || headEnd < 0 || end < 0) return undefined;
  const head = raw.subarray(start, headEnd).toString("utf8");
  const filename = /name="media";\s*filename="([^"]*)"/.exec(head)?.[1];
  return filename === undefined ? undefined : { filename, content: raw.subarray(headEnd + 4, end) };
}

/** "slow": the call succeeds (WeCom delivers) but the answer comes after `ms`. */
type Failure = { kind: "errcode"; errcode: number } | { kind: "http"; status: number } | { kind: "drop" } | { kind: "slow"; ms: number };

/** A customer as externalcontact/get returns them (WeCom's field names). */
export interface FakeExternalContact {
  external_contact: { external_userid: string; name: string; type: number; position?: string; corp_name?: string; corp_full_name?: string };
  follow_user: Array<{ userid: string; remark_mobiles?: string[]; remark_corp_name?: string; state?: string; createtime?: number }>;
}

export class FakeWecomServer {
  readonly calls: RecordedCall[] = [];
  /** Files received through media/upload. */
  readonly uploads: Upload[] = [];
  private server: Server | undefined;
  private tokenSeq = 0;
  private validTokens = new Set<string>();
  private failures = new Map<string, Failure[]>();
  /** Response codes WeCom no longer accepts (older than 72 h): update_template_card → 60140. */
  readonly expiredResponseCodes = new Set<string>();
  /** Response codes already used once: a second update_template_card → 42022. */
  readonly usedResponseCodes = new Set<string>();
  /** When false, every call fails like a WeCom outage (connection dropped). */
  up = true;
  secretValid = true;
  /** Honour message/send's enable_duplicate_check as WeCom does (off by default, so tests
   * that send the same answer twice count both). */
  duplicateCheck = false;
  users: Record<string, string> = {};
  /** external_userid → profile, for externalcontact/get (unknown ids: 84061). */
  externalContacts: Record<string, FakeExternalContact> = {};
  /** Members still in the directory: resigned/transfer_customer refuses them (40097). */
  readonly stillEmployed = new Set<string>();
  /** external_userid → the per-customer errcode resigned/transfer_customer answers (default 0). */
  transferErrcodes: Record<string, number> = {};
  readonly corpId: string;
  readonly secret: string;

  constructor(opts: { corpId?: string; secret?: string } = {}) {
    this.corpId = opts.corpId ?? "wwfakecorp";
    this.secret = opts.secret ?? "fake-secret";
  }

  get baseUrl(): string {
    const a = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The next `times` calls to `path` fail this way. */
  failNext(path: string, failure: Failure, times = 1): void {
    const list = this.failures.get(path) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(path, list);
  }

  /** Every token issued so far stops working (as if it expired). */
  expireTokens(): void {
    this.validTokens.clear();
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  /** Bodies of the calls to `path` that WeCom accepted. */
  accepted(path: string): Array<Record<string, unknown>> {
    return this.callsTo(path).flatMap((c) => (c.body && (c as { ok?: boolean }).ok !== false ? [c.body] : []));
  }

  sentMessages(): Array<Record<string, unknown>> {
    return this.accepted("/cgi-bin/message/send");
  }

  /** Card updates WeCom accepted (update_template_card bodies). */
  cardUpdates(): Array<Record<string, unknown>> {
    return this.accepted("/cgi-bin/message/update_template_card");
  }

  private isDuplicate(call: RecordedCall, body: Record<string, unknown>): boolean {
    if (!this.duplicateCheck || body["enable_duplicate_check"] !== 1) return false;
    const windowMs = Number(body["duplicate_check_interval"] ?? 1800) * 1000;
    const key = (b: Record<string, unknown>) => JSON.stringify([b["touser"], b["msgtype"], b["text"], b["markdown"]]);
    const now = Date.now();
    return this.callsTo("/cgi-bin/message/send").some(
      (c) => c !== call && (c as { ok?: boolean }).ok !== false && c.body !== undefined && key(c.body) === key(body) && now - (c.at ?? 0) <= windowMs,
    );
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const contentType = req.headers["content-type"] ?? "";
    const multipart = contentType.startsWith("multipart/form-data");
    const raw = multipart ? "" : rawBytes.toString("utf8");
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const call: RecordedCall & { ok?: boolean } = { path: url.pathname, query: Object.fromEntries(url.searchParams), body, at: Date.now() };
    this.calls.push(call);
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(data));
    };
    const failure = this.failures.get(url.pathname)?.shift();
    if (!this.up || failure?.kind === "drop") {
      call.ok = false;
      req.socket.destroy();
      return;
    }
    if (failure?.kind === "http") {
      call.ok = false;
      return json(failure.status, { error: "fake outage" });
    }
    if (failure?.kind === "slow") await new Promise((r) => setTimeout(r, failure.ms));
    if (failure?.kind === "errcode") {
      call.ok = false;
      return json(200, { errcode: failure.errcode, errmsg: "fake failure" });
    }
    if (url.pathname === "/cgi-bin/gettoken") {
      if (url.searchParams.get("corpid") !== this.corpId || url.searchParams.get("corpsecret") !== this.secret || !this.secretValid) {
        call.ok = false;
        return json(200, { errcode: 40001, errmsg: "invalid secret" });
      }
      const token = `tok-${++this.tokenSeq}`;
      this.validTokens.add(token);
      return json(200, { errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
    }
    if (url.pathname === "/cgi-bin/stable_token") {
      // The Official Account's token (the same fake stands for api.weixin.qq.com).
      const token = `mptok-${++this.tokenSeq}`;
      this.validTokens.add(token);
      return json(200, { access_token: token, expires_in: 7200 });
    }
    if (!this.validTokens.has(url.searchParams.get("access_token") ?? "")) {
      call.ok = false;
      return json(200, { errcode: 42001, errmsg: "access_token expired" });
    }
    switch (url.pathname) {
      case "/cgi-bin/message/custom/send":
        return json(200, { errcode: 0, errmsg: "ok" });
      case "/cgi-bin/message/send": {
        const isCard = body?.["msgtype"] === "template_card";
        // WeCom's duplicate check: the same message to the same user within the interval is
        // answered ok but not delivered again.
        if (body && this.isDuplicate(call, body)) call.ok = false;
        return json(200, {
          errcode: 0,
          errmsg: "ok",
          invaliduser: "",
          msgid: `msg-${this.calls.length}`,
          ...(isCard ? { response_code: `rc-${this.calls.length}` } : {}),
        });
      }
      case "/cgi-bin/media/upload": {
        const part = multipart ? mediaPart(rawBytes, contentType) : undefined;
        if (!part || part.content.length <= 5) {
          call.ok = false;
          return json(200, { errcode: 40004, errmsg: "invalid media" });
        }
        const type = url.searchParams.get("type") ?? "";
        const mediaId = `media-${this.uploads.length + 1}`;
        this.uploads.push({ mediaId, type, ...part });
        return json(200, { errcode: 0, errmsg: "ok", type, media_id: mediaId, created_at: String(Math.floor(Date.now() / 1000)) });
      }
      case "/cgi-bin/message/update_template_card": {
        const code = String(body?.["response_code"] ?? "");
        const refused = this.expiredResponseCodes.has(code) ? 60140 : this.usedResponseCodes.has(code) ? 42022 : 0;
        if (refused) {
          call.ok = false;
          return json(200, { errcode: refused, errmsg: refused === 60140 ? "invalid response_code" : "code has been used" });
        }
        this.usedResponseCodes.add(code);
        return json(200, { errcode: 0, errmsg: "ok", invaliduser: [] });
      }
      case "/cgi-bin/user/get": {
        const id = url.searchParams.get("userid") ?? "";
        const name = this.users[id];
        return name ? json(200, { errcode: 0, errmsg: "ok", userid: id, name }) : json(200, { errcode: 60111, errmsg: "userid not found" });
      }
      case "/cgi-bin/externalcontact/get": {
        const contact = this.externalContacts[url.searchParams.get("external_userid") ?? ""];
        if (!contact) {
          call.ok = false;
          return json(200, { errcode: 84061, errmsg: "not external contact" });
        }
        return json(200, { errcode: 0, errmsg: "ok", ...contact, next_cursor: "" });
      }
      case "/cgi-bin/externalcontact/send_welcome_msg":
        return json(200, { errcode: 0, errmsg: "ok" });
      case "/cgi-bin/externalcontact/resigned/transfer_customer": {
        if (this.stillEmployed.has(String(body?.["handover_userid"]))) {
          call.ok = false;
          return json(200, { errcode: 40097, errmsg: "handover user not resigned" });
        }
        const ids = (body?.["external_userid"] as string[] | undefined) ?? [];
        return json(200, { errcode: 0, errmsg: "ok", customer: ids.map((id) => ({ external_userid: id, errcode: this.transferErrcodes[id] ?? 0 })) });
      }
      default:
        return json(404, { errcode: 404, errmsg: "unknown api" });
    }
  }
}
