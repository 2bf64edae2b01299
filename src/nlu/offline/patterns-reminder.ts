// 提醒我明天下午3点给张总打电话 / 周五记得把方案发给李总 / 下周三要去拜访中兴，到时候提醒我:
// a reminder at a time (several in one message). Without a time there is nothing to remind
// at, so nothing is proposed. Also 取消 / 完成 / 推迟 a reminder by its number.
import type { ProposedAction } from "../engine.ts";
import { PLACES } from "./patterns-followup.ts";
import { isQuestion, trimFiller } from "./text.ts";
import { without } from "./times.ts";
import { codeIn, iso, part, propose, refOf, type Utterance } from "./utterance.ts";

const KEYWORD =
  /(别让我忘了|千万别忘了|别忘了|别忘记|不要忘了|不要忘记|记得提醒我|到时候?提醒我一下|到时候?提醒我|到时候?提醒一下|帮我设(个|一个)?提醒|设(个|一个)?提醒|提醒一下我|提醒下我|提醒我一下|提醒我|提个醒|记得要|记得)/g;
/** The words that ask for a new reminder (提醒我, 记得…), not a change to one. */
const KEYWORD_AT = /(提醒我|提醒一下|记得|别忘)/;
const CONTENT_HEAD = ["我", "要", "去", "的时候", "到时候", "到时", "之前", "以前", "前", "一下", "那天", "的", "再", "在", "是", "先", "还要", "还", "顺便", "另外"];

interface ReminderSplit {
  /** The text before the first reminder (a lead or a follow-up, perhaps). */
  before: string;
  /** Each reminder's text, from the clause holding 提醒我/记得 to the next such clause. */
  reminders: string[];
}

const clauseStart = (text: string, at: number) => Math.max(...[",", "，", "。", ";", "；", "!", "！", "\n"].map((p) => text.lastIndexOf(p, at - 1))) + 1;

/** Cuts the message where its reminder clauses start. */
function splitReminders(text: string): ReminderSplit {
  const starts: number[] = [];
  for (const m of text.matchAll(KEYWORD)) {
    const start = clauseStart(text, m.index);
    if (!starts.includes(start)) starts.push(start);
  }
  if (starts.length === 0) return { before: text, reminders: [] };
  const reminders = starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
  return { before: text.slice(0, starts[0]), reminders };
}

function reminderFrom(u: Utterance, chunk: string): ProposedAction | null {
  const r = part(u, chunk);
  const when = r.times.find((t) => t.at !== null);
  if (!when?.at) return null;
  const keywords = [...chunk.matchAll(KEYWORD)].map((m) => ({ index: m.index, text: m[0] }));
  const content = trimFiller(without(chunk, [when, ...keywords]), CONTENT_HEAD, ["吧", "哦", "啊", "呀", "哈", "一下"]);
  if (content.length < 2) return null;
  return propose("reminder.create", { text: `${iso(u, when.at)} ${content}` });
}

/** The reminders asked for, and what is left of the text before them. */
export function remindersOf(u: Utterance): { before: string; reminders: ProposedAction[] } {
  const split = splitReminders(u.text);
  if (split.reminders.length === 0) return { before: u.text, reminders: [] };
  const first = split.reminders[0]!;
  // 下周三要去拜访中兴，到时候提醒我: the time and the errand come before the keyword.
  const bare = part(u, first).times.every((t) => !t.at) && part(u, split.before).times.some((t) => t.at);
  const chunks = bare ? [`${split.before}${first}`, ...split.reminders.slice(1)] : split.reminders;
  const reminders = chunks.map((c) => reminderFrom(u, c)).filter((a): a is ProposedAction => a !== null);
  return { before: bare ? "" : split.before, reminders };
}

const CANCEL = /(取消|删掉|删除|删了|不需要了|不要了|作废)/;
const DONE = /(完成了|做完了|搞定了|办完了|弄完了|已完成|完成|做完|搞定|处理好了|处理完了|弄好了|办好了|\bdone\b|\bok了|\bfinished\b)/i;
const SNOOZE = /(推迟到|推迟|延后到|延后|延期到|延到|顺延到|往后推到|往后推|推后到|推到|改到|挪到|调到)/;
const REMINDER_CODE = /提醒/;
/** 提醒12号给张总打电话: the number is a date, the message a new reminder. */
const DATED = /提醒\s*\d{1,2}\s*[号日]/;
/** 下午那个提醒取消 / 取消明天的提醒: one of the rep's reminders, without its number. */
const UNNUMBERED_CANCEL = /(那个|这个|那条|这条|的)提醒\s*(给我)?\s*(取消|删掉|删除|删了|不需要了|不要了|作废)|(取消|删掉|删除)(掉)?.{0,12}(那个|这个|那条|这条|的)提醒\s*(吧|了)?$/;

/** 取消 / 完成 / 推迟 a reminder named by its number (取消 also without it: the action asks which), or null. */
export function reminderChangeOf(u: Utterance): ProposedAction | null {
  if (!REMINDER_CODE.test(u.text) || KEYWORD_AT.test(u.text) || DATED.test(u.text)) return null;
  const code = codeIn(u.text, REMINDER_CODE);
  if (!code) return UNNUMBERED_CANCEL.test(u.text) && !isQuestion(u.text) && !/(怎么|如何|咋)/.test(u.text) ? propose("reminder.cancel", {}) : null;
  const snooze = SNOOZE.exec(u.text);
  if (snooze) {
    const when = u.times.find((t) => t.index > snooze.index && t.at);
    return propose("reminder.snooze", { code, ...(when?.at ? { when: iso(u, when.at) } : {}) });
  }
  if (CANCEL.test(u.text)) return propose("reminder.cancel", { code });
  if (DONE.test(u.text)) return propose("reminder.done", { code });
  return null;
}

/** 约在 / 约好 / 定在: an appointment made with the customer, so a follow-up with its next time. */
const DONE_ALREADY = /(了|过|完|刚|已经|说|表示|反馈|回复|答复|约在|约好|定在)/;
const ERRAND = /(去|拜访|见|开会|演示|打电话|电话|发|送|签|约|聊|谈|汇报|交|给|找|催|回访|跟进|联系)/;

/** 明天下午3点跟腾讯开会 / 12月1号去华为: a plan with a customer and a time, nothing done yet —
 * a reminder for the rep. */
export function planOf(u: Utterance): ProposedAction | null {
  if (isQuestion(u.text) || DONE_ALREADY.test(u.text) || !ERRAND.test(u.text)) return null;
  const when = u.times.find((t) => t.at !== null);
  const ref = refOf(u);
  const hit = u.names.find((h) => h.name === ref);
  if (!when?.at || !ref || !hit || hit.tier > 2 || PLACES.has(ref)) return null;
  const content = trimFiller(without(u.text, [when]), ["我", "要", "还要"]);
  return content.length >= 2 ? propose("reminder.create", { text: `${iso(u, when.at)} ${content}` }) : null;
}
