// The pure parts of chain time: the dev clock's shortcuts, countdowns, and a unix time as a date input's value.
import { describe, expect, it } from "vitest";
import { clockShortcuts, dateInputValue, DAY, formatCountdown, HOUR } from "./chainTime";

describe("the dev clock's shortcuts", () => {
  const now = 1_800_000_000;
  const eta = { label: "past the ETA (3)", at: now + 2 * DAY, testId: "clock-eta" };
  const voting = { label: "to the start of voting (4)", at: now + HOUR, testId: "clock-voting" };

  it("offers only the targets still ahead of chain time, soonest first", () => {
    const passed = { label: "past the end of voting (2)", at: now - 1 };
    expect(clockShortcuts([eta, passed, voting], now)).toEqual([voting, eta]);
  });

  it("keeps a target due at chain time itself, and one button per label when two pages offer the same", () => {
    const due = { label: "to the next season (2)", at: now };
    expect(clockShortcuts([due, eta, { ...eta, at: now + 3 * DAY }], now)).toEqual([due, eta]);
  });

  it("offers none before chain time is read", () => {
    expect(clockShortcuts([eta], undefined)).toEqual([]);
  });
});

describe("formatCountdown", () => {
  const now = 1_800_000_000;
  it("days and hours, hours and minutes, minutes and seconds, then now", () => {
    expect(formatCountdown(now + 2 * DAY + 3 * HOUR + 59, now)).toBe("2 d 3 h");
    expect(formatCountdown(now + 5 * HOUR + 14 * 60, now)).toBe("5 h 14 min");
    expect(formatCountdown(now + 14 * 60 + 5, now)).toBe("14 min 5 s");
    expect(formatCountdown(now + 9, now)).toBe("9 s");
    expect(formatCountdown(now, now)).toBe("now");
    expect(formatCountdown(now - 60, now)).toBe("now");
  });
});

describe("dateInputValue", () => {
  it("is the local calendar day of the unix time, as an <input type=date> value", () => {
    const local = new Date(2026, 0, 6, 23, 59); // 6 Jan 2026, 23:59 in the test's time zone
    expect(dateInputValue(local.getTime() / 1000)).toBe("2026-01-06");
    expect(dateInputValue(local.getTime() / 1000 + 60)).toBe("2026-01-07");
    expect(dateInputValue(new Date(2025, 11, 31, 0, 0).getTime() / 1000)).toBe("2025-12-31");
  });
});
