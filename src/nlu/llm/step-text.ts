// A plan step shown to the model in its own terms: the routed tool behind the action and the
// step's values under the action's Chinese labels (客户=华为；下次联系=2026-12-02 09:00).
import { paramLabel } from "../../actions/param-label.ts";
import type { ActionRegistry } from "../../actions/registry.ts";
import type { ProposedAction } from "../engine.ts";
import type { Toolset } from "./routes/index.ts";

const value = (v: unknown): string => (Array.isArray(v) ? v.map((x) => (Array.isArray(x) ? x.join("=") : String(x))).join("，") : String(v));


export function describeStep(registry: ActionRegistry, toolset: Toolset, step: ProposedAction): string {
  const def = registry.byName(step.action);
  const route = toolset.list.find((t) => t.route.targets.includes(step.action))?.route.name ?? step.action;
  const fields = Object.entries(step.params)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${def ? paramLabel(def, k) : k}=${value(v)}`);
  return `${route}（${def?.command ?? step.action}）：${fields.join("；")}`;
}
