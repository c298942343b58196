/**
 * What a trade figure is, in one file. Every rule about a figure lives here, and the SQL that must
 * say the same thing (the generated columns of trade_figures, a WHERE on annual periods) is built
 * here from the same definitions, so TypeScript and the database cannot drift apart
 * (test/figure-domain.test.ts checks both against every seeded row).
 *
 * - Who: Cambodia, the world, the main source; whose records a value is (its side).
 * - The flip: a value restated from Cambodia's point of view (counterpart, khm_flow, khm_value).
 * - When: periods (a year, a month, a span such as Jan–Feb 2024), what counts as annual, labels.
 * - Which: the cell a value belongs to, the value shown when a cell holds several, "sources differ".
 * - Derived values: totals and balances computed from exports and imports of the same records.
 * - Words: flow, side and source-kind labels; a figure's heading.
 *
 * Runtime imports are relative: db/schema.ts imports this file and drizzle-kit loads it without
 * the "@/" alias.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Confidence, Flow, SOURCE_KINDS } from "../../db/schema";
import { valuesDiffer } from "../format/number";

// ── Who ────────────────────────────────────────────────────────────────────────────────────────

/** Every stored figure has Cambodia on one side (a CHECK constraint says so). */
export const CAMBODIA = "KHM";
/** The counterpart code for Cambodia's trade with all partners together. */
export const WORLD = "WLD";
export const WORLD_NAME = "the world";

/** The statistics behind the main series (charts, the explorer, "latest year"); other sources fill gaps. */
export const MAIN_SOURCE = { id: "imf-dots", label: "IMF, Direction of Trade Statistics" } as const;
export const MAIN_SOURCE_ID: string = MAIN_SOURCE.id;

/** Whose records a value comes from: Cambodia's, or the partner's. */
export const SIDES = ["cambodia", "partner"] as const;
export type Side = (typeof SIDES)[number];

/** A counterpart's name for readers: "the world" for WLD, else the partner's name (or its code). */
export function counterpartName(code: string, names: ReadonlyMap<string, string> | ((code: string) => string | undefined)): string {
  if (code === WORLD) return WORLD_NAME;
  return (typeof names === "function" ? names(code) : names.get(code)) ?? code;
}

// ── The flip to Cambodia's side ──────────────────────────────────────────────────────────────────

/** A partner's exports to Cambodia are Cambodia's imports from it, and the reverse; other flows keep their name. */
const MIRRORED_FLOWS: Partial<Record<Flow, Flow>> = { exports: "imports", imports: "exports" };
/** A partner's surplus with Cambodia is Cambodia's deficit: the sign flips. */
const SIGN_FLIPPED_FLOWS: readonly Flow[] = ["balance"];

export const sideOf = (reporter: string): Side => (reporter === CAMBODIA ? "cambodia" : "partner");
export const counterpartOf = (reporter: string, partner: string): string => (reporter === CAMBODIA ? partner : reporter);

/** Cambodia's side of a reporter's flow. */
export function khmFlowOf(reporter: string, flow: Flow): Flow {
  if (reporter === CAMBODIA) return flow;
  return MIRRORED_FLOWS[flow] ?? flow;
}

/** The value from Cambodia's point of view. */
export function khmValueOf(reporter: string, flow: Flow, value: number): number {
  return reporter !== CAMBODIA && SIGN_FLIPPED_FLOWS.includes(flow) ? -value : value;
}

const flowIsOneOf = (flows: readonly string[]) =>
  flows.length === 1 ? `flow = '${flows[0]}'` : `flow IN (${flows.map((f) => `'${f}'`).join(", ")})`;

/**
 * The same flip as SQL over trade_figures' own columns, for its generated columns (db/schema.ts).
 * drizzle-kit does not notice a changed expression of a generated column, so changing a rule here
 * needs a hand-written migration that rebuilds trade_figures; test/figure-domain.test.ts fails
 * until the migrated table says the same as this file.
 */
