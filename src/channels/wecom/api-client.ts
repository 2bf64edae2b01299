// WeCom server API client: one cached access token per app (fetched once even under
// concurrency, refreshed shortly before expiry), refresh-and-retry-once on token errors,
// and every failure classified so the outbox knows whether to retry, give up or stop.
import { randomBytes } from "node:crypto";
import type { AxiosInstance } from "axios";
import type { Clock } from "../../clock.ts";
import type { Metrics } from "../../http/metrics.ts";
import type { Logger } from "../../log.ts";
import { AccessTokenCache, tokenIn, type FetchedToken } from "../weixin-api/access-token-cache.ts";
import { callJsonApi, WeixinApiError, type FailureKind, type Json } from "../weixin-api/json-api.ts";

export type { FailureKind };

export class WecomApiError extends WeixinApiError {}

/** Codes that mean the deployment is misconfigured: retrying cannot help. */
const CONFIG_CODES = new Set([40001, 40013, 40056, 48002, 60020]);
const TOKEN_CODES = new Set([40014, 42001, 41001]);
const RETRY_CODES = new Set([-1, 45009, 45033, 45011, 45047]);
/** A card's response_code can no longer be used: 60140 无效的response_code (expired or unknown),
 * 42022 code已经被使用过 (spent). Permanent errors; the card update falls back to text. */
export const SPENT_RESPONSE_CODE_ERRORS = new Set([60140, 42022]);
const kindOf = (code: number): FailureKind =>
  CONFIG_CODES.has(code) ? "config" : RETRY_CODES.has(code) || TOKEN_CODES.has(code) ? "retryable" : "permanent";
const wecomError = (kind: FailureKind, code: string, message: string) => new WecomApiError(kind, code, message);

export interface WecomCredentials {
  corpId: string;
  secret: string;
}

export class WecomApiClient {
  /** One token per app, one fetch at a time; a configuration failure remembered briefly. */
  private readonly tokens: AccessTokenCache;

  constructor(
    private readonly http: AxiosInstance,
    private readonly creds: WecomCredentials,
    clock: Clock,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {
    this.tokens = new AccessTokenCache(clock, () => this.fetchToken());
  }

  /** The cached token, or one fetch shared by every concurrent caller. */
  accessToken(): Promise<string> {
    return this.tokens.get();
  }

  private async fetchToken(): Promise<FetchedToken> {
    const token = tokenIn(await this.request("GET", "/cgi-bin/gettoken", { corpid: this.creds.corpId, corpsecret: this.creds.secret }));
    if (!token) throw new WecomApiError("retryable", "no_token", "gettoken returned no token");
    return token;
  }

  /** Calls an API that needs access_token; refreshes and retries once on token errors. */
  call(method: "GET" | "POST", path: string, params: Json = {}, body?: Json | Buffer, headers?: Record<string, string>): Promise<Json> {
    return this.tokens.withToken(
      (token) => this.request(method, path, { ...params, access_token: token }, body, headers),
      (e) => e instanceof WecomApiError && TOKEN_CODES.has(Number(e.code)),
      (e) => this.log.info({ api: path, code: (e as WecomApiError).code }, "WeCom access token rejected; refreshing once"),
    );
  }

  /** media/upload: a temporary file (multipart field "media"); its media_id lasts 3 days. */
  async uploadMedia(type: "file" | "image", filename: string, content: Buffer): Promise<string> {
    const boundary = `----wecrm${randomBytes(12).toString("hex")}`;
    const safeName = filename.replace(/["\r\n]/g, "_");
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${safeName}"; filelength=${content.length}\r\n` +
      `Content-Type: ${type === "image" ? "image/png" : "application/octet-stream"}\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await this.call("POST", "/cgi-bin/media/upload", { type }, body, { "content-type": `multipart/form-data; boundary=${boundary}` });
    const mediaId = res["media_id"];
    if (typeof mediaId !== "string" || mediaId === "") throw new WecomApiError("retryable", "no_media_id", "media/upload returned no media_id");
    return mediaId;
  }

  private async request(method: "GET" | "POST", path: string, params: Json, body?: Json | Buffer, headers?: Record<string, string>): Promise<Json> {
    try {
      return await callJsonApi(this.http, { method, path, params, body, headers }, kindOf, wecomError);
    } catch (e) {
      if (e instanceof WecomApiError) this.metrics.wecomApiErrors.inc({ api: path, code: e.code });
      throw e;
    }
  }
}
