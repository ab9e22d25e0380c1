// A claim's period as dates: day numbers (the contract's UTC days since 1 Jan 1970) to and from date inputs, in words,
// and the period a claim may cover, with the reasons in dates.
import { describe, expect, it } from "vitest";
import { dayText, dayToIso, isoToDay, parsePeriod, periodText } from "./format";

const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const TODAY = day("2026-12-07");
const words = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });

describe("days as dates", () => {
  it("a day number is its UTC date, both ways", () => {
    expect(dayToIso(0)).toBe("1970-01-01");
    expect(dayToIso(TODAY)).toBe("2026-12-07");
    expect(isoToDay("2026-12-07")).toBe(TODAY);
    expect(isoToDay("2024-02-29")).toBe(day("2024-02-29"));
    for (const d of [0, 19_782, TODAY, TODAY + 365]) expect(isoToDay(dayToIso(d))).toBe(d);
  });

  it("an empty or malformed date input is no day", () => {
    expect(isoToDay("")).toBeUndefined();
    expect(isoToDay("7/12/2026")).toBeUndefined();
    expect(isoToDay("2026-13-45")).toBeUndefined();
  });

  it("a day and a period in the reader's words, never as day numbers", () => {
    expect(dayText(TODAY)).toBe(words("2026-12-07"));
    expect(periodText(TODAY - 6, TODAY)).toBe(`${words("2026-12-01")} – ${words("2026-12-07")}`);
    expect(periodText(TODAY, TODAY)).toBe(words("2026-12-07"));
    expect(periodText(TODAY - 6, TODAY)).not.toMatch(String(TODAY));
  });
});

describe("parsePeriod", () => {
  it("a period ending by today on chain becomes the contract's day numbers", () => {
    expect(parsePeriod("2025-12-08", "2026-12-07", TODAY)).toEqual({ startDay: TODAY - 364, endDay: TODAY });
    expect(parsePeriod("2026-03-01", "2026-03-01", TODAY)).toEqual({
      startDay: day("2026-03-01"),
      endDay: day("2026-03-01"),
    });
  });

  it("refuses a missing day, a reversed period, one ending after today on chain, or one before 1970, in dates", () => {
    expect(parsePeriod("", "2026-03-01", TODAY)).toEqual({ error: "Enter the period's first and last day." });
    expect(parsePeriod("2026-03-02", "2026-03-01", TODAY)).toEqual({
      error: `The period's first day (${words("2026-03-02")}) must be on or before its last day (${words("2026-03-01")}).`,
    });
    expect(parsePeriod("2026-12-01", "2026-12-08", TODAY)).toEqual({
      error: `The period must end by today on chain (${words("2026-12-07")}), not ${words("2026-12-08")}: claim reductions already made.`,
    });
    expect(parsePeriod("1969-12-31", "2026-01-01", TODAY)).toEqual({
      error: `The period cannot start before ${words("1970-01-01")}.`,
    });
  });
});
