import { describe, expect, it } from "vitest";
import { periodFromLabel, periodLabel, periodText, type Period } from "@/lib/domain/figure";

describe("periodFromLabel", () => {
  it("turns a year into January–December of that year", () => {
    expect(periodFromLabel("2019")).toEqual({ start: "2019-01", end: "2019-12" });
  });

  it("turns a single month into a one-month period", () => {
    expect(periodFromLabel("2023-03")).toEqual({ start: "2023-03", end: "2023-03" });
    expect(periodFromLabel("2023-12")).toEqual({ start: "2023-12", end: "2023-12" });
  });

  it("parses a span within a year and across years", () => {
    expect(periodFromLabel("2024-01/2024-02")).toEqual({ start: "2024-01", end: "2024-02" });
    expect(periodFromLabel("2023-11/2024-02")).toEqual({ start: "2023-11", end: "2024-02" });
  });

  it("accepts a span whose ends are the same month", () => {
    expect(periodFromLabel("2024-01/2024-01")).toEqual({ start: "2024-01", end: "2024-01" });
  });

  it.each([
    ["2019-13", "month 13"],
    ["2019-00", "month 00"],
    ["2019-1", "one-digit month"],
    ["2024-02/2024-01", "end before start"],
    ["2024-12/2023-01", "end in an earlier year"],
    ["abc", "not a period"],
    ["", "empty"],
    ["2019/2020", "span of years"],
    ["2024-01/", "missing end"],
    ["/2024-01", "missing start"],
    ["2024-01/2024-02/2024-03", "three parts"],
    ["2024-01/2024-13", "bad end month"],
    ["19", "two-digit year"],
    [" 2019", "leading space"],
    ["2019-01-15", "a full date"],
  ])("rejects %j (%s)", (label) => {
    expect(periodFromLabel(label)).toBeNull();
  });
});

describe("periodLabel", () => {
  it("labels a whole calendar year by the year", () => {
    expect(periodLabel({ start: "2019-01", end: "2019-12" })).toBe("2019");
  });

  it("labels a single month as YYYY-MM", () => {
    expect(periodLabel({ start: "2023-03", end: "2023-03" })).toBe("2023-03");
  });

  it("labels spans as start/end", () => {
    expect(periodLabel({ start: "2024-01", end: "2024-02" })).toBe("2024-01/2024-02");
    expect(periodLabel({ start: "2023-11", end: "2024-02" })).toBe("2023-11/2024-02");
  });

  it("does not call January of one year to December of the next a year", () => {
    expect(periodLabel({ start: "2019-01", end: "2020-12" })).toBe("2019-01/2020-12");
  });

  it.each(["2019", "2023-03", "2024-01/2024-02", "2023-11/2024-02", "2019-01/2020-12"])(
    "round-trips %j through periodFromLabel",
    (label) => {
      const p = periodFromLabel(label);
      expect(p).not.toBeNull();
      expect(periodLabel(p!)).toBe(label);
    },
  );

  it("normalises a same-month span label to the month label", () => {
    expect(periodLabel(periodFromLabel("2024-01/2024-01")!)).toBe("2024-01");
  });
});

describe("periodText", () => {
  const text = (label: string) => periodText(periodFromLabel(label) as Period);

  it("shows a year as the year", () => {
    expect(text("2019")).toBe("2019");
  });

  it("shows a single month with its short name", () => {
    expect(text("2023-03")).toBe("Mar 2023");
    expect(text("2023-12")).toBe("Dec 2023");
    expect(text("2023-01")).toBe("Jan 2023");
  });

  it("shows a span within a year with an en dash and one year", () => {
    expect(text("2024-01/2024-02")).toBe("Jan–Feb 2024");
    expect(text("2024-01/2024-02")).toContain("\u2013");
  });

  it("shows a cross-year span with both years", () => {
    expect(text("2023-11/2024-02")).toBe("Nov 2023–Feb 2024");
  });

  it("shows January–December across two years as a span, not a year", () => {
    expect(text("2019-01/2020-12")).toBe("Jan 2019–Dec 2020");
  });
});
