// The system prompt for one message: the template from prompts/ with today's date, weekday,
// time and zone, the user's role, their recent names, the stage names and the few-shot
// examples whose actions this user is offered. Only trusted values go here: the user's
// message itself is always sent as the user message, never inside this prompt.
import type { RoleName } from "../../auth/users.ts";
import { zh } from "../../messages/zh.ts";
import { atLocal, localParts, zoneOffsetMinutes } from "../../util/local-time.ts";
import { isoLocal } from "../offline/times.ts";
import { fillTemplate, type FewShot, type PromptFiles } from "./prompt-files.ts";
import { toolName } from "./tools.ts";

const WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"] as const;
/** Recent names are data from records: a few, short, one line each. */
const MAX_RECENT = 10;
const MAX_NAME = 40;

export interface PromptContext {
  now: Date;
  timeZone: string;
  role: RoleName;
  recentNames: readonly string[];
  stages: readonly string[];
  /** Tool names offered to this user: examples using others are left out. */
  offered: ReadonlySet<string>;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-23 星期一 10:00" from an ISO local time as written (its own offset). */
function exampleWhen(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return `${m[1]}-${m[2]}-${m[3]} ${WEEKDAYS[(day + 6) % 7]} ${m[4]}:${m[5]}`;
}

const cleanNames = (names: readonly string[]): string[] =>
  names
    .map((n) => n.replace(/\s+/g, " ").trim().slice(0, MAX_NAME))
    .filter(Boolean)
    .slice(0, MAX_RECENT);

function renderExample(e: FewShot): string {
  const recent = e.recent?.length ? `，最近：${JSON.stringify(e.recent)}` : "";
  const calls = e.expect.length
    ? e.expect.map((a) => `  ${toolName(a.action)} ${JSON.stringify(a.params)}`).join("\n")
    : "  （不调用工具）";
  return `用户（当时 ${exampleWhen(e.now)}，${zh.roleNames[e.user] ?? e.user}${recent}）：${e.text}\n调用：\n${calls}`;
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function systemPrompt(files: PromptFiles, c: PromptContext): string {
  const p = localParts(c.now, c.timeZone);
  const names = cleanNames(c.recentNames);
  const examples = files.examples.filter((e) => e.expect.every((a) => c.offered.has(toolName(a.action))));
  return fillTemplate(files.system, {
    today: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    weekday: WEEKDAYS[p.weekday - 1]!,
    time: `${pad(Math.floor(p.minutes / 60))}:${pad(p.minutes % 60)}`,
    timeZone: c.timeZone,
    offset: offsetText(zoneOffsetMinutes(c.timeZone, c.now)),
    isoExample: isoLocal(atLocal(p.year, p.month, p.day + 1, 15 * 60, c.timeZone), c.timeZone),
    role: `${zh.roleNames[c.role] ?? c.role}（${c.role}）`,
    recentNames: names.length ? JSON.stringify(names) : "（无）",
    stages: c.stages.length ? c.stages.join("、") : "（按配置）",
    examples: examples.map(renderExample).join("\n\n"),
  });
}
