// The contracts domain's public face: lookup within scope and creation, for receivables,
// invoices and import-export; the 合同 commands, REST routes, jobs and the approval effect
// for the assembly point.
export { contractScope, createContract, findContractInScope, noteContractPaid, seesAllMoney, CONTRACT_INCLUDE, CONTRACT_STATUSES, LIVE_CONTRACT_STATUSES } from "./contracts.ts";
export type { Contract, ContractFull, ContractStatus, NewContract } from "./contracts.ts";
export { formatContractNumber } from "./contract-number.ts";
export { contractActions } from "./contract-actions.ts";
export { contractApprovalEffect, contractNoticeJob, CONTRACT_SUBJECT } from "./contract-approval.ts";
export { contractRenewalJob, scheduleRenewal } from "./contract-renewal.ts";
export { contractsApiRouter } from "./contracts-api.ts";
export { zhContracts } from "./messages.ts";
