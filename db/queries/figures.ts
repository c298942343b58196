import "server-only";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { readDb } from "../client";
import { sources, tradeFigures } from "../schema";
import { annualPeriod, isAnnualSql, MAIN_SOURCE_ID, yearOf, type FigureView, type Period, type Side } from "@/lib/domain/figure";

/** The columns of a FigureView; every figure query selects these. */
export const figureViewColumns = {
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
  sourceId: tradeFigures.sourceId,
  sourcePublisher: sources.publisher,
  sourceTitle: sources.title,
  sourceDate: sources.publishedOn,
  sourceKind: sources.kind,
};

/** Every value stored for one cell: the same quantity, seen from Cambodia, whoever reported it. */
export function getCell(counterpart: string, khmFlow: string, period: Period): FigureView[] {
  return readDb()
    .select(figureViewColumns)
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

export type SeriesPoint = { year: number; side: Side; value: number; estimate: boolean; id: number };

/** Annual values of the main statistics for one partner and flow, from both reporting sides. */
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
        eq(tradeFigures.sourceId, MAIN_SOURCE_ID),
        isAnnualSql(tradeFigures.periodStart, tradeFigures.periodEnd),
        gte(tradeFigures.periodStart, annualPeriod(fromYear).start),
        lte(tradeFigures.periodStart, annualPeriod(toYear).start),
      ),
    )
    .orderBy(asc(tradeFigures.periodStart))
    .all();
  return rows.map((r) => ({ id: r.id, year: yearOf(r.periodStart), side: r.side, value: r.value, estimate: r.estimate }));
}

/** All figures a source supplies outside the bulk statistics, for its source page. */
export function getFiguresBySource(sourceId: string, limit = 200): FigureView[] {
  return readDb()
    .select(figureViewColumns)
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

/** The latest year with an annual value of the main statistics for a partner, for "latest" figures. */
export function latestAnnualYear(counterpart: string): number | null {
  const row = readDb()
    .select({ y: sql<string | null>`max(substr(${tradeFigures.periodStart}, 1, 4))` })
    .from(tradeFigures)
    .where(and(eq(tradeFigures.counterpart, counterpart), eq(tradeFigures.sourceId, MAIN_SOURCE_ID), isAnnualSql(tradeFigures.periodStart, tradeFigures.periodEnd)))
    .get();
  return row?.y ? Number(row.y) : null;
}

/** Figures from news reports and other non-bulk sources about one partner, newest period first. */
export function reportedFigures(counterpart: string): FigureView[] {
  return readDb()
    .select(figureViewColumns)
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
      .select(figureViewColumns)
      .from(tradeFigures)
      .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
      .where(eq(tradeFigures.id, id))
      .get() ?? null
  );
}
