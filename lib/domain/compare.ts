import { pickFigure, type FigureChoice, type FigureView, type Side } from "./figure";

/**
 * Numbers computed from two stored figures, as stories quote them: a change between two periods
 * and a partner's share of Cambodia's trade with the world. Both take their values from the same
 * source where they can, so a change never sets one report's figure against another's by accident.
 * Pure: the cells come from db/queries (getCell).
 */

/** The relative change from `from` to `to` (0.25 is +25%), or null when `from` is zero. */
export function relativeChange(from: number, to: number): number | null {
  return from === 0 ? null : (to - from) / Math.abs(from);
}

export type Change = { now: FigureChoice; then: FigureChoice; ratio: number };

/**
 * The change between a cell's value now and in an earlier period. The later value is chosen as a
 * story's figure is (`side`, `source`); the earlier one from the same side and source, or from the
 * same side when that source has no value then. Null when either is missing or the earlier is zero.
 */
export function changeBetween(
  nowCell: FigureView[],
  earlierCell: FigureView[],
  opts: { side?: Side; source?: string } = {},
): Change | null {
  const now = pickFigure(nowCell, opts);
  if (!now) return null;
  const side = now.chosen.side;
  const then = pickFigure(earlierCell, { side, source: opts.source ?? now.chosen.sourceId }) ?? pickFigure(earlierCell, { side });
  if (!then) return null;
  const ratio = relativeChange(then.chosen.khmValue, now.chosen.khmValue);
  return ratio === null ? null : { now, then, ratio };
}

export type Share = { part: FigureChoice; whole: FigureChoice; share: number };

/**
 * A partner's share of Cambodia's total trade with the world in one period: the partner's value
 * from Cambodia's records (`source` pins one report's), and the world's total from the same source
 * where it has one. Null when either is missing or the world's total is zero.
 */
export function shareOfWorld(partnerTotal: FigureView[], worldTotal: FigureView[], opts: { source?: string } = {}): Share | null {
  const part = pickFigure(partnerTotal, { source: opts.source, side: "cambodia" });
  if (!part) return null;
  const whole = pickFigure(worldTotal, { source: part.chosen.sourceId }) ?? pickFigure(worldTotal);
  if (!whole || whole.chosen.value === 0) return null;
  return { part, whole, share: part.chosen.value / whole.chosen.value };
}
