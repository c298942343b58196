import type { FigureView } from "@/lib/domain/figure";

let nextId = 1;

/** A stored figure for unit tests: Korea's trade by default, reported by the side given. */
export function figure(
  over: Partial<FigureView> & Pick<FigureView, "periodStart" | "periodEnd" | "khmFlow" | "side" | "value">,
): FigureView {
  return {
    id: nextId++,
    reporter: over.side === "cambodia" ? "KHM" : "KOR",
    partner: over.side === "cambodia" ? "KOR" : "KHM",
    counterpart: "KOR",
    flow: over.khmFlow,
    khmValue: over.value,
    unit: "USD",
    note: null,
    preferred: true,
    estimate: false,
    derived: false,
    approximate: false,
    confidence: "high",
    records: null,
    sourceId: "s",
    sourcePublisher: "P",
    sourceTitle: "T",
    sourceDate: "2024-01-01",
    sourceKind: "news_report",
    ...over,
  };
}

/** A whole calendar year's figure. */
export const yearFigure = (year: number, over: Partial<FigureView> & Pick<FigureView, "khmFlow" | "side" | "value">): FigureView =>
  figure({ periodStart: `${year}-01`, periodEnd: `${year}-12`, ...over });
