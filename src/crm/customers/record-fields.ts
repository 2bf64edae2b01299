// `项目:内容` words of 新建客户, 客户 and 联系人 → typed changes. Built-in items have fixed
// names (级别, 行业, 生日 …); custom fields are named by their configured label, so the
// words are resolved at run time against the settings, not by the static grammar.
import { z } from "zod";
import { type ContactChanges, parseBirthday } from "./contacts.ts";
import { findField, fieldsFor, parseFieldValue, storedValues, type FieldProblem, type FieldTarget, type FieldValue } from "./custom-fields.ts";
import { MAX_TAGS, type CustomerChanges, type TagChange } from "./customers.ts";
import { isMainlandMobile, normalizeMobile } from "../../util/phone.ts";
import type { CrmSettings } from "../../config/crm/crm-settings.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { zh } from "../../messages/zh.ts";
import { zhCustomers } from "./messages.ts";
import { text, type Reply } from "../../render/reply.ts";
import type { TokenResult } from "../../actions/action.ts";

const FIELD_WORD = /^([^:：\d][^:：]*)[:：](.*)$/s;
/** Items whose value may contain spaces: the words after them belong to them. */
const FREE_TEXT = ["备注", "note"];

/** A mainland mobile as a rep writes it (spaces, dashes, +86 allowed), normalised; shared by leads and contacts. */
export const mobileParam = z.string().transform((v, ctx) => {
  const n = normalizeMobile(v);
  if (!isMainlandMobile(n)) ctx.addIssue({ code: "custom", message: zh.phoneInvalid(v) });
  return n;
});

export const fieldPairs = z.array(z.tuple([z.string(), z.string()])).default([]);

/** Leading words (positional), then `项目:内容` pairs. After 备注, plain words belong to the
 * note until a built-in item starts (custom labels are only known at run time: `resolve`
 * folds an unknown `x:y` after a note back into it). */
export function splitFieldWords(tokens: string[]): { ok: true; words: string[]; pairs: Array<[string, string]> } | { ok: false; problem: string } {
  const words: string[] = [];
  const pairs: Array<[string, string]> = [];
  let inNote = false;
  for (const t of tokens) {
    const m = FIELD_WORD.exec(t);
    const last = pairs.at(-1);
    if (m) {
      const key = m[1]!.trim();
      pairs.push([key, m[2]!.trim()]);
      if (FREE_TEXT.includes(key.toLowerCase())) inNote = true;
      else if (builtInKeys().has(key.toLowerCase())) inNote = false;
    } else if (last && inNote) last[1] = `${last[1]} ${t}`.trim();
    else if (pairs.length === 0) words.push(t);
    else return { ok: false, problem: zhCustomers.notAField(t) };
  }
  return { ok: true, words, pairs };
}

/** Every built-in item's names (customer and contact). */
const builtInKeys = (): Set<string> => new Set([...customerItems([]), ...CONTACT_ITEMS].flatMap((i) => i.keys));

/** fromTokens for `<命令> <a> [b…] 项目:内容…`: the leading words fill `names` in order. */
export function wordsThenFields(names: readonly string[]) {
  return (tokens: string[]): TokenResult => {
    const r = splitFieldWords(tokens);
    if (!r.ok) return r;
    if (r.words.length > names.length) return { ok: false, problem: zh.tooManyParams(r.words.slice(names.length).join(" ")) };
    return { ok: true, raw: { ...Object.fromEntries(r.words.map((w, i) => [names[i]!, w])), fields: r.pairs } };
  };
}

function problemText(label: string, p: FieldProblem): string {
  switch (p.kind) {
    case "enum":
      return zhCustomers.customEnumInvalid(label, p.options);
    case "number":
      return zhCustomers.customNumberInvalid(label);
    case "date":
      return zhCustomers.customDateInvalid(label);
    case "text":
      return zhCustomers.customTextInvalid(label, p.max);
  }
}

type Resolved<C> = { ok: true; changes: C } | { ok: false; problems: string[] };

/** A built-in item: its names (the first is shown to users) and how a value changes C
 * (returns a problem, or null). An empty value clears the item. */
interface Item<C> {
  keys: readonly string[];
  apply(changes: C, value: string): string | null;
}

const within = (value: string, max: number): string | null | false => (value === "" ? null : [...value].length <= max ? value : false);

function textItem<C>(keys: readonly string[], max: number, problem: string, set: (c: C, v: string | null) => void): Item<C> {
  return {
    keys,
    apply(c, value) {
      const v = within(value, max);
      if (v === false) return problem;
      set(c, v);
      return null;
    },
  };
}

/** A custom field of `target`, named by its label (or key). */
function applyCustom<C extends { custom?: Record<string, FieldValue | null> }>(
  changes: C,
  settings: CrmSettings,
  target: FieldTarget,
  [key, value]: [string, string],
  builtIn: string[],
): string | null {
  const field = findField(settings, target, key);
  if (!field) return zhCustomers.unknownField(key, [...builtIn, ...fieldsFor(settings, target).map((f) => f.label)]);
  const parsed = parseFieldValue(field, value);
  if (!parsed.ok) return problemText(field.label, parsed.problem);
  changes.custom = { ...changes.custom, [field.key]: parsed.value };
  return null;
}

