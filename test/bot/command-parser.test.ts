import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/crm/assembly.ts";
import { parseCommand, tokenize } from "../../src/bot/command-parser.ts";
import { splitUtf8 } from "../../src/render/reply.ts";

const registry = buildRegistry();

describe("command grammar", () => {
  it("splits on any whitespace, including full-width spaces", () => {
    expect(tokenize("  新建线索\u3000张三  13800138000\t华为 ")).toEqual(["新建线索", "张三", "13800138000", "华为"]);
  });

  it("accepts Chinese names and English aliases, case-insensitively", () => {
    for (const t of ["帮助", "help", "HELP", "?"]) expect(parseCommand(registry, t)).toMatchObject({ kind: "call" });
    expect(parseCommand(registry, "MyLeads")).toMatchObject({ kind: "call", action: { name: "lead.mine" } });
  });

  it("maps a lead's optional company and source by meaning", () => {
    const p = (t: string) => (parseCommand(registry, t) as { params: unknown }).params;
    expect(p("新建线索 张三 13800138000")).toEqual({ name: "张三", phone: "13800138000", source: "其他" });
    expect(p("新建线索 张三 13800138000 转介绍")).toEqual({ name: "张三", phone: "13800138000", source: "转介绍" });
    expect(p("新建线索 张三 +8613800138000 华为 展会")).toEqual({ name: "张三", phone: "13800138000", company: "华为", source: "展会" });
  });

  it("explains every problem with usage and an example", () => {
    const r = parseCommand(registry, "新建线索 张三 1380013800 华为 地推");
    expect(r.kind).toBe("invalid");
    const msg = (r as { message: string }).message;
    expect(msg).toContain("多余的内容：「地推」");
    const r2 = parseCommand(registry, "新建线索 张三 1380013800");
    expect((r2 as { message: string }).message).toMatch(/^手机号「1380013800」格式不对/);
    expect((parseCommand(registry, "新建线索 张三 123 华为") as { message: string }).message).toMatch(/^手机号「123」格式不对/);
  });

  it("reads a command word glued to a name-like first argument, longest word first", () => {
    const call = (t: string) => parseCommand(registry, t) as { kind: string; action?: { name: string }; params?: unknown };
    expect(call("转化周八")).toMatchObject({ kind: "call", action: { name: "lead.convert" }, params: { ref: "周八" } });
    expect(call("评分#12")).toMatchObject({ kind: "call", action: { name: "lead.score" }, params: { ref: "#12" } });
    expect(call("跟进记录华为")).toMatchObject({ kind: "call", action: { name: "followup.history" }, params: { ref: "华为" } });
    expect(call("推进嘉禾 方案演示")).toMatchObject({ kind: "call", action: { name: "opportunity.advance" }, params: { ref: "嘉禾", stage: "方案演示" } });
    expect(call("查找华为")).toMatchObject({ kind: "call", action: { name: "search" }, params: { query: "华为" } });
    expect(call("新建线索吴九 小米 微信:wujiu88")).toMatchObject({ kind: "call", params: { name: "吴九", company: "小米", wechatId: "wujiu88" } });
  });

  it("leaves sentences that start with a command word to free text", () => {
    for (const t of ["跟进一下华为", "客户说下周签", "客户#45并入#12", "评分最高的线索", "我的线索多吗", "今日待办事项", "转化率怎么样", "推进嘉禾到方案演示"]) {
      expect(parseCommand(registry, t).kind, t).toBe("unknown");
    }
  });

  it("reports unknown words and empty input", () => {
    expect(parseCommand(registry, "删库")).toEqual({ kind: "unknown", word: "删库" });
    expect(parseCommand(registry, "   ")).toEqual({ kind: "empty" });
    expect(parseCommand(registry, "我的线索 多余")).toMatchObject({ kind: "invalid" });
  });
});

describe("splitUtf8", () => {
  it("never exceeds the byte limit and keeps every character", () => {
    const input = Array.from({ length: 300 }, (_, i) => `第${i}行：中文内容😀`).join("\n");
    const parts = splitUtf8(input, 200);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(200);
    expect(parts.join("\n").replace(/\n/g, "")).toBe(input.replace(/\n/g, ""));
    expect(splitUtf8("短", 10)).toEqual(["短"]);
    expect(splitUtf8("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });
});
