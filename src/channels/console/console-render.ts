// Replies as terminal text; card buttons become numbers the user can type.
import { zh } from "../../messages/zh.ts";
import type { Reply } from "../../render/reply.ts";

export function renderForConsole(reply: Reply): string {
  if (reply.kind === "file" || reply.kind === "image") return zh.fileSent(reply.name);
  if (reply.kind === "card_update") return zh.cardUpdated(reply.replaceName);
  if (reply.kind !== "card") return reply.text;
  const c = reply.card;
  const lines = [`┌ ${c.title}`];
  if (c.description) lines.push(`│ ${c.description}`);
  for (const f of c.fields) lines.push(`│ ${f.label}：${f.value}`);
  if (c.quote) lines.push(`│ “${c.quote}”`);
  if (c.buttons.length) lines.push(`└ ${c.buttons.map((b, i) => `[${i + 1}] ${b.text}`).join("  ")}（输入数字按下按钮）`);
  else lines.push("└");
  return lines.join("\n");
}
