import { describe, expect, it } from "vitest";
import {
  addMonths,
  beforeAfter,
  comparability,
  coverageText,
  figureMonths,
  gapSentences,
  monthCount,
  overlapMonths,
  pickWindow,
  windowsAround,
} from "@/lib/before-after";
import type { FigureView } from "@/lib/domain/figure";
import { figure } from "./figure-fixture";

/** A figure with whose records it is, as the record's later figures say. */
const fig = (over: Partial<FigureView> & Pick<FigureView, "periodStart" | "periodEnd" | "khmFlow" | "side" | "value">): FigureView =>
  figure({ records: over.side === "cambodia" ? "GDCE" : "KITA", ...over });

// The CKFTA case as the record stands: KITA 2021, GDCE 2022 (total only), GDCE Jan–Aug 2023, GDCE Jan–Sep 2024.
const ckfta = () => [
  fig({ periodStart: "2021-01", periodEnd: "2021-12", khmFlow: "total", side: "partner", value: 965_100_000 }),
  fig({ periodStart: "2021-01", periodEnd: "2021-12", khmFlow: "exports", side: "partner", value: 341_500_000, confidence: "medium" }),
  fig({ periodStart: "2022-01", periodEnd: "2022-12", khmFlow: "total", side: "cambodia", value: 778_920_000 }),
  fig({ periodStart: "2023-01", periodEnd: "2023-08", khmFlow: "total", side: "cambodia", value: 503_750_000 }),
  fig({ periodStart: "2023-01", periodEnd: "2023-08", khmFlow: "exports", side: "cambodia", value: 189_380_000 }),
  fig({ periodStart: "2023-01", periodEnd: "2023-08", khmFlow: "imports", side: "cambodia", value: 314_370_000 }),
  fig({ periodStart: "2024-01", periodEnd: "2024-09", khmFlow: "total", side: "cambodia", value: 627_740_000 }),
];

describe("months and windows", () => {
  it("adds months across years, both ways", () => {
    expect(addMonths("2022-12", 1)).toBe("2023-01");
    expect(addMonths("2022-12", -12)).toBe("2021-12");
    expect(addMonths("2022-01", -1)).toBe("2021-12");
    expect(addMonths("2022-12", 11)).toBe("2023-11");
  });

  it("counts months inclusively and the months two periods share", () => {
    expect(monthCount({ start: "2023-01", end: "2023-08" })).toBe(8);
    expect(monthCount({ start: "2021-12", end: "2022-11" })).toBe(12);
    expect(overlapMonths({ start: "2022-01", end: "2022-12" }, { start: "2021-12", end: "2022-11" })).toBe(11);
    expect(overlapMonths({ start: "2024-01", end: "2024-09" }, { start: "2022-12", end: "2023-11" })).toBe(0);
  });

  it("puts the month of entry into force in the window after", () => {
    expect(windowsAround("2022-12-01")).toEqual({
      before: { start: "2021-12", end: "2022-11" },
      after: { start: "2022-12", end: "2023-11" },
    });
    expect(windowsAround("2011-01-04")).toEqual({
      before: { start: "2010-01", end: "2010-12" },
      after: { start: "2011-01", end: "2011-12" },
    });
  });
});

describe("picking the closest stored period", () => {
  it("takes the period sharing most months, then the one spilling least outside", () => {
    const w = windowsAround("2022-12-01");
    const before = pickWindow(w.before, ckfta());
    expect(before.period).toEqual({ start: "2022-01", end: "2022-12" });
    expect([before.shared, before.outside]).toEqual([11, 1]);
    expect(before.cells.total?.chosen.value).toBe(778_920_000);
    // 2022 has a total only: the split is not reported, not borrowed from another year.
    expect(before.cells.exports).toBeNull();
    const after = pickWindow(w.after, ckfta());
    expect(after.period).toEqual({ start: "2023-01", end: "2023-08" });
    expect([after.shared, after.outside]).toEqual([8, 0]);
    expect(after.cells.imports?.chosen.value).toBe(314_370_000);
  });

  it("leaves a window no figure touches empty", () => {
    const p = pickWindow({ start: "2030-01", end: "2030-12" }, ckfta());
    expect(p.period).toBeNull();
    expect(Object.values(p.cells).every((c) => c === null)).toBe(true);
    expect(coverageText(p, "after")).toBe("No figure in our database covers any of 2030.");
  });

  it("says how much of its window a period covers", () => {
    const w = windowsAround("2022-12-01");
    expect(coverageText(pickWindow(w.before, ckfta()), "before")).toBe("2022: 11 of the 12 months before, plus 1 month after.");
    expect(coverageText(pickWindow(w.after, ckfta()), "after")).toBe("Jan–Aug 2023: 8 of the 12 months after.");
    const exact = pickWindow({ start: "2021-01", end: "2021-12" }, ckfta());
    expect(coverageText(exact, "before")).toBe("2021: exactly the 12 months before.");
  });
});

describe("comparability and gaps", () => {
  it("refuses a change between different records or lengths, and says why", () => {
    const w = windowsAround("2022-12-01");
    const r = comparability(pickWindow(w.before, ckfta()), pickWindow(w.after, ckfta()), "South Korea");
    expect(r.ok).toBe(false);
    expect(r.reason).toBe("Not comparable as a change: they cover different lengths of time (12 months before, 8 after).");
    const jan = windowsAround("2022-01-01");
    const mixed = comparability(pickWindow(jan.before, ckfta()), pickWindow(jan.after, ckfta()), "South Korea");
    expect(mixed.reason).toContain("different records (South Korea's records (KITA) before, Cambodia's records (GDCE) after)");
  });

  it("allows a change for the same records over the same length", () => {
    const figures = [
      fig({ periodStart: "2021-01", periodEnd: "2021-12", khmFlow: "total", side: "cambodia", value: 100 }),
      fig({ periodStart: "2022-01", periodEnd: "2022-12", khmFlow: "total", side: "cambodia", value: 120 }),
    ];
    const r = beforeAfter("2022-01-01", figures, "South Korea");
    expect(r.comparable).toEqual({ ok: true, reason: null });
  });

  it("names each calendar year the windows touch that lacks a full-year figure, by whose records", () => {
    expect(gapSentences(windowsAround("2022-12-01"), ckfta(), "South Korea")).toEqual([
      "No full-year 2021 figure from Cambodia's records.",
      "No full-year 2022 figure from South Korea's records.",
      "No full-year 2023 figure from South Korea's records or Cambodia's records.",
    ]);
    expect(gapSentences(windowsAround("2022-01-01"), [], "China")).toEqual([
      "No full-year 2021 figure from China's records or Cambodia's records.",
      "No full-year 2022 figure from China's records or Cambodia's records.",
    ]);
  });

  it("never fills a gap: the whole result for the CKFTA", () => {
    const r = beforeAfter("2022-12-01", ckfta(), "South Korea");
    expect(r.before.cells.total?.chosen.periodStart).toBe("2022-01");
    expect(r.after.cells.total?.chosen.periodEnd).toBe("2023-08");
    expect(r.comparable.ok).toBe(false);
    expect(r.gaps).toHaveLength(3);
  });
});

describe("the figures the before/after widget reads", () => {
  it("span every calendar year either window touches", () => {
    // In force 1 December 2022: December 2021 to November 2023.
    expect(figureMonths("2022-12-01")).toEqual({ from: "2021-01", to: "2023-12" });
    // In force 1 January 2022: all of 2021 and all of 2022.
    expect(figureMonths("2022-01-01")).toEqual({ from: "2021-01", to: "2022-12" });
  });
});
