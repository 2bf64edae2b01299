// WeCom 客户联系 (external contact) server APIs: a customer's profile, the welcome message
// on their first add, and handing a departed member's customers to a colleague. Each needs
// a token of an app placed in 客户联系 → 可调用应用 (or the 客户联系 secret). Answers are checked
// with zod; errors are WecomApiErrors classified like every WeCom call (retryable,
// permanent, config).
import { z } from "zod";
import { WecomApiError, type WecomApiClient } from "./api-client.ts";

/** Pages of follow_user read at most (a customer followed by very many members). */
const MAX_PAGES = 10;

const text = z.string().optional().catch(undefined);

const profileSchema = z.object({
  external_contact: z.object({
    external_userid: z.string().min(1),
    name: z.string().default(""),
    /** 1: a WeChat user, 2: a WeCom user (then corp names are set). */
    type: z.number().int().optional().catch(undefined),
    position: text,
    corp_name: text,
    corp_full_name: text,
  }),
  follow_user: z
    .array(
      z.object({
        userid: z.string().min(1),
        remark_corp_name: text,
        remark_mobiles: z.array(z.string()).default([]).catch([]),
        state: text,
      }),
    )
    .default([]),
  next_cursor: z.string().optional().catch(undefined),
});

const transferSchema = z.object({
  customer: z.array(z.object({ external_userid: z.string().min(1), errcode: z.number().int() })).default([]),
});

/** A member who follows the customer, with what that member noted about them. */
export interface ExternalFollow {
  userId: string;
  /** The company the member wrote on the customer (备注企业名称). */
  remarkCorpName?: string;
  remarkMobiles: string[];
  /** The contact way's state the customer added this member through. */
  state?: string;
}

export interface ExternalContactProfile {
  externalUserId: string;
  name: string;
  /** 1 WeChat, 2 WeCom. */
  type?: number;
  position?: string;
  corpName?: string;
  corpFullName?: string;
  follow: ExternalFollow[];
}

/** One customer's answer in a transfer: 0 means WeCom started it (it completes after 24 h). */
export interface TransferOutcome {
  externalUserId: string;
  errcode: number;
}

export interface ExternalContactApi {
  profile(externalUserId: string): Promise<ExternalContactProfile>;
  sendWelcome(welcomeCode: string, content: string): Promise<void>;
  transferResigned(handoverUserId: string, takeoverUserId: string, externalUserIds: string[]): Promise<TransferOutcome[]>;
}

const invalid = (path: string, problem: string) => new WecomApiError("permanent", "invalid_answer", `${path}: ${problem}`);

export class WecomExternalContactApi implements ExternalContactApi {
  constructor(private readonly api: WecomApiClient) {}

  /** externalcontact/get, every page of follow_user. */
  async profile(externalUserId: string): Promise<ExternalContactProfile> {
    const path = "/cgi-bin/externalcontact/get";
    const follow: ExternalFollow[] = [];
    let contact: z.infer<typeof profileSchema>["external_contact"] | undefined;
    let cursor = "";
    for (let page = 0; page === 0 || (cursor && page < MAX_PAGES); page++) {
      const parsed = profileSchema.safeParse(await this.api.call("GET", path, { external_userid: externalUserId, ...(cursor ? { cursor } : {}) }));
      if (!parsed.success) throw invalid(path, parsed.error.issues[0]?.message ?? "unexpected answer");
      contact ??= parsed.data.external_contact;
      for (const f of parsed.data.follow_user) {
        follow.push({ userId: f.userid, remarkCorpName: f.remark_corp_name || undefined, remarkMobiles: f.remark_mobiles, state: f.state || undefined });
      }
      cursor = parsed.data.next_cursor ?? "";
    }
    if (!contact) throw invalid(path, "no external_contact");
    return {
      externalUserId: contact.external_userid,
      name: contact.name,
      type: contact.type,
      position: contact.position || undefined,
      corpName: contact.corp_name || undefined,
      corpFullName: contact.corp_full_name || undefined,
      follow,
    };
  }

  /** externalcontact/send_welcome_msg: the code is good for about 20 s and once. */
  async sendWelcome(welcomeCode: string, content: string): Promise<void> {
    await this.api.call("POST", "/cgi-bin/externalcontact/send_welcome_msg", {}, { welcome_code: welcomeCode, text: { content } });
  }

  /** externalcontact/resigned/transfer_customer: 1–100 customers of a member who has left WeCom. */
  async transferResigned(handoverUserId: string, takeoverUserId: string, externalUserIds: string[]): Promise<TransferOutcome[]> {
    const path = "/cgi-bin/externalcontact/resigned/transfer_customer";
    const res = await this.api.call("POST", path, {}, { handover_userid: handoverUserId, takeover_userid: takeoverUserId, external_userid: externalUserIds });
    const parsed = transferSchema.safeParse(res);
    if (!parsed.success) throw invalid(path, parsed.error.issues[0]?.message ?? "unexpected answer");
    return parsed.data.customer.map((c) => ({ externalUserId: c.external_userid, errcode: c.errcode }));
  }
}
