// Why an action's parameters were refused, in short Chinese naming the field: zod's own
// messages are English ("Too small: expected string to have >=1 characters") and must never
// reach a user. A schema's own message (ours are Chinese: "提醒编号是数字…", money errors)
// still wins — this map only fills in where the schema said nothing.
import type { z } from "zod";
import type { ActionDef } from "./action.ts";
import { paramLabel } from "./param-label.ts";

type Issue = z.core.$ZodRawIssue;

const CJK = /[\u4e00-\u9fff]/;

function sizeProblem(label: string, origin: unknown, limit: unknown, small: boolean): string {
  const n = Number(limit);
  if (origin === "string") return small ? (n <= 1 ? `${label}不能为空` : `${label}至少 ${n} 个字`) : `${label}太长（最多 ${n} 个字）`;
  if (origin === "number" || origin === "int" || origin === "bigint") return small ? `${label}不能小于 ${n}` : `${label}不能大于 ${n}`;
  if (origin === "array" || origin === "set") return small ? `${label}至少 ${n} 项` : `${label}最多 ${n} 项`;
  return `${label}不对`;
}

/** One issue as the user reads it: `缺少销售`, `预测分类不能为空`, `指标只能是：成交、回款`. */
export function zhIssue(label: string, iss: Issue): string {
  switch (iss.code) {
    case "invalid_type":
      return iss.input === undefined ? `缺少${label}` : `${label}格式不对`;
    case "too_small":
      return sizeProblem(label, iss.origin, iss.minimum, true);
    case "too_big":
      return sizeProblem(label, iss.origin, iss.maximum, false);
    case "invalid_value": {
      const values = iss.values.map(String);
      return values.length > 0 && values.every((v) => CJK.test(v)) ? `${label}只能是：${values.join("、")}` : `${label}不对`;
    }
    case "unrecognized_keys":
      return `多余的内容：${iss.keys.join("、")}`;
    default:
      return `${label}格式不对`;
  }
}

/** A per-parse error map (`schema.safeParse(v, { error })`) wording issues by `zhIssue`. */
export const zhErrors =
  (labelOf: (key: string) => string) =>
  (iss: Issue): string => {
    const key = iss.path?.[0];
    return zhIssue(key === undefined ? "参数" : labelOf(String(key)), iss);
  };

/** The action's params parsed, any refusal worded by `zhIssue` under the field's Chinese name. */
export function parseParams<S extends z.ZodType>(def: ActionDef<S>, raw: unknown): z.ZodSafeParseResult<z.infer<S>> {
  return def.params.safeParse(raw, { error: zhErrors((key) => paramLabel(def, key)) }) as z.ZodSafeParseResult<z.infer<S>>;
}

/** One problem per field, in order (a field's first issue only). */
export function paramProblems(error: z.ZodError): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue.message);
  }
  return out;
}