/** Each pair is a built-in item or a custom field of `target`. */
function resolve<C extends { custom?: Record<string, FieldValue | null> }>(
  settings: CrmSettings,
  target: FieldTarget,
  pairs: Array<[string, string]>,
  items: Array<Item<C>>,
): Resolved<C> {
  const changes = {} as C;
  const builtIn = items.map((i) => i.keys[0]!);
  const itemOf = (key: string) => items.find((i) => i.keys.includes(key.toLowerCase()));
  // 备注:时间：下周二 — inside a note, only a known item starts a new one.
  const merged: Array<[string, string]> = [];
  for (const [key, value] of pairs) {
    const last = merged.at(-1);
    if (last && FREE_TEXT.includes(last[0].toLowerCase()) && !itemOf(key) && !findField(settings, target, key)) last[1] = `${last[1]} ${key}:${value}`;
    else merged.push([key, value]);
  }
  const problems = merged.flatMap((pair) => {
    const item = itemOf(pair[0]);
    const problem = item ? item.apply(changes, pair[1]) : applyCustom(changes, settings, target, pair, builtIn);
    return problem ? [problem] : [];
  });
  return problems.length ? { ok: false, problems } : { ok: true, changes };
}

export function parseTags(value: string): TagChange | null {
  const items = value.split(/[,，、;；]/).map((t) => t.trim()).filter(Boolean);
  const delta = items.some((t) => /^[+＋-]/.test(t));
  const strip = (t: string) => t.replace(/^[+＋-]/, "").trim();
  const all = items.map(strip);
  if (all.length > MAX_TAGS || all.some((t) => t === "" || [...t].length > 16)) return null;
  if (!delta) return { replace: all };
  return { add: items.filter((t) => !t.startsWith("-")).map(strip), remove: items.filter((t) => t.startsWith("-")).map(strip) };
}

function customerItems(levels: string[]): Array<Item<CustomerChanges>> {
  return [
    {
      keys: ["级别", "level"],
      apply(c, v) {
        if (v !== "" && !levels.includes(v)) return zhCustomers.levelInvalid(levels);
        c.level = v || null;
        return null;
      },
    },
    textItem(["行业", "industry"], 32, zhCustomers.industryInvalid, (c, v) => (c.industry = v)),
    textItem(["地区", "region"], 32, zh.regionInvalid, (c, v) => (c.region = v)),
    {
      keys: ["标签", "tags"],
      apply(c, v) {
        const tags = parseTags(v);
        if (!tags) return zhCustomers.tagsInvalid;
        c.tags = tags;
        return null;
      },
    },
    textItem(["备注", "note"], 500, zh.noteInvalid, (c, v) => (c.note = v)),
  ];
}

export function customerChanges(settings: CrmSettings, pairs: Array<[string, string]>): Resolved<CustomerChanges> {
  return resolve(settings, "customer", pairs, customerItems(settings.customers.levels));
}

const email = z.email();

const CONTACT_ITEMS: Array<Item<ContactChanges>> = [
  {
    keys: ["手机", "phone"],
    apply(c, v) {
      const n = normalizeMobile(v);
      if (v !== "" && !isMainlandMobile(n)) return zh.phoneInvalid(v);
      c.phone = v === "" ? null : n;
      return null;
    },
  },
  textItem(["职务", "职位", "title"], 32, zhCustomers.titleInvalid, (c, v) => (c.title = v)),
  {
    keys: ["邮箱", "email"],
    apply(c, v) {
      if (v !== "" && !email.safeParse(v).success) return zhCustomers.emailInvalid(v);
      c.email = v || null;
      return null;
    },
  },
  textItem(["微信", "wechat"], 64, zh.wechatInvalid, (c, v) => (c.wechatId = v)),
  {
    keys: ["生日", "birthday"],
    apply(c, v) {
      const b = v === "" ? null : parseBirthday(v);
      if (b === null && v !== "") return zhCustomers.birthdayInvalid(v);
      c.birthday = b;
      return null;
    },
  },
];

export function contactChanges(settings: CrmSettings, pairs: Array<[string, string]>): Resolved<ContactChanges> {
  return resolve(settings, "contact", pairs, CONTACT_ITEMS);
}

/** The reply for items that failed validation: every problem, then usage and an example. */
export const invalidFields = (problems: string[], usage: string, example: string): Reply[] => [text(zh.badParams(problems, usage, example))];

type ItemName = keyof typeof zhCustomers.itemLabels;

/** "级别 重点" for each built-in item the changes touched, with its value now. */
export function describeItems(changes: Partial<Record<ItemName, unknown>>, now: Partial<Record<ItemName, string | null>>): string[] {
  return (Object.keys(now) as ItemName[]).filter((k) => changes[k] !== undefined).map((k) => zhCustomers.fieldChange(zhCustomers.itemLabels[k], now[k] || zhCustomers.fieldCleared));
}

/** "决策角色 决策者" for each custom field the changes touched, as the record has it now. */
export function describeCustom(settings: CrmSettings, target: FieldTarget, json: Prisma.JsonValue, changed: Record<string, unknown> | undefined): string[] {
  const values = storedValues(json);
  return fieldsFor(settings, target)
    .filter((f) => changed && f.key in changed)
    .map((f) => zhCustomers.fieldChange(f.label, values[f.key] === undefined ? zhCustomers.fieldCleared : String(values[f.key])));
}
