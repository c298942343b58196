import { describe, expect, it } from "vitest";
import { lastYearOf, missingYears, reportedPointsAfter, seriesEndOf, tradeChart, type ChartPoint } from "@/lib/charts/tradeChart";
import { MAIN_SOURCE } from "@/lib/domain/figure";
import { figure, yearFigure } from "./figure-fixture";

const imf = (year: number, side: "cambodia" | "partner", value: number): ChartPoint => ({ year, side, value, estimate: false, id: year });

describe("a trade chart's reported figures after the main series", () => {
  it("takes one whole-year value per year and side, the preferred one, and marks a cell whose sources differ", () => {
    const figures = [
      yearFigure(2021, { khmFlow: "total", side: "partner", value: 1_000_000_000, records: "KITA", id: 101 }),
      yearFigure(2021, { khmFlow: "total", side: "partner", value: 1_200_000_000, preferred: false, id: 102 }),
      yearFigure(2021, { khmFlow: "total", side: "cambodia", value: 900_000_000, approximate: true, confidence: "medium", id: 103 }),
      // Another flow, a part-year span and a year past `to` stay out.
      yearFigure(2021, { khmFlow: "exports", side: "cambodia", value: 1, id: 104 }),
      figure({ periodStart: "2022-01", periodEnd: "2022-09", khmFlow: "total", side: "cambodia", value: 2, id: 105 }),
      yearFigure(2026, { khmFlow: "total", side: "cambodia", value: 3, id: 106 }),
    ];
    const points = reportedPointsAfter(figures, "total", 2020, 2025);
    expect(points.map((p) => [p.year, p.side, p.id])).toEqual([
      [2021, "cambodia", 103],
      [2021, "partner", 101],
    ]);
    // "Sources differ" compares with every other value of the year's cell, whichever side gave it.
    expect(points[0]).toMatchObject({ approximate: true, oneSource: true, differs: true, records: null });
    expect(points[1]).toMatchObject({ approximate: false, oneSource: false, differs: true, records: "KITA" });
    const agreeing = reportedPointsAfter(
      [
        yearFigure(2021, { khmFlow: "total", side: "cambodia", value: 100 }),
        yearFigure(2021, { khmFlow: "total", side: "cambodia", value: 100.5, preferred: false }),
      ],
      "total",
      2020,
      2021,
    );
    expect(agreeing.map((p) => p.differs)).toEqual([false]);
  });

  it("names the years after the series that neither side's records give", () => {
    const points = reportedPointsAfter([yearFigure(2022, { khmFlow: "total", side: "cambodia", value: 5 })], "total", 2020, 2025);
    expect(missingYears(points, 2020, 2025)).toEqual([2021, 2023, 2024, 2025]);
    expect(missingYears(points, 2020, 2020)).toEqual([]);
  });

  it("knows where a series ends", () => {
    expect(lastYearOf([imf(2019, "cambodia", 1), imf(2020, "partner", 2)])).toBe(2020);
    expect(lastYearOf([])).toBeNull();
    expect(seriesEndOf([imf(2019, "cambodia", 1)], 2020, 2025)).toBe(2019);
    expect(seriesEndOf([], 2020, 2025)).toBe(2020);
    expect(seriesEndOf([], null, 2025)).toBe(2025);
  });
});

describe("the chart of one partner's flow", () => {
  const base = { partner: "KOR", partnerName: "South Korea", flow: "total", from: 2000 } as const;
  const series = [imf(2019, "cambodia", 700_000_000), imf(2020, "cambodia", 800_000_000), imf(2020, "partner", 950_000_000)];

  it("within the series: its title, description and the main source, no break", () => {
    const c = tradeChart({
      ...base,
      to: 2020,
      points: series,
      mainSeriesEnd: null,
      reported: [yearFigure(2021, { khmFlow: "total", side: "cambodia", value: 1 })],
    });
    expect(c).toMatchObject({
      id: "chart-KOR-total-2000-2020",
      // From the first year it has a point for (2019), not the 2000 it was asked from.
      title: "Trade between Cambodia and South Korea, 2019–2020",
      seriesEnd: 2020,
      reported: [],
      missingNote: null,
    });
    expect(c.description).toBe(
      "Two lines, one per reporting side. Cambodia's records give US$800 million in 2020; South Korea's records give US$950 million in 2020.",
    );
    expect(c).toMatchObject({ sourceHref: `/sources/${MAIN_SOURCE.id}`, sourceLabel: MAIN_SOURCE.label });
  });

  it("past the series: reported figures after the break, the title to the last one, the missing years in words", () => {
    const reported = [yearFigure(2022, { khmFlow: "total", side: "partner", value: 1_500_000_000, records: "KITA", approximate: true })];
    const c = tradeChart({ ...base, to: 2025, points: series, mainSeriesEnd: null, reported });
    expect(c.title).toBe("Trade between Cambodia and South Korea, 2019–2022");
    expect(c.reported.map((r) => r.year)).toEqual([2022]);
    expect(c.description).toContain(
      "After 2020, separate points for figures quoted in reports: 2022, South Korea's records (KITA), about US$1.5 billion.",
    );
    expect(c.missingNote).toBe("No full-year figure for 2021 and 2023–2025 from either side's records in our database.");
  });

  it("with no reported figure past the series, says there is no open dataset after it", () => {
    const c = tradeChart({ ...base, to: 2022, points: series, mainSeriesEnd: null, reported: [] });
    expect(c.title).toBe("Trade between Cambodia and South Korea, 2019–2020");
    expect(c.missingNote).toBe(
      "No full-year figure for 2021–2022 from either side's records in our database; there is no open dataset of Cambodia's trade by partner after 2020.",
    );
  });

  it("a series that starts before `from` is titled from `from`", () => {
    const early = [imf(1995, "cambodia", 1), ...series];
    expect(tradeChart({ ...base, to: 2020, points: early, mainSeriesEnd: null, reported: [] }).title).toBe(
      "Trade between Cambodia and South Korea, 2000–2020",
    );
  });

  it("a chart with no point of its own ends where the main series ends for everyone, else at `to`", () => {
    expect(tradeChart({ ...base, to: 2025, points: [], mainSeriesEnd: 2020, reported: [] }).seriesEnd).toBe(2020);
    expect(tradeChart({ ...base, to: 2025, points: [], mainSeriesEnd: null, reported: [] }).seriesEnd).toBe(2025);
    // With points of its own, the main series' end is not used.
    expect(tradeChart({ ...base, to: 2025, points: series, mainSeriesEnd: 2024, reported: [] }).seriesEnd).toBe(2020);
  });
});
