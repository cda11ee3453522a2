import { describe, expect, it } from "vitest";
import { addDays, dayFirst, isoDate, parseDayFirst, looksLikePhone, newResidentSeed, normaliseTime, phoneFromIntakeUrl, timeWindow } from "./intake";

describe("incoming-call links", () => {
  it.each([
    ["solidesk://intake?phone=0470123456", "0470123456"],
    ["solidesk://intake?phone=%2B32%20470%2012%2034%2056", "+32 470 12 34 56"],
    ["solidesk:intake?phone=025123456", "025123456"],
    ["solidesk://intake/?phone=025123456", "025123456"],
  ])("%s gives the caller's number", (url, phone) => {
    expect(phoneFromIntakeUrl(url)).toBe(phone);
  });

  it.each([
    "https://intake?phone=0470123456",
    "solidesk://settings?phone=0470123456",
    "solidesk://intake?phone=",
    "solidesk://intake?phone=anonymous",
    "solidesk://intake",
    "not a url",
  ])("%s is ignored", (url) => {
    expect(phoneFromIntakeUrl(url)).toBeNull();
  });
});

describe("search text", () => {
  it("tells numbers from names", () => {
    expect(looksLikePhone("0470/12.34.56")).toBe(true);
    expect(looksLikePhone("+32 (0)470 12 34 56")).toBe(true);
    expect(looksLikePhone("Peeters")).toBe(false);
    expect(looksLikePhone("   ")).toBe(false);
  });

  it("seeds a new resident from what was typed", () => {
    expect(newResidentSeed("0470 12 34 56")).toEqual({ phone: "0470 12 34 56", lastName: "", firstName: "" });
    expect(newResidentSeed("Peeters Maria José")).toEqual({ phone: "", lastName: "Peeters", firstName: "Maria José" });
  });
});

describe("times and windows", () => {
  it.each([
    ["9", "09:00"],
    ["9h", "09:00"],
    ["9u30", "09:30"],
    ["09.30", "09:30"],
    ["930", "09:30"],
    ["14:05", "14:05"],
  ])("%s is %s", (input, out) => {
    expect(normaliseTime(input)).toBe(out);
  });

  it.each(["25", "9:75", "noon", "1:2:3"])("%s is no time", (input) => {
    expect(normaliseTime(input)).toBeNull();
  });

  it("builds a window or refuses a half or reversed one", () => {
    expect(timeWindow("9", "11u")).toBe("09:00-11:00");
    expect(timeWindow("", "")).toBeNull();
    expect(() => timeWindow("9", "")).toThrow();
    expect(() => timeWindow("11", "9")).toThrow();
  });
});

describe("dates", () => {
  it("writes day first and ISO", () => {
    const d = new Date(2026, 10, 27);
    expect(dayFirst(d)).toBe("27/11/2026");
    expect(isoDate(d)).toBe("2026-11-27");
  });

  it("adds days across a month end and a daylight-saving change", () => {
    expect(isoDate(addDays(new Date(2026, 9, 24), 8))).toBe("2026-11-01");
  });
});

describe("day-first dates typed in a field", () => {
  it.each([
    ["27/11/2026", "2026-11-27"],
    ["7/3/2026", "2026-03-07"],
    ["27.11.2026", "2026-11-27"],
    ["27-11-2026", "2026-11-27"],
    ["2026-11-27", "2026-11-27"],
    ["29/02/2028", "2028-02-29"],
  ])("%s is %s", (text, iso) => {
    expect(parseDayFirst(text)).toBe(iso);
  });

  it.each(["11/31/2026", "29/02/2027", "2026/11/27", "27/11/26", "tomorrow", ""])("%s is refused", (text) => {
    expect(parseDayFirst(text)).toBeNull();
  });
});
