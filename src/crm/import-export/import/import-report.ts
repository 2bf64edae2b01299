// The import report as the person importing reads it (Chinese): every bad row with its
// line, column and problem; every skipped duplicate; who gets what; a one-line summary.
import { zhData } from "../messages.ts";
import type { RowDuplicate } from "./import-types.ts";
import type { ImportReport } from "./run-import.ts";

const ENCODING_NAMES = { "utf-8": "UTF-8", gb18030: "GBK", "utf-16le": "UTF-16" } as const;

function duplicateLine(d: RowDuplicate, kind: ImportReport["kind"]): string {
  const by = zhData.importMatchedBy[d.matchedBy]!;
  if (d.of.kind === "in_file") return zhData.importDuplicateInFile(d.line, d.of.line, by);
  const what =
    kind === "contracts"
      ? zhData.importExistingContract(d.of.code, d.of.name)
      : kind === "payments"
        ? zhData.importExistingPayment(d.of.code, d.of.name)
      : kind === "products"
      ? zhData.importExistingProduct(d.of.code, d.of.name)
      : kind === "leads" && d.matchedBy !== "likely_company"
        ? zhData.importExistingLead(d.of.code, d.of.name, d.of.owner)
        : zhData.importExistingCustomer(d.of.code, d.of.name, d.of.owner);
  return zhData.importDuplicateInDb(d.line, what, by);
}

export function formatImportReport(r: ImportReport): string {
  const kindName = zhData.dataKindNames[r.kind]!;
  const lines = [zhData.importHeading(r.file, kindName, ENCODING_NAMES[r.encoding], r.rows)];
  if (r.ignoredColumns.length) lines.push(zhData.importIgnoredColumns(r.ignoredColumns));
  if (r.problems.length) {
    lines.push("", zhData.importProblemsTitle(r.problems.length));
    for (const p of r.problems) lines.push(`  ${zhData.importProblem(p.line, p.column, p.message)}`);
  }
  if (r.duplicates.length) {
    lines.push("", zhData.importDuplicatesTitle(r.duplicates.length));
    for (const d of r.duplicates) lines.push(`  ${duplicateLine(d, r.kind)}`);
  }
  lines.push("");
  const parts = r.owners.map((o) => zhData.importAssignmentPart(o.name, o.count));
  if (r.ownerless) parts.push(zhData.importAssignmentPart(r.kind === "leads" ? zhData.importNobody : zhData.importPool, r.ownerless));
  if (parts.length && !r.problems.length) lines.push(zhData.importAssignments(parts));
  lines.push(zhData.importSummary(r.toCreate, r.duplicates.length, new Set(r.problems.map((p) => p.line)).size));
  if (r.problems.length) lines.push(zhData.importNothingWritten);
  else if (r.dryRun) lines.push(zhData.importDryRun);
  else {
    lines.push(zhData.importDone(r.created, kindName));
    if (r.raced) lines.push(zhData.importRaced(r.raced));
  }
  return lines.join("\n");
}
