// What WeCom's external-contact profile means for the CRM, and who is told what when a
// customer adds a rep. Shared by the webhook's event handler and the scheduler's retry of
// an unreadable profile.
import type { User } from "../../auth/users.ts";
import type { ExternalContactProfile } from "../../channels/wecom/external-contact-api.ts";
import type { AddedContact, ExternalContactFacts } from "./external-contacts.ts";
import { isMainlandMobile, normalizeMobile } from "../../util/phone.ts";
import { zh } from "../../messages/zh.ts";
import { zhExternal } from "./messages.ts";

/** A message for one colleague (the caller sends it through the outbox). */
export interface Notice {
  user: User;
  text: string;
}

const CONTACT_NAME_MAX = 32;
const TITLE_MAX = 32;
const COMPANY_MAX = 64;

const clip = (s: string | undefined, n: number): string | undefined => {
  const v = s?.trim();
  return v ? v.slice(0, n) : undefined;
};

/** The profile as the CRM reads it for the rep who was added: their company names (full,
 * short, the rep's note), the first mainland mobile the rep noted, and the State. */
export function factsFromProfile(profile: ExternalContactProfile, followUserId: string, state: string | undefined): ExternalContactFacts {
  const follow = profile.follow.find((f) => f.userId === followUserId);
  const companies = [profile.corpFullName, profile.corpName, follow?.remarkCorpName].flatMap((c) => clip(c, COMPANY_MAX) ?? []);
  const mobile = follow?.remarkMobiles.map(normalizeMobile).find(isMainlandMobile);
  return {
    externalUserId: profile.externalUserId,
    name: clip(profile.name, CONTACT_NAME_MAX) ?? `微信客户${profile.externalUserId.slice(-4)}`,
    companies: [...new Set(companies)],
    title: clip(profile.position, TITLE_MAX),
    mobile,
    campaign: state ?? follow?.state,
  };
}

const nameOf = (u: User): string => zh.whoName(u.name, u.wecomUserId);

/** The rep hears where the customer went; another owner hears that their contact added the rep. */
export function addedNotices(rep: User, added: AddedContact, facts: ExternalContactFacts): Notice[] {
  if (added.repeated) return [];
  const { customer, contact } = added;
  switch (added.placement) {
    case "new":
      return [{ user: rep, text: zhExternal.externalAddedNew(contact.name, customer.code, customer.name, facts.campaign ?? null) }];
    case "own":
      return [{ user: rep, text: zhExternal.externalAddedOwn(contact.name, customer.code, customer.name, facts.campaign ?? null) }];
    case "pool":
      return [{ user: rep, text: zhExternal.externalAddedPool(contact.name, customer.code, customer.name) }];
    case "other": {
      const owner = customer.owner!;
      return [
        { user: rep, text: zhExternal.externalAddedOther(contact.name, customer.code, customer.name, nameOf(owner)) },
        { user: owner, text: zhExternal.externalAddedOtherOwner(contact.name, customer.code, customer.name, nameOf(rep)) },
      ];
    }
  }
}
