import { describe, expect, it } from "vitest";
import { describeDetail } from "../../src/crm/audit/audit-render.ts";

const names = new Map([["0b7e1a52-8f3c-4e0e-9d55-1c2f3a4b5c6d", "王芳"]]);
const show = (detail: unknown, entity = "opportunity") => describeDetail(detail, entity, names, "Asia/Shanghai");

describe("audit detail", () => {
  it("reads money in 元/万, discounts in 折, people by name, times in the CRM zone, dates as dates", () => {
    expect(show({ before: { amount: null, discount: "0.9" }, after: { amount: 530000, discount: 0.85 } })).toBe("金额 （空） → 53万；折扣 9折 → 85折");
    expect(show({ before: { ownerId: "0b7e1a52-8f3c-4e0e-9d55-1c2f3a4b5c6d" }, after: { ownerId: null } }, "customer")).toBe("负责人 王芳 → （空）");
    expect(show({ after: { budget: 12345, expectedCloseDate: "2026-12-31T00:00:00.000Z" }, approval: 3 })).toBe("预算：12,345 元；预计成交：2026-12-31；审批编号：3");
    expect(show({ after: { name: "张三", phone: "13800138000" } }, "lead")).toBe("姓名：张三；手机：13800138000");
    expect(show({ at: "2026-11-23T02:00:00.000Z" })).toBe("时间：11月23日 10:00");
    expect(show(null)).toBe("");
  });

  it("names only the fields that changed; a money record's amounts are fen read as money", () => {
    expect(show({ before: { title: "华为", amount: 100, status: "issued" }, after: { title: "华为", amount: 150, status: "void" } }, "invoice")).toBe("开票金额 1 元 → 1.50 元；状态 已开票 → 已作废");
    expect(show({ before: { name: "A", listPriceFen: 1_200_000, taxRatePpm: 130_000 }, after: { name: "A", listPriceFen: 1_200_000, taxRatePpm: 60_000 } }, "product")).toBe("税率 13% → 6%");
    expect(show({ after: { amount: 530000 } }, "opportunity")).toBe("金额：53万");
    expect(show({ after: { amount: 530000, type: "special" } }, "invoice")).toBe("发票类型：专票；开票金额：5,300 元");
  });
});
