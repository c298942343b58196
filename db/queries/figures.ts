import "server-only";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { readDb } from "../client";
import { sources, tradeFigures } from "../schema";
import type { FigureView } from "@/lib/figures";
import type { Period } from "@/lib/format/period";

/** The columns of a FigureView; every figure query selects these. */
export const figureColumns = {
  id: tradeFigures.id,
  reporter: tradeFigures.reporter,
  partner: tradeFigures.partner,
  counterpart: tradeFigures.counterpart,
  side: tradeFigures.side,
  periodStart: tradeFigures.periodStart,
  periodEnd: tradeFigures.periodEnd,
  flow: tradeFigures.flow,
  khmFlow: tradeFigures.khmFlow,
  value: tradeFigures.value,
  khmValue: tradeFigures.khmValue,
  unit: tradeFigures.unit,
  note: tradeFigures.note,
  preferred: tradeFigures.preferred,
  estimate: tradeFigures.estimate,
  derived: tradeFigures.derived,
  approximate: tradeFigures.approximate,
  confidence: tradeFigures.confidence,
  records: tradeFigures.records,
  sourceId: tradeFigures.sourceId,
  sourcePublisher: sources.publisher,
  sourceTitle: sources.title,
  sourceDate: sources.publishedOn,
  sourceKind: sources.kind,
};

