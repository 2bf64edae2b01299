// A card's grey label (replace_name) holds at most 10 characters: it names who handled the
// request when that fits, and is never a word cut in the middle (「已由 fawu1 处」).
import { describe, expect, it } from "vitest";
import { zhApprovals } from "../../src/crm/approvals/messages.ts";

describe("handled-by label", () => {
  it("names the approver when it fits, else says it without cutting", () => {
    expect(zhApprovals.cardHandledBy("孙法务")).toBe("已由 孙法务 处理");
    expect(zhApprovals.cardHandledBy("fawu1")).toBe("fawu1 已处理");
    expect(zhApprovals.cardHandledBy("zhangsan-legal")).toBe("已由他人处理");
    for (const who of ["a", "fawu1", "欧阳娜娜娜", "x".repeat(40)]) expect(zhApprovals.cardHandledBy(who).length).toBeLessThanOrEqual(10);
  });
});
