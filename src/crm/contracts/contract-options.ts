// The `key:value` words of the 合同 commands: 签订:2026-12-01 开始:… 结束:… 付款:分三期
// 法务:有改动 理由:…. Dates are calendar days: YYYY-MM-DD (or / .), or any day phrase the
// time parser reads (12月1日, 明天, 下周三), taken as the local date.
import { parseWhen } from "../../time/when.ts";
import { localDateKey } from "../../util/local-time.ts";
import { zhContracts } from "./messages.ts";

export interface ContractOptions {
  signDate?: string;
  startDate?: string;
  endDate?: string;
  paymentTerms?: string;
  legalChanged?: boolean;
  reason?: string;
}

const KEYS: Record<string, keyof ContractOptions> = {
  签订: "signDate",
  签订日期: "signDate",
  签约: "signDate",
  开始: "startDate",
  开始日期: "startDate",
  生效: "startDate",
  结束: "endDate",
  结束日期: "endDate",
  到期: "endDate",
  付款: "paymentTerms",
  付款方式: "paymentTerms",
  付款条款: "paymentTerms",
  法务: "legalChanged",
  理由: "reason",
  原因: "reason",
};

const KEY_RE = new RegExp(`(?:^|\\s)(${Object.keys(KEYS).sort((a, b) => b.length - a.length).join("|")})[:：]`, "g");

/** A calendar day as YYYY-MM-DD, or null. */
export function parseDay(input: string, now: Date, timeZone: string): string | null {
  const t = input.trim();
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return date.toISOString().slice(0, 10);
  }
  // 12月1日 and the like; a past month-day the parser moves to next year, which a sign
  // date may not want: a bare month-day keeps this year when that day has passed.
  const md = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(t);
  if (md) return parseDay(`${localDateKey(now, timeZone).slice(0, 4)}-${md[1]}-${md[2]}`, now, timeZone);
  const at = parseWhen(t, now, timeZone);
  return at ? localDateKey(at, timeZone) : null;
}

const YES = /^(有改动|有|是|改动|yes|y|true|1)$/i;
const NO = /^(无|没有|否|无改动|标准|no|n|false|0)$/i;

/** The options in `words`, what came before the first key (`head`), or the problem. */
export function parseOptions(words: string, now: Date, timeZone: string): { ok: true; head: string; options: ContractOptions } | { ok: false; problem: string } {
  const marks = [...words.matchAll(KEY_RE)];
  const head = (marks.length ? words.slice(0, marks[0]!.index) : words).trim();
  const options: ContractOptions = {};
  for (const [i, m] of marks.entries()) {
    const key = KEYS[m[1]!]!;
    const start = m.index + m[0].length;
    const value = words.slice(start, marks[i + 1]?.index ?? words.length).trim();
    if (!value) return { ok: false, problem: zhContracts.badOption(m[0].trim()) };
    if (key === "signDate" || key === "startDate" || key === "endDate") {
      const day = parseDay(value, now, timeZone);
      if (!day) return { ok: false, problem: zhContracts.badDate(m[1]!, value) };
      options[key] = day;
    } else if (key === "legalChanged") {
      if (!YES.test(value) && !NO.test(value)) return { ok: false, problem: zhContracts.badOption(`${m[1]}:${value}`) };
      options.legalChanged = YES.test(value);
    } else options[key] = value.slice(0, key === "reason" ? 500 : 200);
  }
  if (options.startDate && options.endDate && options.endDate < options.startDate) return { ok: false, problem: zhContracts.endBeforeStart(options.startDate, options.endDate) };
  return { ok: true, head, options };
}
