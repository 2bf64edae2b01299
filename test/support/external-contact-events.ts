// WeCom's system events as the signed webhook receives them (from "sys"): a customer adding
// or leaving a rep (change_external_contact) and a member removed from the directory
// (change_contact delete_user), with the customer's profile put on the fake WeCom first.
import type { FakeExternalContact } from "./fake-wecom-server.ts";
import { type Harness, KEYS } from "./harness.ts";

export interface ExternalEvent {
  changeType: string;
  userId: string;
  externalUserId: string;
  state?: string;
  welcomeCode?: string;
  failReason?: string;
}

const tag = (name: string, value: string | undefined) => (value === undefined ? "" : `<${name}><![CDATA[${value}]]></${name}>`);

/** Posts a system event one second after the last (events are deduplicated per second). */
async function postSystemEvent(h: Harness, event: string, fields: string): Promise<void> {
  h.clock.advance(1_000);
  const ct = Math.floor(h.clock.now().getTime() / 1000);
  const xml = `<xml><ToUserName><![CDATA[${KEYS.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${ct}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${fields}</xml>`;
  const res = await h.post(xml);
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  await h.drain();
}

export function postExternalEvent(h: Harness, e: ExternalEvent): Promise<void> {
  const fields =
    tag("ChangeType", e.changeType) +
    tag("UserID", e.userId) +
    tag("ExternalUserID", e.externalUserId) +
    tag("State", e.state) +
    tag("WelcomeCode", e.welcomeCode) +
    tag("FailReason", e.failReason);
  return postSystemEvent(h, "change_external_contact", fields);
}

export function postMemberDeleted(h: Harness, userId: string): Promise<void> {
  return postSystemEvent(h, "change_contact", tag("ChangeType", "delete_user") + tag("UserID", userId));
}

export interface CustomerProfile {
  name: string;
  corp?: string;
  corpFull?: string;
  position?: string;
  mobile?: string;
  state?: string;
}

/** What externalcontact/get answers for this customer followed by `rep`. */
export function fakeProfile(externalUserId: string, rep: string, p: CustomerProfile): FakeExternalContact {
  return {
    external_contact: { external_userid: externalUserId, name: p.name, type: p.corp || p.corpFull ? 2 : 1, position: p.position, corp_name: p.corp, corp_full_name: p.corpFull },
    follow_user: [{ userid: rep, remark_mobiles: p.mobile ? [p.mobile] : [], state: p.state, createtime: 1_763_000_000 }],
  };
}

/** The customer adds `rep` on WeCom (profile on the fake first); the event is processed. */
export function customerAdds(h: Harness, rep: string, externalUserId: string, p: CustomerProfile, extra: Partial<ExternalEvent> = {}): Promise<void> {
  h.fake.externalContacts[externalUserId] = fakeProfile(externalUserId, rep, p);
  return postExternalEvent(h, { changeType: "add_external_contact", userId: rep, externalUserId, state: p.state, ...extra });
}
