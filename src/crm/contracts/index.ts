// The contracts domain's public face: lookup within scope and creation, for receivables,
// invoices and the assembly point.
export { contractScope, createContract, findContractInScope, noteContractPaid, seesAllMoney, CONTRACT_INCLUDE, CONTRACT_STATUSES, LIVE_CONTRACT_STATUSES } from "./contracts.ts";
export type { Contract, ContractFull, ContractStatus, NewContract } from "./contracts.ts";
export { formatContractNumber } from "./contract-number.ts";
