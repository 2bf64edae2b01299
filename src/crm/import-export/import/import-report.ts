// The import report as the person importing reads it (Chinese): every bad row with its
// line, column and problem; every skipped duplicate; who gets what; a one-line summary.
import { zh } from "../../../messages/zh.ts";
import type { RowDuplicate } from "./import-types.ts";
import type { ImportReport } from "./run-import.ts";

const ENCODING_NAMES = { "utf-8": "UTF-8", gb18030: "GBK", "utf-16le": "UTF-16" } as const;

function duplicateLine(d: RowDuplicate, kind: ImportReport["kind"]): string {
  const by = zh.importMatchedBy[d.matchedBy]!;
  if (d.of.kind === "in_file") return zh.importDuplicateInFile(d.line, d.of.line, by);
  const what = kind === "leads" && d.matchedBy !== "likely_company" ? zh.importExistingLead(d.of.code, d.of.name, d.of.owner) : zh.importExistingCustomer(d.of.code, d.of.name, d.of.owner);
  return zh.importDuplicateInDb(d.line, what, by);
}

export function formatImportReport(r: ImportReport): string {
  const kindName = zh.dataKindNames[r.kind]!;
  const lines = [zh.importHeading(r.file, kindName, ENCODING_NAMES[r.encoding], r.rows)];
  if (r.ignoredColumns.length) lines.push(zh.importIgnoredColumns(r.ignoredColumns));
  if (r.problems.length) {
    lines.push("", zh.importProblemsTitle(r.problems.length));
    for (const p of r.problems) lines.push(`  ${zh.importProblem(p.line, p.column, p.message)}`);
  }
  if (r.duplicates.length) {
    lines.push("", zh.importDuplicatesTitle(r.duplicates.length));
    for (const d of r.duplicates) lines.push(`  ${duplicateLine(d, r.kind)}`);
  }
  lines.push("");
  const parts = r.owners.map((o) => zh.importAssignmentPart(o.name, o.count));
  if (r.ownerless) parts.push(zh.importAssignmentPart(r.kind === "leads" ? zh.importNobody : zh.importPool, r.ownerless));
  if (parts.length && !r.problems.length) lines.push(zh.importAssignments(parts));
  lines.push(zh.importSummary(r.toCreate, r.duplicates.length, new Set(r.problems.map((p) => p.line)).size));
  if (r.problems.length) lines.push(zh.importNothingWritten);
  else if (r.dryRun) lines.push(zh.importDryRun);
  else {
    lines.push(zh.importDone(r.created, kindName));
    if (r.raced) lines.push(zh.importRaced(r.raced));
  }
  return lines.join("\n");
}
