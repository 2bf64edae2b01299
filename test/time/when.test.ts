import { describe, expect, it } from "vitest";
import { formatWhen, parseLeadingWhen, parseWhen, zoneOffsetMinutes } from "../../src/time/when.ts";

const now = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Shanghai
const at = (t: string) => parseWhen(t, now, "Asia/Shanghai")?.toISOString() ?? null;
/** A local time written with its offset, as the UTC ISO string the parsers are compared in. */
const local = (iso: string) => new Date(iso).toISOString();
/** What a phrase means when written at `when` (a local time with its offset) in `zone`. */
const atIn = (text: string, when: string, zone = "Asia/Shanghai") => parseWhen(text, new Date(when), zone)?.toISOString() ?? null;

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

describe("hours in office talk", () => {
  it.each([
    // A bare 1–7 o'clock is the afternoon; 8–12 stay as written; a time gone today is tomorrow's.
    ["3点", "2026-11-23T15:00:00+08:00"],
    ["三点", "2026-11-23T15:00:00+08:00"],
    ["3点半", "2026-11-23T15:30:00+08:00"],
    ["3点钟", "2026-11-23T15:00:00+08:00"],
    ["两点十分", "2026-11-23T14:10:00+08:00"],
    ["7点", "2026-11-23T19:00:00+08:00"],
    ["11点", "2026-11-23T11:00:00+08:00"],
    ["12点", "2026-11-23T12:00:00+08:00"],
    ["8点", "2026-11-24T08:00:00+08:00"],
    ["下午3点", "2026-11-23T15:00:00+08:00"],
    ["晚上8点", "2026-11-23T20:00:00+08:00"],
    ["明天3点", "2026-11-24T15:00:00+08:00"],
    ["周五3点", "2026-11-27T15:00:00+08:00"],
    // 上午 / 凌晨 / 早上 keep the morning.
    ["上午9点", "2026-11-24T09:00:00+08:00"],
    ["凌晨3点", "2026-11-24T03:00:00+08:00"],
    ["早上7点", "2026-11-24T07:00:00+08:00"],
    ["明早7点", "2026-11-24T07:00:00+08:00"],
  ])("%s → %s", (text, when) => expect(at(text)).toBe(local(when)));

  it("a bare hour already past today is that hour tomorrow (16:00: 3点 → tomorrow 15:00)", () => {
    expect(atIn("3点", "2026-11-23T16:00:00+08:00")).toBe(local("2026-11-24T15:00:00+08:00"));
    expect(atIn("3点", "2026-11-23T15:00:00+08:00")).toBe(local("2026-11-24T15:00:00+08:00"));
    expect(atIn("12点", "2026-11-23T12:30:00+08:00")).toBe(local("2026-11-24T12:00:00+08:00"));
  });
});

describe("spans from now and parts of a day", () => {
  it.each([
    ["1小时后", "2026-11-23T11:00:00+08:00"],
    ["半小时后", "2026-11-23T10:30:00+08:00"],
    ["30分钟后", "2026-11-23T10:30:00+08:00"],
    ["一个半小时后", "2026-11-23T11:30:00+08:00"],
    ["两个小时以后", "2026-11-23T12:00:00+08:00"],
    // A day with 上午 / 下午 / 晚上 and no hour: 10:00, 14:00, 19:00.
    ["周五上午", "2026-11-27T10:00:00+08:00"],
    ["周五下午", "2026-11-27T14:00:00+08:00"],
    ["周五晚上", "2026-11-27T19:00:00+08:00"],
    ["下周一上午", "2026-11-30T10:00:00+08:00"],
    ["明天下午", "2026-11-24T14:00:00+08:00"],
    ["今天下午", "2026-11-23T14:00:00+08:00"],
    ["今晚", "2026-11-23T19:00:00+08:00"],
    ["3天后下午3点", "2026-11-26T15:00:00+08:00"],
  ])("%s → %s", (text, when) => expect(at(text)).toBe(local(when)));

  it("a part of today already gone is past", () => {
    expect(atIn("今天上午", "2026-11-23T11:00:00+08:00")).toBeNull();
  });
});

