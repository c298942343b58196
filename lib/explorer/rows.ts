import { isAnnual, periodOf, pickFigure, yearOf, type FigureView } from "@/lib/domain/figure";
import type { ExplorerFlow, ExplorerQuery } from "./params";

/** How the reporter valued the flow: exports free on board, imports with cost, insurance and freight. */
export type Valuation = "FOB" | "CIF" | "FOB exports, CIF imports";

/** One value the explorer shows: one partner, one year, one reporting side. */
export type ExplorerRow = {
  figureId: number;
  partner: string;
  partnerName: string;
  /** From Cambodia's point of view (the generated `khm_flow`). */
  flow: ExplorerFlow;
  year: number;
  periodStart: string;
  periodEnd: string;
  side: "cambodia" | "partner";
  reporter: string;
  /** The flow and value as the reporter recorded them. */
  reportedFlow: string;
  reportedValue: number;
  /** Whole US dollars from Cambodia's point of view (the generated `khm_value`). */
  value: number;
  unit: "USD";
  valuation: Valuation;
  preferred: boolean;
  estimate: boolean;
  derived: boolean;
  /** Whose compilation: GDCE (Cambodia's customs), KITA, JETRO, when the source names it. */
  records: string | null;
  approximate: boolean;
  confidence: "high" | "medium";
  sourceId: string;
  sourcePublisher: string;
  sourceTitle: string;
  sourceDate: string;
  note: string | null;
};

export function valuationOf(reportedFlow: string): Valuation {
  if (reportedFlow === "exports") return "FOB";
  if (reportedFlow === "imports") return "CIF";
  return "FOB exports, CIF imports";
}

/** The sides a selection shows, in the order they appear in tables and files. */
export function sidesOf(q: Pick<ExplorerQuery, "side">): ("cambodia" | "partner")[] {
  return q.side === "both" ? ["cambodia", "partner"] : [q.side];
}

/**
 * Chooses one value per partner, year and side from every stored annual value of the selection.
 * The rule is the site's own (pickFigure in lib/domain/figure.ts): the editors' preferred value, then official
 * statistics, then reported over derived; restricted to the side asked for, so "Cambodia's
 * figures" are only ever values from Cambodia's records. Rows come back in display order:
 * partners as asked, years ascending, Cambodia's side first.
 */
export function selectRows(q: ExplorerQuery, candidates: readonly FigureView[], partnerNames: ReadonlyMap<string, string>): ExplorerRow[] {
  const cells = new Map<string, FigureView[]>();
  for (const f of candidates) {
    if (f.unit !== "USD" || f.khmFlow !== q.flow) continue;
    const year = yearOf(f.periodStart);
    if (!isAnnual(periodOf(f)) || year < q.from || year > q.to) continue;
    const key = `${f.counterpart}|${year}`;
    cells.set(key, [...(cells.get(key) ?? []), f]);
  }
  const rows: ExplorerRow[] = [];
  for (const partner of q.partners) {
    for (let year = q.from; year <= q.to; year++) {
      const cell = cells.get(`${partner}|${year}`);
      if (!cell) continue;
      for (const side of sidesOf(q)) {
        const chosen = pickFigure(cell, { side })?.chosen;
        if (chosen) rows.push(toRow(chosen, q.flow, year, partnerNames.get(partner) ?? partner));
      }
    }
  }
  return rows;
}

function toRow(f: FigureView, flow: ExplorerFlow, year: number, partnerName: string): ExplorerRow {
  return {
    figureId: f.id,
    partner: f.counterpart,
    partnerName,
    flow,
    year,
    periodStart: f.periodStart,
    periodEnd: f.periodEnd,
    side: f.side,
    reporter: f.reporter,
    reportedFlow: f.flow,
    reportedValue: f.value,
    value: f.khmValue,
    unit: "USD",
    valuation: valuationOf(f.flow),
    preferred: f.preferred,
    estimate: f.estimate,
    derived: f.derived,
    records: f.records ?? null,
    approximate: f.approximate ?? false,
    confidence: f.confidence ?? "high",
    sourceId: f.sourceId,
    sourcePublisher: f.sourcePublisher,
    sourceTitle: f.sourceTitle,
    sourceDate: f.sourceDate,
    note: f.note,
  };
}
