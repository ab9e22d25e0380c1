// A form's field problems: each shows once its field is edited or after a submit attempt, and only while the values
// still have it (a fixed field's problem is gone at the next render).
import { describe, expect, it } from "vitest";
import { hasProblems, shownProblems, type Problems } from "./fieldErrors";

type Field = "to" | "amount" | "ticket";

/** A landing form's problems from its values, as the form computes them on each render. */
const problemsOf = (v: { to: string; amount: string; ticket: string }): Problems<Field> => ({
  to: v.to ? undefined : "Choose whose catch this is.",
  amount: /^\d+$/.test(v.amount) ? undefined : "Enter a whole number of t.",
  ticket: v.ticket ? undefined : "Enter the fish ticket id.",
});

describe("field problems", () => {
  const empty = problemsOf({ to: "", amount: "", ticket: "" });

  it("nothing shows before any edit or submit", () => {
    expect(shownProblems(empty, new Set(), false)).toEqual({});
    expect(hasProblems(empty)).toBe(true);
  });

  it("an edited field shows its own problem only", () => {
    const typed = problemsOf({ to: "", amount: "1.5", ticket: "" });
    expect(shownProblems(typed, new Set<Field>(["amount"]), false)).toEqual({ amount: "Enter a whole number of t." });
  });

  it("a submit attempt shows every problem at once", () => {
    expect(shownProblems(empty, new Set(), true)).toEqual({
      to: "Choose whose catch this is.",
      amount: "Enter a whole number of t.",
      ticket: "Enter the fish ticket id.",
    });
  });

  it("a fixed field's problem is gone as soon as the values are fixed, the others stay", () => {
    const fixed = problemsOf({ to: "0xabc", amount: "1.5", ticket: "" });
    expect(shownProblems(fixed, new Set<Field>(["to", "amount"]), true)).toEqual({
      amount: "Enter a whole number of t.",
      ticket: "Enter the fish ticket id.",
    });
  });

  it("no problem: the form may send", () => {
    const right = problemsOf({ to: "0xabc", amount: "2", ticket: "HB-1" });
    expect(hasProblems(right)).toBe(false);
    expect(shownProblems(right, new Set<Field>(["to", "amount", "ticket"]), true)).toEqual({});
  });
});
