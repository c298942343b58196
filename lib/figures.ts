import { valuesDiffer } from "@/lib/format/number";

/** A stored figure joined with its source, as the pages need it. */
export type FigureView = {
  id: number;
  reporter: string;
  partner: string;
  counterpart: string;
  side: "cambodia" | "partner";
  periodStart: string;
  periodEnd: string;
  flow: string;
  khmFlow: string;
  value: number;
  khmValue: number;
  unit: "USD" | "rank";
  note: string | null;
  preferred: boolean;
  estimate: boolean;
  derived: boolean;
  /** The source gives the value as approximate ("about", ≈). */
  approximate?: boolean;
  /** "medium": one secondary source, shown with "one source". */
  confidence?: "high" | "medium";
  /** Whose records, when the source names the body: GDCE (Cambodia's customs), KITA, JETRO. */
  records?: string | null;
  sourceId: string;
  sourcePublisher: string;
  sourceTitle: string;
  sourceDate: string;
  sourceKind: string;
};

export type Pick = {
  chosen: FigureView;
  /** Other values in the same cell that disagree with the chosen one beyond rounding. */
  differing: FigureView[];
  /** Other values that agree with it (corroboration). */
  agreeing: FigureView[];
};

/** Orders candidates: the editor's preferred value, then official statistics, then reported over derived. */
function candidateRank(f: FigureView): number {
  return (f.preferred ? 0 : 8) + (f.sourceKind === "official_statistics" ? 0 : 4) + (f.derived ? 2 : 0) + (f.side === "cambodia" ? 0 : 1);
}

/**
 * Chooses which value of a cell to show. `source` pins one report's value, `side` restricts to
 * whose records; otherwise the preferred value wins. Returns null when nothing matches.
 */
export function pickFigure(cell: FigureView[], opts: { side?: "cambodia" | "partner"; source?: string } = {}): Pick | null {
  const candidates = cell
    .filter((f) => !opts.source || f.sourceId === opts.source)
    .filter((f) => !opts.side || f.side === opts.side)
    .sort((a, b) => candidateRank(a) - candidateRank(b) || a.id - b.id);
  const chosen = candidates[0];
  if (!chosen) return null;
  const others = cell.filter((f) => f.id !== chosen.id);
  return {
    chosen,
    differing: others.filter((f) => valuesDiffer(f.khmValue, chosen.khmValue)),
    agreeing: others.filter((f) => !valuesDiffer(f.khmValue, chosen.khmValue)),
  };
}

export const FLOW_LABELS: Record<string, string> = {
  exports: "Cambodia's exports to",
  imports: "Cambodia's imports from",
  total: "Trade between Cambodia and",
  balance: "Cambodia's trade balance with",
  investment_stock: "Investment stock in Cambodia from",
  partner_rank: "Rank among Cambodia's trading partners:",
  investor_rank: "Rank among investors in Cambodia:",
  destination_rank: "Cambodia's rank among the export markets of",
};

/** Short names for table headings, from Cambodia's point of view. */
export const FLOW_NAMES: Record<string, string> = {
  exports: "Cambodia's exports",
  imports: "Cambodia's imports",
  total: "Total trade",
  balance: "Cambodia's balance",
  investment_stock: "Investment stock",
  partner_rank: "Rank as trading partner",
  investor_rank: "Rank as investor",
  destination_rank: "Cambodia's rank as export market",
};

export function sideLabel(f: { side: "cambodia" | "partner" }, partnerName: string): string {
  return f.side === "cambodia" ? "Cambodia's records" : `${partnerName}'s records`;
}

/** "Cambodia's records (GDCE)", "South Korea's records (KITA)": whose records, and whose compilation when known. */
export function recordsLabel(f: { side: "cambodia" | "partner"; records?: string | null }, partnerName: string): string {
  return f.records ? `${sideLabel(f, partnerName)} (${f.records})` : sideLabel(f, partnerName);
}
