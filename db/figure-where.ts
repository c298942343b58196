import { and, eq } from "drizzle-orm";
import type { Flow } from "./schema";
import { tradeFigures } from "./tables";
import type { Cell, RecordGroup } from "@/lib/domain/figure";

/**
 * WHERE conditions on trade_figures for the identities lib/domain/figure.ts defines, shared by
 * queries and mutations: a cell, a record group, and one source's value (the one-per-source key).
 */

export function cellWhere(c: Cell) {
  return and(
    eq(tradeFigures.counterpart, c.counterpart),
    eq(tradeFigures.khmFlow, c.khmFlow),
    eq(tradeFigures.periodStart, c.periodStart),
    eq(tradeFigures.periodEnd, c.periodEnd),
  );
}

/** The rows of one record group: one reporter, partner, period and source. */
export function groupWhere(g: RecordGroup) {
  return and(
    eq(tradeFigures.reporter, g.reporter),
    eq(tradeFigures.partner, g.partner),
    eq(tradeFigures.periodStart, g.periodStart),
    eq(tradeFigures.periodEnd, g.periodEnd),
    eq(tradeFigures.sourceId, g.sourceId),
  );
}

/** The row a source gives for one quantity and period (the one-per-source unique key). */
export function sameSourceValue(k: RecordGroup & { flow: Flow }) {
  return and(groupWhere(k), eq(tradeFigures.flow, k.flow));
}
