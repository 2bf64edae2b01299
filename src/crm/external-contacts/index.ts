// The external-contacts domain's public face: what other domains and the assembly point may use.
export { ExternalContactEvents } from "./external-contact-events.ts";
export type { ExternalContactEventOptions } from "./external-contact-events.ts";
export type { ExternalContactPrepared } from "./external-contact-events.ts";
export { externalContactJobKinds } from "./external-contact-jobs.ts";
export type { Notice } from "./external-contact-notices.ts";
export { scheduleResignedTransfers } from "./external-transfer.ts";
export type { TransferPlan } from "./external-transfer.ts";
export { zhExternal } from "./messages.ts";
export { EXTERNAL_CHANNEL } from "./external-contacts.ts";
export { contactsWhoDeletedRepSql } from "./deleted-rep-sql.ts";
