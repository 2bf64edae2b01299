// 查 <名称|手机|拼音首字母>: one hit (or one exact hit) opens its 360° card; several make
// a short numbered list saying how to open one; none, a clear answer with a hint.
import { z } from "zod";
import { customerCard, leadCard, zhCustomers, customerCardText, leadCardText } from "../customers/index.ts";
import { hitListText, hitRef, hitText } from "./hit-text.ts";
import { searchRecords, type SearchHit } from "./search.ts";
import { RANK } from "./search-sql.ts";
import { text } from "../../render/reply.ts";
import { ALL_ROLES, defineAction, type ActionContext } from "../../actions/action.ts";

/** The card of a hit the actor may see (a contact shows its customer). */
export async function hitCard(ctx: ActionContext, hit: SearchHit): Promise<string> {
  if (hit.kind === "lead") return leadCardText(await leadCard(ctx.tx, ctx.actor, hit.id, ctx.now), ctx.timeZone);
  const customerId = hit.kind === "contact" ? hit.customer!.id : hit.id;
  return customerCardText(await customerCard(ctx.tx, ctx.actor, customerId, ctx.now, ctx.timeZone), ctx.settings, ctx.timeZone);
}

const OTHERS_SHOWN = 3;

export const searchAction = defineAction({
  name: "search",
  command: "查",
  aliases: ["search", "find", "查找", "搜索", "查询"],
  gluedPrefixes: ["查找", "查询", "查"],
  summary: "在你能看到的线索、客户、联系人里找：名称、手机（或后 4 位）、拼音首字母，写错一个字也行",
  usage: "查 <名称|手机|拼音首字母|客户#编号|线索#编号>",
  example: "查 华为",
  params: z.object({ query: z.string().trim().min(1).max(40, "要查的内容最多 40 个字") }),
  labels: { query: "要查的内容" },
  // 查一下华为 / 查查华为 / 查询 华为: the filler words are not part of the name.
  fromTokens: (tokens) => ({ ok: true, raw: { query: tokens.join(" ").replace(/^(一下|查|询)\s*/, "") || undefined } }),
  roles: ALL_ROLES,
  effect: "read",
  async run(ctx, p) {
    const r = await searchRecords(ctx.tx, ctx.actor, p.query, ctx.now);
    if (r.kind === "too_short") return [text(zhCustomers.searchTooShort)];
    if (r.kind === "none") return [text(zhCustomers.searchNone(p.query))];
    const exact = r.hits.filter((h) => h.rank === RANK.exact);
    const chosen = r.hits.length === 1 ? r.hits[0]! : exact.length === 1 ? exact[0]! : null;
    if (!chosen) {
      const list = text(hitListText(r.similar ? zhCustomers.searchSimilarTitle(p.query) : zhCustomers.searchListTitle(p.query, r.hits.length), r.hits, r.more));
      // Typing 2 opens the second hit (while this list is the last thing shown).
      return [{ ...list, numbered: r.hits.map((h) => `查 ${hitRef(h)}`) }];
    }
    const others = r.hits.filter((h) => h !== chosen).slice(0, OTHERS_SHOWN);
    return [
      text(
        [
          ...(r.similar ? [zhCustomers.searchSimilarOne(p.query)] : []),
          await hitCard(ctx, chosen),
          ...(others.length ? [zhCustomers.searchAlsoFound(others.map(hitText))] : []),
        ].join("\n"),
      ),
    ];
  },
});
