// The reports bench:reports measures, each with the plain SQL aggregate it stands on.
import type { User } from "../../src/auth/users.ts";
import type { Database } from "../../src/db/database.ts";
import type { Tx } from "../../src/db/tx.ts";

export interface ReportCase {
  label: string;
  /** The WeCom id of who asks (bench_mgr_1: a team of 10; bench_admin: everyone). */
  as: string;
  ours(tx: Tx, actor: User): Promise<unknown>;
  baseline: { sql: string; params?: (actor: User) => unknown[] };
  /** Throws when ours and the baseline disagree. */
  check?(db: Database): Promise<void>;
}

export function reportCases(): ReportCase[] {
  return [];
}
