import {
  annualPeriod,
  isAnnual,
  periodOf,
  periodText,
  pickFigure,
  recordsLabel,
  sideLabel,
  yearOf,
  type FigureChoice,
  type FigureView,
  type Period,
} from "@/lib/domain/figure";

/**
 * "The 12 months before and after entry into force": which stored figures come closest to each
 * window, whether the two can be compared, and what is missing, said in words. Nothing is
 * interpolated: a window no figure covers stays empty, and a figure that only partly covers its
 * window says how many of the twelve months it shares.
 */
export const BA_FLOWS = ["total", "exports", "imports"] as const;
export type BaFlow = (typeof BA_FLOWS)[number];

/** "2022-12" plus n months. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${year}-${String(mm + 1).padStart(2, "0")}`;
}

/** Months from a to b, both included ("2023-01" to "2023-08" is 8). */
export function monthCount(p: Period): number {
  const y = Number(p.end.slice(0, 4)) - Number(p.start.slice(0, 4));
  return y * 12 + Number(p.end.slice(5, 7)) - Number(p.start.slice(5, 7)) + 1;
}

/** Months two periods share. */
export function overlapMonths(p: Period, w: Period): number {
  const start = p.start > w.start ? p.start : w.start;
  const end = p.end < w.end ? p.end : w.end;
  return end < start ? 0 : monthCount({ start, end });
}

/**
 * The twelve months before the month of entry into force, and the twelve from it. An agreement
 * that takes effect on 1 December 2022 gives December 2021–November 2022 and December 2022–November 2023.
 */
export function windowsAround(date: string): { before: Period; after: Period } {
  const month = date.slice(0, 7);
  return { before: { start: addMonths(month, -12), end: addMonths(month, -1) }, after: { start: month, end: addMonths(month, 11) } };
}

/**
 * The months of the figures the widget reads for an entry into force on `date`: every calendar
 * year either window touches, so that a year's total can be weighed against a window and a year
 * with no figure can be named as a gap.
 */
export function figureMonths(date: string): { from: string; to: string } {
  const w = windowsAround(date);
  return { from: annualPeriod(yearOf(w.before.start)).start, to: annualPeriod(yearOf(w.after.end)).end };
}

export type WindowPick = {
  window: Period;
  /** The stored period closest to the window, or null when no stored figure touches it. */
  period: Period | null;
  /** Months of the window the period covers, and months of the period outside it. */
  shared: number;
  outside: number;
  cells: Record<BaFlow, FigureChoice | null>;
};

const usd = (f: FigureView) => f.unit === "USD" && (BA_FLOWS as readonly string[]).includes(f.khmFlow);
const key = (p: Period) => `${p.start}/${p.end}`;

/** The stored period that best covers a window: most shared months, fewest outside, then most flows. */
export function pickWindow(window: Period, figures: FigureView[]): WindowPick {
  const periods = new Map<string, { period: Period; flows: Set<string> }>();
  for (const f of figures.filter(usd)) {
    const period = periodOf(f);
    if (overlapMonths(period, window) === 0) continue;
    const entry = periods.get(key(period)) ?? { period, flows: new Set<string>() };
    entry.flows.add(f.khmFlow);
    periods.set(key(period), entry);
  }
  const ranked = [...periods.values()]
    .map((p) => ({ ...p, shared: overlapMonths(p.period, window), outside: monthCount(p.period) - overlapMonths(p.period, window) }))
    .sort(
      (a, b) => b.shared - a.shared || a.outside - b.outside || b.flows.size - a.flows.size || b.period.end.localeCompare(a.period.end),
    );
  const best = ranked[0];
  const cells = Object.fromEntries(BA_FLOWS.map((flow) => [flow, null])) as Record<BaFlow, FigureChoice | null>;
  if (!best) return { window, period: null, shared: 0, outside: 0, cells };
  for (const flow of BA_FLOWS) {
    cells[flow] = pickFigure(
      figures.filter((f) => usd(f) && f.khmFlow === flow && key({ start: f.periodStart, end: f.periodEnd }) === key(best.period)),
    );
  }
  return { window, period: best.period, shared: best.shared, outside: best.outside, cells };
}

/** Whether the before and after totals can be set side by side as a change, and if not, why. */
export function comparability(before: WindowPick, after: WindowPick, partnerName: string): { ok: boolean; reason: string | null } {
  const b = before.cells.total?.chosen;
  const a = after.cells.total?.chosen;
  if (!b || !a || !before.period || !after.period) return { ok: false, reason: null };
  const reasons: string[] = [];
  if (b.side !== a.side || (b.records ?? null) !== (a.records ?? null)) {
    reasons.push(`they come from different records (${recordsLabel(b, partnerName)} before, ${recordsLabel(a, partnerName)} after)`);
  }
  const nb = monthCount(before.period);
  const na = monthCount(after.period);
  if (nb !== na) reasons.push(`they cover different lengths of time (${nb} months before, ${na} after)`);
  return reasons.length ? { ok: false, reason: `Not comparable as a change: ${reasons.join(", and ")}.` } : { ok: true, reason: null };
}

const isYear = (f: FigureView, year: number) => isAnnual(periodOf(f)) && yearOf(f.periodStart) === year;

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/**
 * Gaps, in words, for the calendar years the windows touch: "No full-year 2023 figure from South
 * Korea's records or Cambodia's records." Only total trade is checked: a year with a total but no
 * split shows the split as "not reported" in the table instead.
 */
export function gapSentences(windows: { before: Period; after: Period }, figures: FigureView[], partnerName: string): string[] {
  const first = Number(windows.before.start.slice(0, 4));
  const last = Number(windows.after.end.slice(0, 4));
  const out: string[] = [];
  for (let year = first; year <= last; year++) {
    const totals = figures.filter((f) => usd(f) && f.khmFlow === "total" && isYear(f, year));
    const missing: string[] = [];
    if (!totals.some((f) => f.side === "partner")) missing.push(sideLabel({ side: "partner" }, partnerName));
    if (!totals.some((f) => f.side === "cambodia")) missing.push(sideLabel({ side: "cambodia" }, partnerName));
    if (missing.length) out.push(`No full-year ${year} figure from ${list(missing)}.`);
  }
  return out;
}

/** What a window's pick says about its coverage: "2022: 11 of the 12 months before, plus 1 after". */
export function coverageText(p: WindowPick, side: "before" | "after"): string {
  if (!p.period) return `No figure in our database covers any of ${periodText(p.window)}.`;
  const label = periodText(p.period);
  if (p.shared === 12 && p.outside === 0) return `${label}: exactly the 12 months ${side}.`;
  const beyond = p.outside ? `, plus ${p.outside} month${p.outside === 1 ? "" : "s"} ${side === "before" ? "after" : "before"}` : "";
  return `${label}: ${p.shared} of the 12 months ${side}${beyond}.`;
}

export type BeforeAfterResult = {
  date: string;
  windows: { before: Period; after: Period };
  before: WindowPick;
  after: WindowPick;
  comparable: { ok: boolean; reason: string | null };
  gaps: string[];
};

/** Everything the widget shows for one agreement's entry into force and one partner's figures. */
export function beforeAfter(date: string, figures: FigureView[], partnerName: string): BeforeAfterResult {
  const windows = windowsAround(date);
  const before = pickWindow(windows.before, figures);
  const after = pickWindow(windows.after, figures);
  return {
    date,
    windows,
    before,
    after,
    comparable: comparability(before, after, partnerName),
    gaps: gapSentences(windows, figures, partnerName),
  };
}
