import { describe, expect, it } from "vitest";
import { formatWhen, parseWhen, zoneOffsetMinutes } from "../../src/crm/when.ts";

const now = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
const at = (t: string) => parseWhen(t, now, "Asia/Shanghai")?.toISOString() ?? null;

describe("parseWhen (Asia/Shanghai, Monday 2026-11-23 10:00)", () => {
  it.each([
    ["明天下午3点", "2026-11-24T07:00:00.000Z"],
    ["下周三", "2026-12-02T01:00:00.000Z"],
    ["3天后", "2026-11-26T01:00:00.000Z"],
    ["周五上午10点", "2026-11-27T02:00:00.000Z"],
    ["2026-12-01 09:00", "2026-12-01T01:00:00.000Z"],
    ["今晚8点", "2026-11-23T12:00:00.000Z"],
    ["月底", "2026-11-30T01:00:00.000Z"],
  ])("%s → %s", (text, iso) => {
    expect(at(text)).toBe(iso);
  });

  it("refuses what is not a time, or not wholly one, or in the past", () => {
    expect(at("某天")).toBeNull();
    expect(at("明天 去拜访")).toBeNull();
    expect(at("2020-01-01 09:00")).toBeNull();
  });

  it("knows the zone's offset and formats in it", () => {
    expect(zoneOffsetMinutes("Asia/Shanghai", now)).toBe(480);
    expect(zoneOffsetMinutes("UTC", now)).toBe(0);
    expect(formatWhen(new Date("2026-11-24T07:00:00Z"), "Asia/Shanghai")).toBe("11月24日 15:00");
  });
});
