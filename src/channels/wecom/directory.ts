import type { UserDirectory } from "../../bot/router.ts";
import type { WecomApiClient } from "./api-client.ts";

/** Member names through user/get (mobile and email are not needed, nor granted to new apps). */
export class WecomDirectory implements UserDirectory {
  constructor(private readonly api: WecomApiClient) {}

  async displayName(userId: string): Promise<string | null> {
    const res = await this.api.call("GET", "/cgi-bin/user/get", { userid: userId });
    const name = res["name"];
    return typeof name === "string" && name !== "" ? name : null;
  }
}
