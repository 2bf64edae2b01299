// A routed tool: what the model is offered instead of the raw registry. Each route says when
// to use it and when not, takes parameters in strict-mode JSON schema (every property
// required, null for "not said", no other properties), and maps its arguments onto one or
// more registry actions in the actions' own field names — the actions' zod schemas still
// decide what is valid. Times and amounts are copied by the model as written and read here,
// by the same code that reads typed commands (no date or unit arithmetic in the model).
import type { ProposedAction } from "../../engine.ts";
import { amountYuan } from "../../offline/numbers.ts";
import { isoLocal } from "../../offline/times.ts";
import { parseLeadingWhen } from "../../../time/when.ts";

export type JsonSchema = Record<string, unknown>;
export type Args = Record<string, unknown>;

export interface RouteContext {
  now: Date;
  timeZone: string;
}

export interface Route {
  /** The tool name the model sees (^[a-z_]{1,64}$). */
  name: string;
  /** When to use it and when not, in the words the model reads. */
  description: string;
  /** Registry actions it may produce: offered only to roles that may run one of them. */
  targets: readonly string[];
  /** Parameter name → schema (nullable; made strict by `strictParameters`). */
  properties: Readonly<Record<string, JsonSchema>>;
  /** The proposals for these arguments (nulls already removed), or why they cannot be read. */
  propose(args: Args, c: RouteContext): ProposedAction[] | { problem: string };
}

/** A nullable string parameter. */
export const str = (description: string): JsonSchema => ({ type: ["string", "null"], description });
/** A nullable closed choice. */
export const oneOf = (values: readonly string[], description: string): JsonSchema => ({ type: ["string", "null"], enum: [...values, null], description });
export const flag = (description: string): JsonSchema => ({ type: ["boolean", "null"], description });
/** A nullable list of objects with string fields (all required, nullable). */
export const listOf = (fields: Readonly<Record<string, string>>, description: string): JsonSchema => ({
  type: ["array", "null"],
  description,
  items: {
    type: "object",
    properties: Object.fromEntries(Object.entries(fields).map(([k, d]) => [k, str(d)])),
    required: Object.keys(fields),
    additionalProperties: false,
  },
});

/** The function's parameters in strict mode: every property required, nothing else allowed. */
export function strictParameters(properties: Readonly<Record<string, JsonSchema>>): JsonSchema {
  return { type: "object", properties, required: Object.keys(properties), additionalProperties: false };
}

/** A text argument, trimmed; undefined when absent or empty. */
export function text(args: Args, key: string): string | undefined {
  const v = args[key];
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** Only the defined entries: `{ ref, amount: undefined }` → `{ ref }`. */
export function defined(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

/** Plans without a date (下个月, 年底前, 回头): not a time to guess at. */
const VAGUE = /^(?:下下?个?月|这个月|本月|明年|今年|年底|年初|年中|年后|年前|节后|回头|改天|过几天|过两天|过段时间|以后|近期|最近|月中|上旬|中旬|下旬)(?:前|之前|以前|左右|初|中)?$/;

/** Fillers a time phrase may end with (左右, 之前): still that time. */
const TIME_TAIL = /^(?:左右|前后|之前|以前|前|上下|的时候|时)?$/;

/** A time phrase as written (下周三下午3点) → ISO local time; an ISO time passes through;
 * a vague phrase (下个月, 年底) → undefined. */
export function when(phrase: string | undefined, c: RouteContext): string | undefined {
  if (!phrase || VAGUE.test(phrase.replace(/\s+/g, ""))) return undefined;
  const r = parseLeadingWhen(phrase, c.now, c.timeZone);
  if (r && TIME_TAIL.test(r.rest)) return isoLocal(r.at, c.timeZone);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/.test(phrase)) {
    const at = new Date(phrase);
    return Number.isNaN(at.getTime()) ? undefined : isoLocal(at, c.timeZone);
  }
  return undefined;
}

/** An amount as written (50万, 五十万, 1.2亿, 36w, 500000) → yuan digits; unreadable → as written
 * (the action's own validation then says what is wrong). */
export function money(phrase: string | undefined): string | undefined {
  if (!phrase) return undefined;
  const yuan = amountYuan(phrase.replace(/\s+/g, ""));
  return yuan === null ? phrase : String(yuan);
}
