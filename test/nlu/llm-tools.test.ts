// The routed tool set offered to the model: small (15–20 tools, the whole request well under
// half of the ~7.4k tokens of one tool per action), strict-mode, every closed choice an enum
// whose values the actions accept, and the consequential actions never offered.
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { ALL_ROLES } from "../../src/actions/action.ts";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { DEFAULT_PROMPT_DIR, loadPromptFiles } from "../../src/nlu/llm/prompt-files.ts";
import { allRoutes, routedToolsets } from "../../src/nlu/llm/routes/index.ts";
import { systemPrompt } from "../../src/nlu/llm/system-prompt.ts";

const registry = buildRegistry();
const STAGES = ["初步接洽", "需求确认", "方案演示", "报价谈判", "合同审批"];
const routes = allRoutes(registry, STAGES);
const toolsets = routedToolsets(registry, { stages: STAGES, strict: true });
const c = { now: new Date("2026-11-23T02:00:00Z"), timeZone: "Asia/Shanghai" };

describe("the routed tool set", () => {
  it("offers 15–20 tools to every role, and the request (system prompt + tools) stays under 3,700 tokens (o200k)", () => {
    const files = loadPromptFiles(DEFAULT_PROMPT_DIR, (n) => routes.some((r) => r.name === n));
    for (const role of ALL_ROLES) {
      const set = toolsets(role);
      expect(set.list.length, role).toBeGreaterThanOrEqual(15);
      expect(set.list.length, role).toBeLessThanOrEqual(20);
      const tokens = encode(systemPrompt(files, new Set(set.byToolName.keys()))).length + encode(JSON.stringify(set.list.map((t) => t.tool))).length;
      expect(tokens, role).toBeLessThan(3_700);
    }
  });

  it("never offers merge, handover, release, assignment, replies to followers or approval decisions", () => {
    const typed = registry.list().filter((d) => d.freeText === "typed" || d.freeText === "off").map((d) => d.name);
    expect(typed).toEqual(expect.arrayContaining(["customer.merge", "admin.rep_leave", "pool.release", "lead.assign", "follower.reply", "approval.approve", "approval.reject"]));
    for (const r of routes) for (const t of r.targets) expect(typed, `${r.name} → ${t}`).not.toContain(t);
  });

  it("each tool says when to use it; each parameter is described", () => {
    for (const r of routes) {
      expect(r.description.length, r.name).toBeGreaterThan(8);
      for (const [k, p] of Object.entries(r.properties)) expect(typeof p["description"], `${r.name}.${k}`).toBe("string");
    }
  });

  it("every value of every enum is accepted by the action it reaches", () => {
    for (const r of routes) {
      for (const [key, prop] of Object.entries(r.properties)) {
        const values = (prop["enum"] as unknown[] | undefined)?.filter((v): v is string => typeof v === "string") ?? [];
        for (const v of values) {
          const base: Record<string, unknown> = { deal: "华为", customer: "华为", lead: "王磊", query: "华为", number: "12", name: "王磊", mobile: "13912345678", time: "明天", task: "打电话", amount: "5万", discount: "85折", reason: "竞品", problem: "登录不了", what_happened: "聊了", outcome: "赢单", kind: "折扣", change: "完成", note: "已远程处理", op: "修改", step: "已解决" };
          const proposals = r.propose({ ...base, [key]: v }, c);
          expect(Array.isArray(proposals), `${r.name}.${key}=${v}`).toBe(true);
          for (const p of proposals as { action: string; params: Record<string, unknown> }[]) {
            const parsed = registry.byName(p.action)!.params.safeParse(p.params);
            expect(parsed.success, `${r.name}.${key}=${v} → ${p.action} ${JSON.stringify(p.params)}`).toBe(true);
          }
        }
      }
    }
  });

  it("a discount said as a cut is the share paid: 降15% → 85折; 八五折 → 85折", () => {
    const discount = routes.find((r) => r.name === "request_approval")!;
    const got = (d: string) => discount.propose({ kind: "折扣", deal: "华为", discount: d, reason: "竞品" }, c);
    expect(got("降15%")).toEqual([{ action: "approval.discount", params: { ref: "华为", discount: "85折", reason: "竞品" } }]);
    expect(got("再降15个点")).toEqual([{ action: "approval.discount", params: { ref: "华为", discount: "85折", reason: "竞品" } }]);
    expect(got("八五折")).toEqual([{ action: "approval.discount", params: { ref: "华为", discount: "85折", reason: "竞品" } }]);
  });

  it("quotes, payments and invoices become the commands' own words", () => {
    const byName = (n: string) => routes.find((r) => r.name === n)!;
    expect(byName("make_quote").propose({ customer: "华为", items: [{ product: "标准版", quantity: "10套", unit_price: null, discount: "85折" }, { product: "实施服务", quantity: "5天", unit_price: "2000", discount: null }] }, c)).toEqual([
      { action: "quote.edit", params: { ref: "华为", rest: "加 标准版10套 85折，实施服务5天 单价:2000" } },
    ]);
    expect(byName("record_payment").propose({ customer: "京东", amount: "30万", date: "昨天", method: "银行转账" }, c)).toEqual([
      { action: "receivable.record", params: { ref: "京东", rest: "300000 昨天 方式:银行转账" } },
    ]);
    expect(byName("make_quote").propose({ customer: "报价#21", step: "发送" }, c)).toEqual([{ action: "quote.edit", params: { ref: "报价#21", rest: "发送" } }]);
    expect(byName("make_quote").propose({ customer: "华为", step: "拒绝", reason: "价格太高" }, c)).toEqual([{ action: "quote.edit", params: { ref: "华为", rest: "拒绝 价格太高" } }]);
    expect(byName("look_up").propose({ query: "华为", show: "回款记录" }, c)).toEqual([{ action: "receivable.list", params: { ref: "华为" } }]);
    expect(byName("request_invoice").propose({ customer: "华为", amount: "20万", type: "专票" }, c)).toEqual([{ action: "invoice.request", params: { ref: "华为", amount: "200000", type: "专票" } }]);
  });
});
