import "server-only";
import { and, asc, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { readDb } from "../client";
import { sources, tradeFigures } from "../tables";
import { annualPeriod, isAnnualSql, MAIN_SOURCE_ID, yearOf, type FigureView, type Period, type Side } from "@/lib/domain/figure";
import { sourceTags, tags } from "@/lib/cache-tags";
import { isRowIdNumber } from "@/lib/validation/common";

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
export async function getCell(counterpart: string, khmFlow: string, period: Period): Promise<FigureView[]> {
  "use cache";
  const rows = await readDb()
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
    .orderBy(asc(tradeFigures.id));
  cacheTag(tags.figures(counterpart), ...sourceTags(rows));
  return rows;
}

export type SeriesPoint = { year: number; side: Side; value: number; estimate: boolean; id: number };

/** Annual values of the main statistics for one partner and flow, from both reporting sides. */
export async function getAnnualSeries(counterpart: string, khmFlow: string, fromYear: number, toYear: number): Promise<SeriesPoint[]> {
  "use cache";
  cacheTag(tags.figures(counterpart));
  const rows = await readDb()
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
    .orderBy(asc(tradeFigures.periodStart));
  return rows.map((r) => ({ id: r.id, year: yearOf(r.periodStart), side: r.side, value: r.value, estimate: r.estimate }));
}

/** All figures a source supplies outside the bulk statistics, for its source page. */
export async function getFiguresBySource(sourceId: string, limit = 200): Promise<FigureView[]> {
  "use cache";
  cacheTag(tags.source(sourceId));
  return readDb()
    .select(figureViewColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(eq(tradeFigures.sourceId, sourceId))
    .orderBy(asc(tradeFigures.counterpart), asc(tradeFigures.periodStart), asc(tradeFigures.khmFlow))
    .limit(limit);
}

export async function countFiguresBySource(sourceId: string): Promise<number> {
  "use cache";
  cacheTag(tags.source(sourceId));
  const [row] = await readDb()
    .select({ n: sql<number>`count(*)` })
    .from(tradeFigures)
    .where(eq(tradeFigures.sourceId, sourceId))
    .limit(1);
  return row?.n ?? 0;
}

/** The latest year with an annual value of the main statistics for a partner, for "latest" figures. */
export async function latestAnnualYear(counterpart: string): Promise<number | null> {
  "use cache";
  cacheTag(tags.figures(counterpart));
  const [row] = await readDb()
    .select({ y: sql<string | null>`max(substr(${tradeFigures.periodStart}, 1, 4))` })
    .from(tradeFigures)
    .where(
      and(
        eq(tradeFigures.counterpart, counterpart),
        eq(tradeFigures.sourceId, MAIN_SOURCE_ID),
        isAnnualSql(tradeFigures.periodStart, tradeFigures.periodEnd),
      ),
    )
    .limit(1);
  return row?.y ? Number(row.y) : null;
}

/** Figures from news reports and other non-bulk sources about one partner, newest period first. */
export async function reportedFigures(counterpart: string): Promise<FigureView[]> {
  "use cache";
  const rows = await readDb()
    .select(figureViewColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    // Values quoted by news reports; statistical databases are charted, not listed.
    .where(and(eq(tradeFigures.counterpart, counterpart), eq(sources.kind, "news_report")))
    .orderBy(sql`${tradeFigures.periodEnd} DESC`, asc(tradeFigures.khmFlow), asc(tradeFigures.id));
  cacheTag(tags.figures(counterpart), ...sourceTags(rows));
  return rows;
}

export async function getFigure(id: number): Promise<FigureView | null> {
  "use cache";
  if (!isRowIdNumber(id)) {
    cacheTag(tags.allFigures);
    return null;
  }
  const [row] = await readDb()
    .select(figureViewColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(eq(tradeFigures.id, id))
    .limit(1);
  // A figure that does not exist yet may be created by any figure write.
  cacheTag(...(row ? [tags.figures(row.counterpart), tags.source(row.sourceId)] : [tags.allFigures]));
  return row ?? null;
}

/** Figures quoted by news reports (the ones stories link to): built ahead for /figures/[id] and its embed; others render on first request. */
export async function reportedFigureIds(): Promise<number[]> {
  "use cache";
  cacheTag(tags.allFigures);
  const rows = await readDb()
    .select({ id: tradeFigures.id })
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(eq(sources.kind, "news_report"))
    .orderBy(asc(tradeFigures.id));
  return rows.map((r) => r.id);
}

/**
 * Every stored value of a partner's total trade, exports, imports and balance outside the main
 * series, any period (years and spans such as Jan–Sep 2024), for the figures after 2020 and the
 * before/after widget. The main series is read by getAnnualSeries.
 */
export async function reportedTradeFigures(counterpart: string): Promise<FigureView[]> {
  "use cache";
  const rows = await readDb()
    .select(figureViewColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(
      and(
        eq(tradeFigures.counterpart, counterpart),
        inArray(tradeFigures.khmFlow, ["total", "exports", "imports", "balance"]),
        ne(tradeFigures.sourceId, MAIN_SOURCE_ID),
      ),
    )
    .orderBy(asc(tradeFigures.periodStart), asc(tradeFigures.periodEnd), asc(tradeFigures.id));
  cacheTag(tags.figures(counterpart), ...sourceTags(rows));
  return rows;
}

/** Every stored value of a partner's total trade, exports and imports in US dollars overlapping two months, from every source. */
export async function tradeFiguresBetween(counterpart: string, fromMonth: string, toMonth: string): Promise<FigureView[]> {
  "use cache";
  const rows = await readDb()
    .select(figureViewColumns)
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(
      and(
        eq(tradeFigures.counterpart, counterpart),
        inArray(tradeFigures.khmFlow, ["total", "exports", "imports"]),
        eq(tradeFigures.unit, "USD"),
        lte(tradeFigures.periodStart, toMonth),
        gte(tradeFigures.periodEnd, fromMonth),
      ),
    )
    .orderBy(asc(tradeFigures.periodStart), asc(tradeFigures.id));
  cacheTag(tags.figures(counterpart), ...sourceTags(rows));
  return rows;
}

/** The last year of the main series for any partner (where the break after it is drawn). */
export async function mainSeriesLastYear(): Promise<number | null> {
  "use cache";
  cacheTag(tags.allFigures);
  const [row] = await readDb()
    .select({ y: sql<string | null>`max(substr(${tradeFigures.periodStart}, 1, 4))` })
    .from(tradeFigures)
    .where(eq(tradeFigures.sourceId, MAIN_SOURCE_ID))
    .limit(1);
  return row?.y ? Number(row.y) : null;
}
