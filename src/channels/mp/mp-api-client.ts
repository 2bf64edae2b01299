// Official Account server API client: one cached access token (shared with WeCom's
// AccessTokenCache: one fetch in flight, renewed before expiry and once when WeChat rejects
// it), errcodes as MpApiError kinds, and customer-service text (message/custom/send).
//
// The token comes from POST /cgi-bin/stable_token (normal mode, force_refresh false), not
// GET /cgi-bin/token: fetching a /token invalidates the previous one after ~5 minutes, so
// several replicas (or another tool holding the same AppSecret) refreshing independently
// knock each other's tokens out (errcode 40001, protocol doc §5.7 and §8 #10). A stable
// token is returned unchanged while it is valid, whoever asks, and is isolated from /token.
import type { AxiosInstance } from "axios";
import type { Clock } from "../../clock.ts";
import type { Logger } from "../../log.ts";
import { AccessTokenCache, tokenIn, type FetchedToken } from "../weixin-api/access-token-cache.ts";
import { callJsonApi, type FailureKind, type Json } from "../weixin-api/json-api.ts";
import { MpApiError, MpSendRefusedError, SEND_REFUSALS } from "./mp-api-errors.ts";
import type { MpSettings } from "./mp-settings.ts";

/** The token is no longer valid or not the latest: fetch again and retry once. */
const TOKEN_CODES = new Set([40001, 40014, 42001]);
/** Wrong AppID/AppSecret, server IP not on the whitelist, API not granted to the account,
 * or the call awaiting the admin's confirmation: retrying cannot help until someone acts. */
const CONFIG_CODES = new Set([40013, 40125, 40164, 41002, 41004, 48001, 89503, 89506, 89507]);
/** System busy, API quota or rate limits. */
const RETRY_CODES = new Set([-1, 45009, 45011]);

const kindOf = (code: number): FailureKind =>
  CONFIG_CODES.has(code) ? "config" : RETRY_CODES.has(code) || TOKEN_CODES.has(code) ? "retryable" : "permanent";
/** On the token call itself 40001 means a wrong AppSecret, not a stale token. */
const tokenKindOf = (code: number): FailureKind => (code === 40001 ? "config" : kindOf(code));
const mpError = (kind: FailureKind, code: string, message: string) => new MpApiError(kind, code, message);

export class MpApiClient {
  private readonly tokens: AccessTokenCache;

  constructor(
    /** axios with baseURL = MpSettings.apiBase (and a timeout). */
    private readonly http: AxiosInstance,
    private readonly creds: Pick<MpSettings, "appId" | "appSecret">,
    clock: Clock,
    private readonly log: Logger,
  ) {
    this.tokens = new AccessTokenCache(clock, () => this.fetchToken());
  }

  /** The cached token, or one fetch shared by every concurrent caller. */
  accessToken(): Promise<string> {
    return this.tokens.get();
  }

  private async fetchToken(): Promise<FetchedToken> {
    const body = { grant_type: "client_credential", appid: this.creds.appId, secret: this.creds.appSecret, force_refresh: false };
    const token = tokenIn(await this.request("POST", "/cgi-bin/stable_token", {}, body, tokenKindOf));
    if (!token) throw new MpApiError("retryable", "no_token", "stable_token returned no token");
    return token;
  }

  /** Calls an API that needs access_token; on a token errcode fetches a token again and
   * retries once (a second rejection is a retryable error, never a loop). */
  call(method: "GET" | "POST", path: string, params: Json = {}, body?: Json): Promise<Json> {
    return this.tokens.withToken(
      (token) => this.request(method, path, { ...params, access_token: token }, body),
      (e) => e instanceof MpApiError && TOKEN_CODES.has(Number(e.code)),
      (e) => this.log.info({ api: path, code: (e as MpApiError).code }, "Official Account access token rejected; fetching it again once"),
    );
  }

  /** A customer-service text message to a follower. WeChat allows it only within 48 h of the
   * follower's last message (and a few per interaction): refusals are MpSendRefusedError. */
  async sendCustomText(openid: string, content: string): Promise<void> {
    if (openid === "" || content.trim() === "") throw new MpApiError("permanent", "empty", "custom/send needs an openid and text");
    try {
      await this.call("POST", "/cgi-bin/message/custom/send", {}, { touser: openid, msgtype: "text", text: { content } });
    } catch (e) {
      const reason = e instanceof MpApiError ? SEND_REFUSALS.get(Number(e.code)) : undefined;
      if (e instanceof MpApiError && reason) throw new MpSendRefusedError(reason, e.code, e.message);
      throw e;
    }
  }

  private async request(method: "GET" | "POST", path: string, params: Json, body?: Json, kinds = kindOf): Promise<Json> {
    try {
      return await callJsonApi(this.http, { method, path, params, body }, kinds, mpError);
    } catch (e) {
      if (e instanceof MpApiError) {
        this.log[e.kind === "permanent" ? "info" : "warn"]({ api: path, code: e.code, kind: e.kind }, "Official Account API error");
      }
      throw e;
    }
  }
}
