// One cached access token per app (WeCom or Official Account): fetched once however many
// callers ask at the same time, renewed shortly before it expires or when the API rejects
// it, and a configuration failure (wrong secret, IP not whitelisted) remembered for a
// minute so concurrent senders don't each repeat the doomed fetch.
import type { Clock } from "../../clock.ts";
import { WeixinApiError, type Json } from "./json-api.ts";

export interface FetchedToken {
  value: string;
  expiresInSeconds: number;
}

/** The token in a gettoken / stable_token answer; undefined when it holds none. */
export function tokenIn(answer: Json): FetchedToken | undefined {
  const value = answer["access_token"];
  const expiresInSeconds = Number(answer["expires_in"] ?? 7200);
  return typeof value === "string" && value !== "" && expiresInSeconds > 0 ? { value, expiresInSeconds } : undefined;
}

const REFRESH_MARGIN_MS = 5 * 60_000;
const CONFIG_FAILURE_MEMORY_MS = 60_000;

export class AccessTokenCache {
  private token: { value: string; expiresAt: number } | undefined;
  private inflight: Promise<string> | undefined;
  private configFailure: { error: WeixinApiError; until: number } | undefined;

  constructor(
    private readonly clock: Clock,
    /** Asks the platform for a token; throws a WeixinApiError. */
    private readonly fetch: () => Promise<FetchedToken>,
  ) {}

  /** The cached token, or one fetch shared by every concurrent caller. */
  async get(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.token && now < this.token.expiresAt) return this.token.value;
    if (this.configFailure && now < this.configFailure.until) throw this.configFailure.error;
    this.inflight ??= this.renew().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Runs `use` with the token. When it fails because the API calls the token stale
   * (`isStale`), forgets that token — unless a newer one replaced it meanwhile — and runs
   * `use` once more with a fresh one; a second failure is the caller's, never a loop. */
  async withToken<T>(use: (token: string) => Promise<T>, isStale: (e: unknown) => boolean, onStale?: (e: unknown) => void): Promise<T> {
    const token = await this.get();
    try {
      return await use(token);
    } catch (e) {
      if (!isStale(e)) throw e;
      onStale?.(e);
      if (this.token?.value === token) this.token = undefined;
      return use(await this.get());
    }
  }

  private async renew(): Promise<string> {
    let fetched: FetchedToken;
    try {
      fetched = await this.fetch();
    } catch (e) {
      if (e instanceof WeixinApiError && e.kind === "config") {
        this.configFailure = { error: e, until: this.clock.now().getTime() + CONFIG_FAILURE_MEMORY_MS };
      }
      throw e;
    }
    this.configFailure = undefined;
    // Renew 5 minutes early (the platforms overlap old and new tokens about that long); a
    // short-lived token is kept for half its life.
    const lifetimeMs = fetched.expiresInSeconds * 1000;
    this.token = { value: fetched.value, expiresAt: this.clock.now().getTime() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) };
    return fetched.value;
  }
}
