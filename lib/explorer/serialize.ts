import { toCsv, type CsvValue } from "./csv";
import { explorerSearch, SIDE_NAMES, type ExplorerQuery } from "./params";
import type { ExplorerRow } from "./rows";

/**
 * The one description of a figure row in open data. CSV columns and JSON keys come from the same
 * list, so the two formats always carry the same fields in the same order.
 */
export function openDataColumns(siteUrl: string) {
  const cols: { name: string; value: (r: ExplorerRow) => CsvValue }[] = [
    { name: "figure_id", value: (r) => r.figureId },
    { name: "partner", value: (r) => r.partner },
    { name: "partner_name", value: (r) => r.partnerName },
    { name: "flow", value: (r) => r.flow },
    { name: "year", value: (r) => r.year },
    { name: "period_start", value: (r) => r.periodStart },
    { name: "period_end", value: (r) => r.periodEnd },
    { name: "side", value: (r) => r.side },
    { name: "reporter", value: (r) => r.reporter },
    { name: "reported_flow", value: (r) => r.reportedFlow },
    { name: "reported_value", value: (r) => r.reportedValue },
    { name: "value", value: (r) => r.value },
    { name: "unit", value: (r) => r.unit },
    { name: "value_usd_millions", value: (r) => r.value / 1e6 },
    { name: "valuation", value: (r) => r.valuation },
    { name: "preferred", value: (r) => r.preferred },
    { name: "estimate", value: (r) => r.estimate },
    { name: "derived", value: (r) => r.derived },
    { name: "source_id", value: (r) => r.sourceId },
    { name: "source_publisher", value: (r) => r.sourcePublisher },
    { name: "source_url", value: (r) => `${siteUrl}/sources/${r.sourceId}` },
    { name: "figure_url", value: (r) => `${siteUrl}/figures/${r.figureId}` },
    { name: "records", value: (r) => r.records },
    { name: "approximate", value: (r) => r.approximate },
    { name: "confidence", value: (r) => r.confidence },
  ];
  return cols;
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
  const d = s.publishedPrecision === "month" ? s.publishedOn.slice(0, 7) : s.publishedPrecision === "year" ? s.publishedOn.slice(0, 4) : s.publishedOn;
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
export function citation(opts: { siteName: string; siteUrl: string; q: ExplorerQuery; names: readonly string[]; sources: readonly SourceRef[]; retrieved: string }): string {
  const from = opts.sources.map((s) => `${s.publisher}, ${s.title} (${sourceDateIso(s)})`).join("; ");
  return `${opts.siteName}. ${seriesDescription(opts.q, opts.names)}. Data: ${from || "no stored values"}. Retrieved ${opts.retrieved} from ${explorerUrl(opts.siteUrl, opts.q)}`;
}
