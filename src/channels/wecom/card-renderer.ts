// CardSpec → WeCom template_card (button_interaction when it has buttons).
import type { CardSpec } from "../../render/reply.ts";

const STYLE = { primary: 1, danger: 2, default: 4 } as const;

export function renderTemplateCard(spec: CardSpec): Record<string, unknown> {
  const common: Record<string, unknown> = {
    task_id: spec.taskId,
    main_title: { title: spec.title, ...(spec.description ? { desc: spec.description } : {}) },
    ...(spec.quote ? { quote_area: { type: 0, quote_text: spec.quote } } : {}),
    ...(spec.fields.length
      ? { horizontal_content_list: spec.fields.map((f) => ({ type: 0, keyname: f.label, value: f.value })) }
      : {}),
  };
  if (spec.buttons.length === 0) {
    // text_notice needs a card_action; point it at nothing harmful: the app itself.
    return { card_type: "text_notice", ...common, card_action: { type: 1, url: "https://work.weixin.qq.com" } };
  }
  return {
    card_type: "button_interaction",
    ...common,
    button_list: spec.buttons.map((b) => ({ text: b.text, style: STYLE[b.style], key: b.key })),
  };
}
