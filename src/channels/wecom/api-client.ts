// WeCom server API client: one cached access token per app (fetched once even under
// concurrency, refreshed shortly before expiry), refresh-and-retry-once on token errors,
// and every failure classified so the outbox knows whether to retry, give up or stop.
import { randomBytes } from "node:crypto";
import type { AxiosInstance } from "axios";
import type { Clock } from "../../clock.ts";
import type { Metrics } from "../../http/metrics.ts";
import type { Logger } from "../../log.ts";

export type FailureKind = "retryable" | "permanent" | "config";

export class WecomApiError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Codes that mean the deployment is misconfigured: retrying cannot help. */
const CONFIG_CODES = new Set([40001, 40013, 40056, 48002, 60020]);
const TOKEN_CODES = new Set([40014, 42001, 41001]);
const RETRY_CODES = new Set([-1, 45009, 45033, 45011, 45047]);
/** A card's response_code can no longer be used: 60140 无效的response_code (expired or unknown),
 * 42022 code已经被使用过 (spent). Permanent errors; the card update falls back to text. */
export const SPENT_RESPONSE_CODE_ERRORS = new Set([60140, 42022]);
const REFRESH_MARGIN_MS = 5 * 60_000;
const CONFIG_FAILURE_MEMORY_MS = 60_000;

export interface WecomCredentials {
  corpId: string;
  secret: string;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

type Json = Record<string, unknown>;

export class WecomApiClient {
  private token: CachedToken | undefined;
  private inflight: Promise<string> | undefined;
  /** A configuration failure is remembered briefly so concurrent senders don't each retry it. */
  private configFailure: { error: WecomApiError; until: number } | undefined;

  constructor(
    private readonly http: AxiosInstance,
    private readonly creds: WecomCredentials,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  /** The cached token, or one fetch shared by every concurrent caller. */
  async accessToken(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.token && now < this.token.expiresAt) return this.token.value;
    if (this.configFailure && now < this.configFailure.until) throw this.configFailure.error;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchToken(): Promise<string> {
    let data: Json;
    try {
      data = await this.request("GET", "/cgi-bin/gettoken", { corpid: this.creds.corpId, corpsecret: this.creds.secret });
    } catch (e) {
      if (e instanceof WecomApiError && e.kind === "config") {
        this.configFailure = { error: e, until: this.clock.now().getTime() + CONFIG_FAILURE_MEMORY_MS };
      }
      throw e;
    }
    this.configFailure = undefined;
    const token = data["access_token"];
    const expiresIn = Number(data["expires_in"] ?? 7200);
    if (typeof token !== "string" || token === "") throw new WecomApiError("retryable", "no_token", "gettoken returned no token");
    const lifetime = Math.max(expiresIn * 1000 - REFRESH_MARGIN_MS, 60_000);
    this.token = { value: token, expiresAt: this.clock.now().getTime() + lifetime };
    return token;
  }

  /** Calls an API that needs access_token; refreshes and retries once on token errors. */
  async call(method: "GET" | "POST", path: string, params: Json = {}, body?: Json | Buffer, headers?: Record<string, string>): Promise<Json> {
    const token = await this.accessToken();
    try {
      return await this.request(method, path, { ...params, access_token: token }, body, headers);
    } catch (e) {
      if (!(e instanceof WecomApiError) || !TOKEN_CODES.has(Number(e.code))) throw e;
      this.log.info({ api: path, code: e.code }, "WeCom access token rejected; refreshing once");
      if (this.token?.value === token) this.token = undefined;
      const fresh = await this.accessToken();
      return this.request(method, path, { ...params, access_token: fresh }, body, headers);
    }
  }

  /** media/upload: a temporary file (multipart field "media"); its media_id lasts 3 days. */
  async uploadMedia(type: "file", filename: string, content: Buffer): Promise<string> {
    const boundary = `----wecrm${randomBytes(12).toString("hex")}`;
    const safeName = filename.replace(/["\r\n]/g, "_");
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${safeName}"; filelength=${content.length}\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n";
    const body = Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await this.call("POST", "/cgi-bin/media/upload", { type }, body, { "content-type": `multipart/form-data; boundary=${boundary}` });
    const mediaId = res["media_id"];
    if (typeof mediaId !== "string" || mediaId === "") throw new WecomApiError("retryable", "no_media_id", "media/upload returned no media_id");
    return mediaId;
  }

  private async request(method: "GET" | "POST", path: string, params: Json, body?: Json | Buffer, headers?: Record<string, string>): Promise<Json> {
    let status: number;
    let data: unknown;
    try {
      const res = await this.http.request({ method, url: path, params, data: body, headers, validateStatus: () => true });
      status = res.status;
      data = res.data;
    } catch (e) {
      this.metrics.wecomApiErrors.inc({ api: path, code: "network" });
      throw new WecomApiError("retryable", "network", `${path}: ${(e as Error).message}`);
    }
    if (status >= 500 || status === 429) {
      this.metrics.wecomApiErrors.inc({ api: path, code: `http_${status}` });
      throw new WecomApiError("retryable", `http_${status}`, `${path}: HTTP ${status}`);
    }
    if (status !== 200 || data === null || typeof data !== "object") {
      this.metrics.wecomApiErrors.inc({ api: path, code: `http_${status}` });
      throw new WecomApiError("permanent", `http_${status}`, `${path}: HTTP ${status} with a non-JSON body`);
    }
    const json = data as Json;
    const code = Number(json["errcode"] ?? 0);
    if (code === 0) return json;
    this.metrics.wecomApiErrors.inc({ api: path, code: String(code) });
    const kind: FailureKind = CONFIG_CODES.has(code)
      ? "config"
      : RETRY_CODES.has(code) || TOKEN_CODES.has(code)
        ? "retryable"
        : "permanent";
    // errmsg is for humans only: decisions branch on errcode.
    throw new WecomApiError(kind, String(code), `${path}: errcode ${code} ${String(json["errmsg"] ?? "")}`.trim());
  }
}
