// One step of the pool's housekeeping, in one transaction: a batch of returns, a batch of
// warnings (the caller tells the owners), a batch of lead archiving. Every part is a conditional update,
// so a rerun or two replicas at once change and send nothing twice.
import type { Tx } from "../../db/tx.ts";
import { archiveIdleLeads } from "../leads/index.ts";
import { returnIdleCustomers, warnIdleCustomers, type SweepBatch } from "./pool-sweep.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";

export interface PoolStep {
  returned: SweepBatch;
  warned: SweepBatch;
  archived: number;
  /** A batch came back full: there may be more to do. */
  more: boolean;
}

export async function poolMaintenanceStep(tx: Tx, now: Date, settings: CrmSettings, batchSize: number): Promise<PoolStep> {
  // Returns first: a customer already past the line returns rather than being warned.
  const returned = await returnIdleCustomers(tx, now, settings, batchSize);
  const none: SweepBatch = { selected: 0, byOwner: [] };
  if (returned.selected >= batchSize) return { returned, warned: none, archived: 0, more: true };
  const warned = await warnIdleCustomers(tx, now, settings, batchSize);
  const archived = await archiveIdleLeads(tx, now, settings, batchSize);
  return {
    returned,
    warned,
    archived: archived.archived,
    more: Math.max(returned.selected, warned.selected, archived.selected) >= batchSize,
  };
}
