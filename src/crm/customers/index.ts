// The customers domain's public face: what other domains and the assembly point may use.
export { findLikelyCustomer, findLikelyCustomers } from "./company-duplicates.ts";
export { saveContact } from "./contacts.ts";
export { customerActions } from "./customer-actions.ts";
export { assignCustomerTo, customerAssignTokens } from "./customer-assign.ts";
export { customerCardText, dayText, leadCardText, ownerText } from "./customer-card-text.ts";
export { customerCard, leadCard } from "./customer-card.ts";
export { registerCustomerCardSection } from "./card-sections.ts";
export type { CardSection } from "./card-sections.ts";
export { resolveCustomer } from "./customer-edit.ts";
export { customerMergeAction } from "./customer-merge-action.ts";
export { createCustomer, customerNameKey, findCustomerByRef, findCustomerInScope } from "./customers.ts";
export type { CustomerWithOwner } from "./customers.ts";
export { normalizeCompany } from "./company-match.ts";
export { customerInScope, nameOf } from "./customer-ref.ts";
export { mobileParam } from "./record-fields.ts";
export { FORCE_WORD, likelyDuplicateReply, withoutForce } from "./likely-duplicate.ts";
export { zhCustomers } from "./messages.ts";
