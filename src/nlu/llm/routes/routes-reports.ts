// Reports offered to the model inside show_list, without a period or a name: a separate tool
// with them cost ~250 tokens of every request (the request is kept under 3.7k tokens). This
// month's figures in the asker's scope; other periods and people are typed (业绩 上月 王芳) or
// read by the offline parser.
import type { ProposedAction } from "../../engine.ts";
import { defined } from "./route.ts";

interface ReportList {
  action: string;
  fixed?: Record<string, unknown>;
}

export const REPORT_LISTS: Readonly<Record<string, ReportList>> = {
  业绩: { action: "report.performance" },
  排行: { action: "report.leaderboard" },
  销售漏斗: { action: "report.funnel" },
  预测: { action: "report.forecast" },
};

/** The report a show_list call names (this month, the asker's scope). */
export function reportProposal(r: ReportList): ProposedAction[] {
  return [{ action: r.action, params: defined({ ...r.fixed }) }];
}
