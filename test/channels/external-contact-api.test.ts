// The 客户联系 API wrapper against nock: externalcontact/get over several pages of follow_user,
// answers checked by shape, per-customer transfer results, and the CRM's reading of a profile.
import axios from "axios";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WecomApiClient, WecomApiError } from "../../src/channels/wecom/api-client.ts";
import { WecomExternalContactApi } from "../../src/channels/wecom/external-contact-api.ts";
import { factsFromProfile } from "../../src/crm/external-contacts/external-contact-notices.ts";
import { ManualClock } from "../../src/clock.ts";
import { Metrics } from "../../src/http/metrics.ts";
import { createLogger } from "../../src/log.ts";

const BASE = "http://127.0.0.1:9";
let api: WecomExternalContactApi;

beforeEach(() => {
  nock.disableNetConnect();
  const clock = new ManualClock(new Date("2026-11-23T02:00:00Z"));
  api = new WecomExternalContactApi(new WecomApiClient(axios.create({ baseURL: BASE }), { corpId: "ww1", secret: "s" }, clock, createLogger("silent"), new Metrics()));
  nock(BASE).get("/cgi-bin/gettoken").query(true).reply(200, { errcode: 0, access_token: "T", expires_in: 7200 });
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const contact = { external_userid: "wm1", name: "李四", type: 2, position: "采购经理", corp_name: "腾讯", corp_full_name: "腾讯科技有限公司", avatar: "http://x" };

describe("WecomExternalContactApi", () => {
  it("reads every page of follow_user", async () => {
    nock(BASE)
      .get("/cgi-bin/externalcontact/get")
      .query({ access_token: "T", external_userid: "wm1" })
      .reply(200, { errcode: 0, external_contact: contact, follow_user: [{ userid: "other", remark_mobiles: [] }], next_cursor: "c2" });
    nock(BASE)
      .get("/cgi-bin/externalcontact/get")
      .query({ access_token: "T", external_userid: "wm1", cursor: "c2" })
      .reply(200, { errcode: 0, external_contact: contact, follow_user: [{ userid: "rep_a", remark_mobiles: ["+86 138 0013 8000"], remark_corp_name: "腾讯（深圳）", state: "expo" }] });
    const profile = await api.profile("wm1");
    expect(profile).toEqual({
      externalUserId: "wm1",
      name: "李四",
      type: 2,
      position: "采购经理",
      corpName: "腾讯",
      corpFullName: "腾讯科技有限公司",
      follow: [
        { userId: "other", remarkCorpName: undefined, remarkMobiles: [], state: undefined },
        { userId: "rep_a", remarkCorpName: "腾讯（深圳）", remarkMobiles: ["+86 138 0013 8000"], state: "expo" },
      ],
    });
    expect(factsFromProfile(profile, "rep_a", undefined)).toEqual({
      externalUserId: "wm1",
      name: "李四",
      companies: ["腾讯科技有限公司", "腾讯", "腾讯（深圳）"],
      title: "采购经理",
      mobile: "13800138000",
      campaign: "expo",
    });
  });

  it("a WeChat user with no name or company still makes facts; an answer without the contact is refused", async () => {
    expect(factsFromProfile({ externalUserId: "wmAAAA9z", name: " ", follow: [] }, "rep_a", "qr1")).toEqual({
      externalUserId: "wmAAAA9z",
      name: "微信客户AA9z",
      companies: [],
      title: undefined,
      mobile: undefined,
      campaign: "qr1",
    });
    nock(BASE).get("/cgi-bin/externalcontact/get").query(true).reply(200, { errcode: 0, follow_user: [] });
    await expect(api.profile("wm1")).rejects.toMatchObject({ kind: "permanent", code: "invalid_answer" });
  });

  it("errcodes keep their kind: 84061 (no such relation) is permanent", async () => {
    nock(BASE).get("/cgi-bin/externalcontact/get").query(true).reply(200, { errcode: 84061, errmsg: "not external contact" });
    const err = await api.profile("wm1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomApiError);
    expect(err).toMatchObject({ kind: "permanent", code: "84061" });
  });

  it("sends the welcome with its code, and reads per-customer transfer results", async () => {
    const welcome = nock(BASE).post("/cgi-bin/externalcontact/send_welcome_msg", { welcome_code: "W1", text: { content: "您好" } }).query(true).reply(200, { errcode: 0 });
    await api.sendWelcome("W1", "您好");
    expect(welcome.isDone()).toBe(true);
    nock(BASE)
      .post("/cgi-bin/externalcontact/resigned/transfer_customer", { handover_userid: "a", takeover_userid: "b", external_userid: ["wm1", "wm2"] })
      .query(true)
      .reply(200, { errcode: 0, customer: [{ external_userid: "wm1", errcode: 0 }, { external_userid: "wm2", errcode: 40100 }] });
    expect(await api.transferResigned("a", "b", ["wm1", "wm2"])).toEqual([
      { externalUserId: "wm1", errcode: 0 },
      { externalUserId: "wm2", errcode: 40100 },
    ]);
  });
});