export const CAMBODIA_SIDE_SQL = {
  counterpart: `CASE WHEN reporter = '${CAMBODIA}' THEN partner ELSE reporter END`,
  side: `CASE WHEN reporter = '${CAMBODIA}' THEN 'cambodia' ELSE 'partner' END`,
  khmFlow: `CASE WHEN reporter = '${CAMBODIA}' THEN flow ${Object.entries(MIRRORED_FLOWS)
    .map(([from, to]) => `WHEN flow = '${from}' THEN '${to}'`)
    .join(" ")} ELSE flow END`,
  khmValue: `CASE WHEN reporter <> '${CAMBODIA}' AND ${flowIsOneOf(SIGN_FLIPPED_FLOWS)} THEN -value ELSE value END`,
  /** CHECK: Cambodia is one side, and the two sides differ. */
  involvesCambodia: `(reporter = '${CAMBODIA}' OR partner = '${CAMBODIA}') AND reporter <> partner`,
} as const;

// ── When: periods ───────────────────────────────────────────────────────────────────────────────

/** Periods are stored as first and last month, "YYYY-MM". Labels: "2019", "2023-03", "2024-01/2024-02". */
export type Period = { start: string; end: string };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export const periodOf = (f: { periodStart: string; periodEnd: string }): Period => ({ start: f.periodStart, end: f.periodEnd });
export const yearOf = (month: string): number => Number(month.slice(0, 4));

/** A whole calendar year: January to December of the same year. Nothing else is annual (not Jan–Sep, not Jan 2019–Dec 2020). */
export function isAnnual(p: Period): boolean {
  return p.start.endsWith("-01") && p.end === `${p.start.slice(0, 4)}-12`;
}

/** The same rule in SQL, over a period's two columns (trade_figures.period_start and period_end). */
export function isAnnualSql(start: SQLWrapper, end: SQLWrapper): SQL {
  return sql`(substr(${start}, 6, 2) = '01' AND ${end} = substr(${start}, 1, 4) || '-12')`;
}

export const annualPeriod = (year: number): Period => ({ start: `${year}-01`, end: `${year}-12` });

export function periodFromLabel(label: string): Period | null {
  if (/^\d{4}$/.test(label)) return annualPeriod(Number(label));
  if (MONTH.test(label)) return { start: label, end: label };
  const [start, end, ...rest] = label.split("/");
  if (rest.length || !start || !end || !MONTH.test(start) || !MONTH.test(end) || end < start) return null;
  return { start, end };
}

/** The compact label, as story widgets and URLs write a period: "2019", "2023-03", "2024-01/2024-02". */
export function periodLabel(p: Period): string {
  if (p.start === p.end) return p.start;
  if (isAnnual(p)) return p.start.slice(0, 4);
  return `${p.start}/${p.end}`;
}

const monthName = (m: string) => MONTH_NAMES[Number(m.slice(5, 7)) - 1] ?? m;

/** For readers: "2019", "Mar 2023", "Jan–Feb 2024", "Nov 2023–Feb 2024". */
export function periodText(p: Period): string {
  if (isAnnual(p)) return p.start.slice(0, 4);
  const y1 = p.start.slice(0, 4);
  const y2 = p.end.slice(0, 4);
  if (p.start === p.end) return `${monthName(p.start)} ${y1}`;
  if (y1 === y2) return `${monthName(p.start)}–${monthName(p.end)} ${y1}`;
  return `${monthName(p.start)} ${y1}–${monthName(p.end)} ${y2}`;
}

// ── Which: cells and the value shown ─────────────────────────────────────────────────────────────

/**
 * A cell is one quantity seen from Cambodia's side, whoever reported it: (counterpart, khm_flow,
 * period). Several sources, and both sides, may give a value for it; exactly one is preferred.
 */
