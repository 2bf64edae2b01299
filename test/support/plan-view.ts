// What a rep sees of the last 我理解为 plan sent to them: the card's lines ("label：value"),
// or, when the plan did not fit a card whole, the lines of the text sent just before the
// card that carries the buttons.
import type { FakeWecomServer } from "./fake-wecom-server.ts";

type Card = { horizontal_content_list?: Array<{ keyname: string; value: string }> };

export function planLines(fake: FakeWecomServer, who: string): string[] {
  const sent = fake.sentMessages().filter((m) => m["touser"] === who);
  const at = sent.map((m) => m["msgtype"]).lastIndexOf("template_card");
  const lines = (sent[at]?.["template_card"] as Card | undefined)?.horizontal_content_list ?? [];
  if (lines.length) return lines.map((f) => `${f.keyname}：${f.value}`);
  const before = (sent[at - 1]?.["text"] as { content?: string } | undefined)?.content ?? "";
  return before.split("\n").map((l) => l.trim()).filter((l) => l !== "");
}

/** The plan as one text, to match against. */
export const planText = (fake: FakeWecomServer, who: string): string => planLines(fake, who).join("\n");
