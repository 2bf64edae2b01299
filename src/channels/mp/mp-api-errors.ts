// What can go wrong calling the Official Account API: the WeCom client's failure kinds
// (retry later, give up, or stop: misconfigured), so the outbox treats both channels alike,
// plus the refusals of customer-service messages a rep must be told about.
import { WeixinApiError } from "../weixin-api/json-api.ts";

export class MpApiError extends WeixinApiError {}

/** Why WeChat refused a customer-service message although the request was fine. */
export type MpSendRefusal = "outside_48h_window" | "reply_quota_used" | "not_following";

/** WeChat will not deliver a customer-service message to this follower now: the caller can
 * tell the rep why (and that it becomes possible again once the customer writes). */
export class MpSendRefusedError extends MpApiError {
  constructor(
    readonly reason: MpSendRefusal,
    code: string,
    message: string,
  ) {
    super("permanent", code, message);
  }
}

/** errcode → refusal: 45015 the follower's last message is more than 48 h old; 45047 the
 * messages allowed since it are used up; 43004 the user does not (or no longer) follow. */
export const SEND_REFUSALS: ReadonlyMap<number, MpSendRefusal> = new Map([
  [45015, "outside_48h_window"],
  [45047, "reply_quota_used"],
  [43004, "not_following"],
]);
