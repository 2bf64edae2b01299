// Actions on data in and out (exports).
import { z } from "zod";
import { exportContractsCsv } from "./export-contracts.ts";
import { exportCsv, exportPayments, type ExportKind } from "./export-csv.ts";
import { zhData } from "./messages.ts";
import { file, MAX_FILE_BYTES, text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionDef } from "../../actions/action.ts";

const KIND_WORDS: Record<string, ExportKind | "contracts" | "payments"> = {
  线索: "leads",
  leads: "leads",
  lead: "leads",
  客户: "customers",
  customers: "customers",
  customer: "customers",
  商机: "opportunities",
  opportunities: "opportunities",
  opportunity: "opportunities",
  opps: "opportunities",
  发票: "invoices",
  invoices: "invoices",
  invoice: "invoices",
  合同: "contracts",
  contracts: "contracts",
  contract: "contracts",
  回款: "payments",
  payments: "payments",
};

const kindParam = z
  .string()
  .trim()
  .refine((w) => KIND_WORDS[w.toLowerCase()] !== undefined, zhData.exportKindInvalid)
  .transform((w) => KIND_WORDS[w.toLowerCase()]!);

export const exportAction = defineAction({
  name: "data.export",
  command: "导出",
  aliases: ["export"],
  summary: "把你能看到的线索、客户、商机、合同、回款或发票导出成 CSV 文件（Excel 可直接打开）",
  usage: zhData.exportUsage,
  example: "导出 客户",
  params: z.object({ kind: kindParam }),
  labels: { kind: "要导出的内容（线索、客户、商机、合同、回款或发票）" },
  positional: ["kind"],
  roles: ALL_ROLES,
  effect: "read",
  freeText: "confirm",
  async run(ctx, p) {
    const kindName = zhData.dataKindNames[p.kind]!;
    const when = { now: ctx.now, timeZone: ctx.timeZone, via: "chat" as const };
    const out =
      p.kind === "contracts"
        ? await exportContractsCsv(ctx.tx, ctx.actor, ctx.settings, when)
        : p.kind === "payments"
          ? await exportPayments(ctx.tx, ctx.actor, ctx.settings, when)
          : await exportCsv(ctx.tx, ctx.actor, p.kind, { ...when, settings: ctx.settings });
    if (out.rows === 0) return [text(zhData.exportEmpty(kindName))];
    if (Buffer.byteLength(out.content) > MAX_FILE_BYTES) return [text(zhData.exportTooLarge(out.rows, kindName))];
    return [file(out.name, out.content), text(zhData.exportDone(out.rows, kindName, out.name))];
  },
});

export const dataActions: ActionDef[] = [exportAction];