export type Cell = { counterpart: string; khmFlow: Flow; periodStart: string; periodEnd: string };
type Reported = { reporter: string; partner: string; flow: Flow; periodStart: string; periodEnd: string };

export function cellOf(r: Reported): Cell {
  return {
    counterpart: counterpartOf(r.reporter, r.partner),
    khmFlow: khmFlowOf(r.reporter, r.flow),
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
  };
}

export const cellKey = (c: Cell): string => `${c.counterpart}|${c.khmFlow}|${c.periodStart}|${c.periodEnd}`;
export const sameCell = (a: Cell, b: Cell): boolean => cellKey(a) === cellKey(b);

/** A stored figure joined with its source, as the pages need it. */
export type FigureView = {
  id: number;
  reporter: string;
  partner: string;
  counterpart: string;
  side: Side;
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
  confidence?: Confidence;
  /** Whose records, when the source names the body: GDCE (Cambodia's customs), KITA, JETRO. */
  records?: string | null;
  sourceId: string;
  sourcePublisher: string;
  sourceTitle: string;
  sourceDate: string;
  sourceKind: string;
};

/** The value of a cell to show, and how the cell's other values compare with it. */
export type FigureChoice = {
  chosen: FigureView;
  /** Other values in the same cell that disagree with the chosen one beyond rounding. */
  differing: FigureView[];
  /** Other values that agree with it (corroboration). */
  agreeing: FigureView[];
};

/**
 * Which value of a cell comes first when editors have not chosen: official statistics, then a
 * reported value over a derived one, then Cambodia's records. The seed marks its preferred values
 * with it; pickFigure puts the editors' preferred value before all of these.
 */
export function defaultRank(f: { official: boolean; derived: boolean; side: Side }): number {
  return (f.official ? 0 : 4) + (f.derived ? 2 : 0) + (f.side === "cambodia" ? 0 : 1);
}

export const isOfficial = (sourceKind: string): boolean => sourceKind === "official_statistics";

function candidateRank(f: FigureView): number {
  return (f.preferred ? 0 : 8) + defaultRank({ official: isOfficial(f.sourceKind), derived: f.derived, side: f.side });
}

/**
 * Chooses which value of a cell to show. `source` pins one report's value, `side` restricts to
 * whose records; otherwise the preferred value wins. Returns null when nothing matches.
 */