/** Every value stored for one cell: the same quantity, seen from Cambodia, whoever reported it. */
export function getCell(counterpart: string, khmFlow: string, period: Period): FigureView[] {
  return readDb()
    .select(figureColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(
      and(
        eq(tradeFigures.counterpart, counterpart),
        sql`${tradeFigures.khmFlow} = ${khmFlow}`,
        eq(tradeFigures.periodStart, period.start),
        eq(tradeFigures.periodEnd, period.end),
      ),
    )
    .orderBy(asc(tradeFigures.id))
    .all();
}

export type SeriesPoint = { year: number; side: "cambodia" | "partner"; value: number; estimate: boolean; id: number };

/** Annual IMF DOTS values for one partner and flow, from both reporting sides. */
export function getAnnualSeries(counterpart: string, khmFlow: string, fromYear: number, toYear: number): SeriesPoint[] {
  const rows = readDb()
    .select({
      id: tradeFigures.id,
      periodStart: tradeFigures.periodStart,
      side: tradeFigures.side,
      value: tradeFigures.khmValue,
      estimate: tradeFigures.estimate,
    })
    .from(tradeFigures)
    .where(
      and(
        eq(tradeFigures.counterpart, counterpart),
        sql`${tradeFigures.khmFlow} = ${khmFlow}`,
        eq(tradeFigures.sourceId, "imf-dots"),
        sql`substr(${tradeFigures.periodEnd}, 6, 2) = '12' AND substr(${tradeFigures.periodStart}, 6, 2) = '01'`,
        sql`substr(${tradeFigures.periodStart}, 1, 4) = substr(${tradeFigures.periodEnd}, 1, 4)`,
        gte(tradeFigures.periodStart, `${fromYear}-01`),
        lte(tradeFigures.periodStart, `${toYear}-01`),
      ),
    )
    .orderBy(asc(tradeFigures.periodStart))
    .all();
  return rows.map((r) => ({ id: r.id, year: Number(r.periodStart.slice(0, 4)), side: r.side, value: r.value, estimate: r.estimate }));
}

/** All figures a source supplies outside the bulk statistics, for its source page. */
export function getFiguresBySource(sourceId: string, limit = 200): FigureView[] {
  return readDb()
    .select(figureColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(eq(tradeFigures.sourceId, sourceId))
    .orderBy(asc(tradeFigures.counterpart), asc(tradeFigures.periodStart), asc(tradeFigures.khmFlow))
    .limit(limit)
    .all();
}

export function countFiguresBySource(sourceId: string): number {
  const row = readDb()
    .select({ n: sql<number>`count(*)` })
    .from(tradeFigures)
    .where(eq(tradeFigures.sourceId, sourceId))
    .get();
  return row?.n ?? 0;
}

/** The latest year with IMF values on both sides for a partner, for "latest" figures. */
export function latestAnnualYear(counterpart: string): number | null {
  const row = readDb()
    .select({ y: sql<string | null>`max(substr(${tradeFigures.periodStart}, 1, 4))` })
    .from(tradeFigures)
    .where(and(eq(tradeFigures.counterpart, counterpart), eq(tradeFigures.sourceId, "imf-dots")))
    .get();
  return row?.y ? Number(row.y) : null;
}

/** Largest partners by total trade in a year, in Cambodia's records. */
export function topPartners(year: number, limit = 10): { code: string; value: number }[] {
  return readDb()
    .select({ code: tradeFigures.counterpart, value: tradeFigures.khmValue })
    .from(tradeFigures)
    .where(
      and(
        eq(tradeFigures.reporter, "KHM"),
        sql`${tradeFigures.khmFlow} = 'total'`,
        eq(tradeFigures.sourceId, "imf-dots"),
        eq(tradeFigures.periodStart, `${year}-01`),
        eq(tradeFigures.periodEnd, `${year}-12`),
        sql`${tradeFigures.counterpart} <> 'WLD'`,
      ),
    )
    .orderBy(sql`${tradeFigures.khmValue} DESC`)
    .limit(limit)
    .all();
}

/** Figures from news reports and other non-bulk sources about one partner, newest period first. */
export function reportedFigures(counterpart: string): FigureView[] {
  return readDb()
    .select(figureColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    // Values quoted by news reports; statistical databases are charted, not listed.
    .where(and(eq(tradeFigures.counterpart, counterpart), eq(sources.kind, "news_report")))
    .orderBy(sql`${tradeFigures.periodEnd} DESC`, asc(tradeFigures.khmFlow), asc(tradeFigures.id))
    .all();
}

export function getFigure(id: number): FigureView | null {
  return (
    readDb()
      .select(figureColumns)
      .from(tradeFigures)
      .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
      .where(eq(tradeFigures.id, id))
      .get() ?? null
  );
}

/**
 * Every stored value of a partner's total trade, exports and imports outside the IMF series, any
 * period (years and spans such as Jan–Sep 2024), for the figures after 2020 and the before/after
 * widget. The IMF series is read by getAnnualSeries.
 */
export async function reportedTradeFigures(counterpart: string): Promise<FigureView[]> {
  return readDb()
    .select(figureColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(
      and(
        eq(tradeFigures.counterpart, counterpart),
        sql`${tradeFigures.khmFlow} IN ('total', 'exports', 'imports', 'balance')`,
        sql`${tradeFigures.sourceId} <> 'imf-dots'`,
      ),
    )
    .orderBy(asc(tradeFigures.periodStart), asc(tradeFigures.periodEnd), asc(tradeFigures.id));
}

/** Every stored value of a partner's total trade, exports and imports between two months, from every source. */
export async function tradeFiguresBetween(counterpart: string, fromMonth: string, toMonth: string): Promise<FigureView[]> {
  return readDb()
    .select(figureColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(
      and(
        eq(tradeFigures.counterpart, counterpart),
        sql`${tradeFigures.khmFlow} IN ('total', 'exports', 'imports')`,
        eq(tradeFigures.unit, "USD"),
        lte(tradeFigures.periodStart, toMonth),
        gte(tradeFigures.periodEnd, fromMonth),
      ),
    )
    .orderBy(asc(tradeFigures.periodStart), asc(tradeFigures.id));
}

/** The last year of the IMF series (the main annual series) for any partner. */
export async function imfLastYear(): Promise<number | null> {
  const row = (
    await readDb()
      .select({ y: sql<string | null>`max(substr(${tradeFigures.periodStart}, 1, 4))` })
      .from(tradeFigures)
      .where(eq(tradeFigures.sourceId, "imf-dots"))
      .limit(1)
  )[0];
  return row?.y ? Number(row.y) : null;
}
