import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/actions/index.ts";
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