export function pickFigure(cell: FigureView[], opts: { side?: Side; source?: string } = {}): FigureChoice | null {
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

// ── Derived values ───────────────────────────────────────────────────────────────────────────────

/**
 * Values that come from the same records: one reporter, partner, period and source. A total and a
 * balance are derived from the exports and imports of one such group, never across groups.
 */
export type RecordGroup = { reporter: string; partner: string; periodStart: string; periodEnd: string; sourceId: string };

export const recordGroupOf = (r: RecordGroup): RecordGroup => ({
  reporter: r.reporter,
  partner: r.partner,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  sourceId: r.sourceId,
});

export const sameRecordGroup = (a: RecordGroup, b: RecordGroup): boolean =>
  a.reporter === b.reporter &&
  a.partner === b.partner &&
  a.periodStart === b.periodStart &&
  a.periodEnd === b.periodEnd &&
  a.sourceId === b.sourceId;

/** The flows computed from exports (x) and imports (m) of one group, with the note readers see. */
export function derivedFromPair(x: number, m: number): { flow: "total" | "balance"; value: number; note: string }[] {
  return [
    { flow: "total", value: x + m, note: "Exports plus imports in the same records." },
    { flow: "balance", value: x - m, note: "Exports minus imports in the same records." },
  ];
}

/** What a derived value's inputs say about it, beside their numbers. */
type Marks = { estimate: boolean; approximate: boolean; confidence: Confidence; records: string | null };

/**
 * What a total or balance inherits from the exports (x) and imports (m) it is computed from: an
 * estimate, approximate or one-source input makes it so, and it is one body's records only when
 * both inputs are.
 */
export function derivedMarks(x: Marks, m: Marks): Marks {
  return {
    estimate: x.estimate || m.estimate,
    approximate: x.approximate || m.approximate,
    confidence: x.confidence === "medium" || m.confidence === "medium" ? "medium" : "high",
    records: x.records === m.records ? x.records : null,
  };
}

/** Ranks are whole numbers in their own unit; every other flow is money in whole US dollars. */
export const unitOf = (flow: string): "USD" | "rank" => (flow.endsWith("_rank") ? "rank" : "USD");

// ── Words ────────────────────────────────────────────────────────────────────────────────────────

/** How a heading starts, from Cambodia's point of view; the counterpart's name follows. */
export const FLOW_LEADS: Record<Flow, string> = {
  exports: "Cambodia's exports to",
  imports: "Cambodia's imports from",
  total: "Trade between Cambodia and",
  balance: "Cambodia's trade balance with",
  investment_stock: "Investment stock in Cambodia from",
  partner_rank: "Rank among Cambodia's trading partners:",
  investor_rank: "Rank among investors in Cambodia:",
  destination_rank: "Cambodia's rank among the export markets of",
};

/** Short names for table headings, from Cambodia's point of view (a cell's khm_flow). */
export const FLOW_NAMES: Record<Flow, string> = {
  exports: "Cambodia's exports",
  imports: "Cambodia's imports",
  total: "Total trade",
  balance: "Cambodia's balance",
  investment_stock: "Investment stock",
  partner_rank: "Rank as trading partner",
  investor_rank: "Rank as investor",
  destination_rank: "Cambodia's rank as export market",
};

/** Names of a flow as the reporter records it (the stored `flow`), for the editors' desk. */
export const REPORTED_FLOW_NAMES: Record<Flow, string> = {
  exports: "Exports",
  imports: "Imports",
  total: "Total trade",
  balance: "Balance (exports minus imports)",
  investment_stock: "Investment stock",
  partner_rank: "Rank as trading partner",
  investor_rank: "Rank as investor",
  destination_rank: "Rank as export market",
};

const flowName = (names: Record<Flow, string>, flow: string): string => (flow in names ? names[flow as Flow] : flow);
export const khmFlowName = (khmFlow: string) => flowName(FLOW_NAMES, khmFlow);
export const reportedFlowName = (flow: string) => flowName(REPORTED_FLOW_NAMES, flow);

/** "Cambodia's exports to South Korea"; "Rank among Cambodia's trading partners: Japan". */
export function figureHeading(khmFlow: string, counterpartName: string): string {
  const lead = flowName(FLOW_LEADS, khmFlow);
  return lead.endsWith(":") ? `${lead.slice(0, -1)}: ${counterpartName}` : `${lead} ${counterpartName}`;
}

/** "Cambodia's exports to South Korea, 2019": a figure's heading with its period, as titles show it. */
export const figureTitle = (khmFlow: string, counterpartName: string, period: Period): string =>
  `${figureHeading(khmFlow, counterpartName)}, ${periodText(period)}`;

/** "Cambodia's records" or "South Korea's records". */
export function sideLabel(f: { side: Side }, partnerName: string): string {
  return f.side === "cambodia" ? "Cambodia's records" : `${partnerName}'s records`;
}

/** "Cambodia's records (GDCE)", "South Korea's records (KITA)": whose records, and whose compilation when known. */
export function recordsLabel(f: { side: Side; records?: string | null }, partnerName: string): string {
  return f.records ? `${sideLabel(f, partnerName)} (${f.records})` : sideLabel(f, partnerName);
}

export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  news_report: "News report",
  official_statistics: "Official statistics",
  database: "Database",
};
export const sourceKindLabel = (kind: string): string => (kind in SOURCE_KIND_LABELS ? SOURCE_KIND_LABELS[kind as SourceKind] : kind);
