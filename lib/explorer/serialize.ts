import { FigureRow, figureRowFields } from "@/lib/api/schemas";
import { toCsv, type CsvValue } from "./csv";
import { explorerSearch, SIDE_NAMES, type ExplorerQuery } from "./params";
import type { ExplorerRow } from "./rows";

/**
 * A figure row in open data. The fields, their order and their descriptions are those of the API's
 * `FigureRow` schema (lib/api/schemas.ts), which the OpenAPI document and /data/api publish; here
 * is only how each is computed from a row. CSV columns and JSON keys both come from this, so the
 * two formats carry the same fields in the same order, and a field added to the schema without a
 * value here (or the reverse) does not compile.
 */
const FIGURE_ROW_VALUES: { [K in keyof typeof FigureRow.shape]: (r: ExplorerRow, siteUrl: string) => CsvValue } = {
  figure_id: (r) => r.figureId,
  partner: (r) => r.partner,
  partner_name: (r) => r.partnerName,
  flow: (r) => r.flow,
  year: (r) => r.year,
  period_start: (r) => r.periodStart,
  period_end: (r) => r.periodEnd,
  side: (r) => r.side,
  reporter: (r) => r.reporter,
  reported_flow: (r) => r.reportedFlow,
  reported_value: (r) => r.reportedValue,
  value: (r) => r.value,
  unit: (r) => r.unit,
  value_usd_millions: (r) => r.value / 1e6,
  valuation: (r) => r.valuation,
  preferred: (r) => r.preferred,
  estimate: (r) => r.estimate,
  derived: (r) => r.derived,
  source_id: (r) => r.sourceId,
  source_publisher: (r) => r.sourcePublisher,
  source_url: (r, siteUrl) => `${siteUrl}/sources/${r.sourceId}`,
  figure_url: (r, siteUrl) => `${siteUrl}/figures/${r.figureId}`,
  records: (r) => r.records,
  approximate: (r) => r.approximate,
  confidence: (r) => r.confidence,
};

/** The columns of a figure row, in the schema's order, with absolute links on `siteUrl`. */
export function openDataColumns(siteUrl: string): { name: string; value: (r: ExplorerRow) => CsvValue }[] {
  return figureRowFields.map((name) => ({ name, value: (r: ExplorerRow) => FIGURE_ROW_VALUES[name](r, siteUrl) }));
}

export function figuresCsv(rows: readonly ExplorerRow[], siteUrl: string): string {
  return toCsv(openDataColumns(siteUrl), rows);
}

export function figureRecords(rows: readonly ExplorerRow[], siteUrl: string): Record<string, CsvValue>[] {
  const cols = openDataColumns(siteUrl);
  return rows.map((r) => Object.fromEntries(cols.map((c) => [c.name, c.value(r)])));
}

export type SourceRef = {
  id: string;
  publisher: string;
  title: string;
  publishedOn: string;
  /** How much of the date the source gives; absent means the full day. */
  publishedPrecision?: "day" | "month" | "year";
  dateInferred?: boolean;
};

/** A source's date in ISO form, only as precise as the source gives it: "2022-01" for "c. January 2022", prefixed "c." when inferred. */
export function sourceDateIso(s: Pick<SourceRef, "publishedOn" | "publishedPrecision" | "dateInferred">): string {
  const d =
    s.publishedPrecision === "month"
      ? s.publishedOn.slice(0, 7)
      : s.publishedPrecision === "year"
        ? s.publishedOn.slice(0, 4)
        : s.publishedOn;
  return s.dateInferred ? `c. ${d}` : d;
}

/** "Cambodia's exports to South Korea and Japan, 2000–2020" */
export function seriesTitle(q: ExplorerQuery, names: readonly string[]): string {
  const who = names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const lead: Record<ExplorerQuery["flow"], string> = {
    exports: `Cambodia's exports to ${who}`,
    imports: `Cambodia's imports from ${who}`,
    total: `Cambodia's total trade with ${who}`,
    balance: `Cambodia's trade balance with ${who}`,
  };
  const years = q.from === q.to ? String(q.from) : `${q.from}–${q.to}`;
  return `${lead[q.flow]}, ${years}`;
}

/** The series line of a citation: what, whose records, which unit. */
export function seriesDescription(q: ExplorerQuery, names: readonly string[]): string {
  return `${seriesTitle(q, names)}; ${SIDE_NAMES[q.side]}; annual, US$ millions at current prices`;
}

export function explorerUrl(siteUrl: string, q: ExplorerQuery): string {
  return `${siteUrl}/data?${explorerSearch(q)}`;
}

/** A plain-text citation, the same on the page and in the JSON download. */
export function citation(opts: {
  siteName: string;
  siteUrl: string;
  q: ExplorerQuery;
  names: readonly string[];
  sources: readonly SourceRef[];
  retrieved: string;
}): string {
  const from = opts.sources.map((s) => `${s.publisher}, ${s.title} (${sourceDateIso(s)})`).join("; ");
  return `${opts.siteName}. ${seriesDescription(opts.q, opts.names)}. Data: ${from || "no stored values"}. Retrieved ${opts.retrieved} from ${explorerUrl(opts.siteUrl, opts.q)}`;
}
