import {
  annualPeriod,
  figureHeading,
  isAnnual,
  MAIN_SOURCE,
  periodOf,
  pickFigure,
  recordsLabel,
  sideLabel,
  SIDES,
  type FigureView,
  type Side,
} from "@/lib/domain/figure";
import { formatUsd } from "@/lib/format/number";
import { yearsText } from "@/lib/format/years";

/**
 * What a trade chart of one partner and flow shows, from the figures its loader read: the main
 * series, and after it ends the single figures quoted in reports, with the years neither side's
 * records give. Pure: the page or the story widget reads the figures (db/queries) and hands them
 * here, then to the view (components/charts/TradeChart.tsx).
 */

/** One annual value of the main series, from one reporting side. */
export type ChartPoint = { year: number; side: Side; value: number; estimate: boolean; id?: number };

/**
 * A single figure quoted in a report for a year after the IMF series ends. Plotted as a separate
 * mark, never joined to the series or to each other: they come from different records and sources.
 */
export type ReportedPoint = {
  id: number;
  year: number;
  side: Side;
  value: number;
  records: string | null;
  approximate: boolean;
  oneSource: boolean;
  sourcePublisher: string;
  /** Another stored value for the same year and flow disagrees (shown as "sources differ"). */
  differs: boolean;
};

/** The props of components/charts/TradeChart.tsx. */
export type TradeChartProps = {
  id: string;
  title: string;
  description: string;
  points: ChartPoint[];
  partnerName: string;
  sourceHref: string;
  sourceLabel: string;
  /** Figures from reports after the series ends, drawn apart from it. */
  reported: ReportedPoint[];
  /** The last year of the main series; a labelled break is drawn after it when reports follow. */
  seriesEnd: number | null;
  /** What is missing after the series ends, in words. */
  missingNote: string | null;
};

/** The last year a chart's own series reaches, or null when it has no point. */
export function lastYearOf(points: readonly { year: number }[]): number | null {
  return points.length ? Math.max(...points.map((p) => p.year)) : null;
}

/**
 * Where a chart's series ends: its own last year; for a chart with no point of its own, where the
 * main series ends for every partner (`mainSeriesEnd`, from mainSeriesLastYear: read it only for
 * such a chart); else the chart's last year `to`. Reported figures are drawn only after it.
 */
export function seriesEndOf(points: readonly { year: number }[], mainSeriesEnd: number | null, to: number): number {
  return lastYearOf(points) ?? mainSeriesEnd ?? to;
}

/**
 * Reported values for the years after the main series, one per year and side (the site's own
 * choice of value), for charts that run past the series. Whole calendar years only: part-year
 * spans cannot sit on an annual axis.
 */
export function reportedPointsAfter(figures: readonly FigureView[], flow: string, after: number, to: number): ReportedPoint[] {
  const all = figures.filter((f) => f.khmFlow === flow && isAnnual(periodOf(f)));
  const out: ReportedPoint[] = [];
  for (let year = after + 1; year <= to; year++) {
    const cell = all.filter((f) => f.periodStart === annualPeriod(year).start);
    for (const side of SIDES) {
      const pick = pickFigure(cell, { side });
      if (!pick) continue;
      const f = pick.chosen;
      out.push({
        id: f.id,
        year,
        side,
        value: f.khmValue,
        records: f.records ?? null,
        approximate: f.approximate ?? false,
        oneSource: f.confidence === "medium",
        sourcePublisher: f.sourcePublisher,
        differs: pick.differing.length > 0,
      });
    }
  }
  return out;
}

/** Calendar years after the series with no full-year figure of this flow from either side's records. */
export function missingYears(points: readonly ReportedPoint[], after: number, to: number): number[] {
  const have = new Set(points.map((p) => p.year));
  const out: number[] = [];
  for (let y = after + 1; y <= to; y++) if (!have.has(y)) out.push(y);
  return out;
}

/**
 * The chart of one partner's flow from `from` to `to`. `points` is the main series in those years
 * (getAnnualSeries), `reported` the partner's figures outside it (reportedTradeFigures; needed only
 * when `to` runs past the series' end, seriesEndOf), drawn after a break.
 */
export function tradeChart(input: {
  partner: string;
  partnerName: string;
  flow: string;
  from: number;
  to: number;
  points: ChartPoint[];
  mainSeriesEnd: number | null;
  reported: readonly FigureView[];
}): TradeChartProps {
  const { partner, partnerName, flow, from, to, points } = input;
  const seriesEnd = seriesEndOf(points, input.mainSeriesEnd, to);
  const pastSeries = to > seriesEnd;
  const reported = pastSeries ? reportedPointsAfter(input.reported, flow, seriesEnd, to) : [];
  const missing = pastSeries ? missingYears(reported, seriesEnd, to) : [];
  const lastYear = Math.max(seriesEnd, ...reported.map((r) => r.year));
  // The years the chart shows: from its first point (a series may start after `from`) to its last.
  const firstYear = points.length ? Math.max(from, Math.min(...points.map((p) => p.year))) : from;
  const title = `${figureHeading(flow, partnerName)}, ${firstYear}–${pastSeries ? lastYear : to}`;
  const last = points.filter((x) => x.year === Math.max(...points.map((q) => q.year)));
  const description = `Two lines, one per reporting side. ${last
    .map((x) => `${sideLabel(x, partnerName)} give ${formatUsd(x.value)} in ${x.year}`)
    .join("; ")}.${
    reported.length
      ? ` After ${seriesEnd}, separate points for figures quoted in reports: ${reported
          .map((r) => `${r.year}, ${recordsLabel(r, partnerName)}, ${r.approximate ? "about " : ""}${formatUsd(r.value)}`)
          .join("; ")}.`
      : ""
  }`;
  const missingNote =
    pastSeries && missing.length
      ? `No full-year figure for ${yearsText(missing)} from either side's records in our database${reported.length ? "" : "; there is no open dataset of Cambodia's trade by partner after " + seriesEnd}.`
      : null;
  return {
    id: `chart-${partner}-${flow}-${from}-${to}`,
    title,
    description,
    points,
    partnerName,
    sourceHref: `/sources/${MAIN_SOURCE.id}`,
    sourceLabel: MAIN_SOURCE.label,
    reported,
    seriesEnd,
    missingNote,
  };
}
