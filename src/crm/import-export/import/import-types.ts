// What planning an import produces, for every record kind: rows to create, duplicates to
// skip and problems that stop the whole import.
import type { User } from "../../../auth/users.ts";
import type { CsvRecord } from "../csv.ts";
import type { CrmSettings } from "../../../config/crm/crm-settings.ts";
import type { ColumnMap } from "./columns.ts";

export interface RowProblem {
  line: number;
  /** The column as written in the file's header (or the field's Chinese name). */
  column: string;
  message: string;
}

export type DuplicateOf =
  | { kind: "in_file"; line: number }
  | { kind: "in_db"; code: number; name: string; owner: string | null };

export interface RowDuplicate {
  line: number;
  of: DuplicateOf;
  /** likely_company: another name for a customer we have (company-match.ts); product_name
   * and sku: a product in the catalogue (products); contract_number: a contract (contracts); external_id: a payment (payments). */
  matchedBy: "phone" | "company_name" | "name" | "likely_company" | "product_name" | "sku" | "contract_number" | "external_id";
}

export interface ImportInput {
  records: CsvRecord[];
  columns: ColumnMap;
  settings: CrmSettings;
  /** --as: the user the import acts as (owner of rows without one, scope for owners). */
  as: User | null;
}

export interface ImportPlan<T> {
  rows: Array<{ line: number; data: T; owner: User | null }>;
  duplicates: RowDuplicate[];
  problems: RowProblem[];
  /** Rows without an owner after planning: unassigned leads, customers for the pool. */
  ownerless: number;
}

export const displayName = (u: Pick<User, "name" | "wecomUserId">): string => u.name ?? u.wecomUserId;
