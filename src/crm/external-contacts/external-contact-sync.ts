// Bringing the CRM up to date with a customer's WeCom profile: a linked contact is refreshed
// (edit_external_contact); one not linked yet — its add was missed or its profile could not
// be read then — is recorded as if the customer had just added the rep.
import type { User } from "../../auth/users.ts";
import { recordExternalContactAdded, refreshExternalContact, type ExternalContactFacts } from "./external-contacts.ts";
import type { Tx } from "../../db/tx.ts";
import { addedNotices, type Notice } from "./external-contact-notices.ts";

/** The scheduler's job that reads a profile WeCom did not give us at event time. */
export const EXTERNAL_CONTACT_SYNC_JOB = "wecom_external_contact_sync";

export async function syncProfile(tx: Tx, rep: User, facts: ExternalContactFacts, now: Date): Promise<Notice[]> {
  if (await refreshExternalContact(tx, facts, now)) return [];
  return addedNotices(rep, await recordExternalContactAdded(tx, rep, facts, now), facts);
}