describe("days, weeks and months", () => {
  it.each([
    ["一周后", "2026-11-30T09:00:00+08:00"],
    ["两周后", "2026-12-07T09:00:00+08:00"],
    ["3天后", "2026-11-26T09:00:00+08:00"],
    ["三天之后", "2026-11-26T09:00:00+08:00"],
    ["半个月后", "2026-12-08T09:00:00+08:00"],
    ["两个月后", "2027-01-23T09:00:00+08:00"],
    ["下周", "2026-11-30T09:00:00+08:00"],
    ["下个月", "2026-12-23T09:00:00+08:00"],
    ["下个月初", "2026-12-01T09:00:00+08:00"],
    ["下个月中", "2026-12-15T09:00:00+08:00"],
    ["下个月底", "2026-12-31T09:00:00+08:00"],
    ["下个月月底", "2026-12-31T09:00:00+08:00"],
    ["这个月底", "2026-11-30T09:00:00+08:00"],
    ["本月底", "2026-11-30T09:00:00+08:00"],
    ["这个月月底", "2026-11-30T09:00:00+08:00"],
    ["本月中", "2026-12-15T09:00:00+08:00"],
    ["周一两点", "2026-11-30T14:00:00+08:00"],
    ["周五三点半", "2026-11-27T15:30:00+08:00"],
    ["这周五三点", "2026-11-27T15:00:00+08:00"],
    ["礼拜天两点", "2026-11-29T14:00:00+08:00"],
    ["这个月28号", "2026-11-28T09:00:00+08:00"],
    ["下个月5号", "2026-12-05T09:00:00+08:00"],
    ["5号", "2026-12-05T09:00:00+08:00"],
    ["5号下午3点", "2026-12-05T15:00:00+08:00"],
    ["25号", "2026-11-25T09:00:00+08:00"],
  ])("%s → %s", (text, when) => expect(at(text)).toBe(local(when)));

  it("下个月 keeps the day, or takes the next month's last when it is shorter", () => {
    expect(atIn("下个月", "2027-01-31T10:00:00+08:00")).toBe(local("2027-02-28T09:00:00+08:00"));
    expect(atIn("下个月底", "2027-01-31T10:00:00+08:00")).toBe(local("2027-02-28T09:00:00+08:00"));
  });

  it("5号 is this month's while ahead, else the next month's; 下周 on a Sunday is the next day", () => {
    expect(atIn("5号", "2026-11-03T10:00:00+08:00")).toBe(local("2026-11-05T09:00:00+08:00"));
    expect(atIn("5号", "2026-11-05T10:00:00+08:00")).toBe(local("2026-12-05T09:00:00+08:00"));
    expect(atIn("31号", "2026-11-03T10:00:00+08:00")).toBe(local("2026-12-31T09:00:00+08:00"));
    expect(atIn("下周", "2026-11-29T21:00:00+08:00")).toBe(local("2026-11-30T09:00:00+08:00"));
  });
});

describe("parseLeadingWhen: the time, then what to do", () => {
  it.each([
    ["3点给张总打电话", "2026-11-23T15:00:00+08:00", "给张总打电话"],
    ["明天下午3点给张总打电话", "2026-11-24T15:00:00+08:00", "给张总打电话"],
    ["1小时后 回电话", "2026-11-23T11:00:00+08:00", "回电话"],
    ["周五下午 交方案", "2026-11-27T14:00:00+08:00", "交方案"],
    ["周五 下午 交方案", "2026-11-27T14:00:00+08:00", "交方案"],
    ["下周一 上午 开会", "2026-11-30T10:00:00+08:00", "开会"],
    ["下个月 续约", "2026-12-23T09:00:00+08:00", "续约"],
  ])("%s → %s + %s", (text, when, rest) => {
    const r = parseLeadingWhen(text, now, "Asia/Shanghai");
    expect(r && { at: r.at.toISOString(), rest: r.rest }).toEqual({ at: local(when), rest });
  });

  it("needs the time first", () => {
    expect(parseLeadingWhen("给张总打电话 3点", now, "Asia/Shanghai")).toBeNull();
  });
});

describe("another zone (Europe/Berlin) reads the same words on its own wall clock", () => {
  const berlin = (text: string, when = "2026-11-23T10:00:00+01:00") => atIn(text, when, "Europe/Berlin");

  it.each([
    ["3点", "2026-11-23T15:00:00+01:00"],
    ["1小时后", "2026-11-23T11:00:00+01:00"],
    ["周五下午", "2026-11-27T14:00:00+01:00"],
    ["下周", "2026-11-30T09:00:00+01:00"],
    ["月底", "2026-11-30T09:00:00+01:00"],
  ])("%s → %s", (text, when) => expect(berlin(text)).toBe(local(when)));

  it("across the change to summer time a day keeps its 09:00", () => {
    expect(berlin("下个月", "2027-03-15T10:00:00+01:00")).toBe(local("2027-04-15T09:00:00+02:00"));
    expect(berlin("一周后", "2027-03-25T10:00:00+01:00")).toBe(local("2027-04-01T09:00:00+02:00"));
  });
});

describe("weeks start on Monday", () => {
  it("on a Sunday evening 下周一 is tomorrow, not eight days ahead", () => {
    expect(atIn("下周一", "2026-12-13T22:05:00+08:00")).toBe(local("2026-12-14T09:00:00+08:00"));
    expect(atIn("下周二", "2026-12-13T22:05:00+08:00")).toBe(local("2026-12-15T09:00:00+08:00"));
    expect(atIn("下周二", "2026-12-12T10:00:00+08:00")).toBe(local("2026-12-15T09:00:00+08:00"));
  });
  it("下下周, 下星期天, and a time of day after the weekday", () => {
    expect(at("下下周一")).toBe(local("2026-12-07T09:00:00+08:00"));
    expect(at("下星期天")).toBe(local("2026-12-06T09:00:00+08:00"));
    expect(at("下周三下午3点")).toBe(local("2026-12-02T15:00:00+08:00"));
    expect(at("下周五上午")).toBe(local("2026-12-04T10:00:00+08:00"));
  });
});
