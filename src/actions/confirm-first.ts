// A command that must be confirmed before it runs (a release that takes open deals into the
// pool, a likely duplicate): the bot keeps the confirmed command as the user's open
// conversation and shows a card with 确认 / 取消; pressing 确认 or typing it (within 30
// minutes) runs the command again, through the same path, with its confirming flag set.
import { saveConversation } from "../bot/conversation/conversation-store.ts";
import { zh } from "../messages/zh.ts";
import { answerKey } from "../bot/conversation/plan-render.ts";
import { zhFreeText } from "../messages/zh-free-text.ts";
import { card, type Reply } from "../render/reply.ts";
import { clipText } from "../util/clip-text.ts";
import type { ActionContext } from "./action.ts";

export interface ConfirmFirst {
  /** Registry name and params of the command to run on 确认. */
  action: string;
  params: Record<string, unknown>;
  title: string;
  /** One line per thing the user should know; each a card field. */
  fields: Array<{ label: string; value: string }>;
  /** The confirm button's text. */
  confirmText: string;
}

export async function confirmFirst(ctx: ActionContext, c: ConfirmFirst): Promise<Reply> {
  const steps = [{ action: c.action, params: c.params, settled: {} }];
  const token = await saveConversation(ctx.tx, ctx.actor.id, { kind: "confirm", text: c.title, steps }, ctx.now);
  return card({
    taskId: `cfm-${token}`,
    title: clipText(c.title, 36),
    description: zh.confirmFirstHint(c.confirmText),
    fields: c.fields.slice(0, 6).map((f) => ({ label: clipText(f.label, 5), value: clipText(f.value, 30) })),
    buttons: [
      { key: answerKey("确认", token), text: c.confirmText, style: "primary" },
      { key: answerKey("取消", token), text: zhFreeText.ftCancelButton, style: "default" },
    ],
  });
}
