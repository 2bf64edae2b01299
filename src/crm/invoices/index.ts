// The invoices domain's public face: the 开票 / 发票 commands, the REST routes and the
// approval effect for the assembly point; lookup within scope for the audit trail.
export { invoiceActions } from "./invoice-actions.ts";
export { registerInvoiceApprovals } from "./invoice-approval.ts";
export { invoicesApiRouter } from "./invoices-api.ts";
export { findInvoiceInScope } from "./invoices.ts";
export { invoiceExportTable } from "./invoice-export.ts";
