import type { AgreementStatus } from "@/db/schema";
import { chartMarkers, type ChartInput, type ChartSeriesInput } from "@/lib/charts/explorerChart";
import { formatUsd } from "@/lib/format/number";
import type { ExplorerQuery } from "./params";
import { MAIN_SOURCE_ID, sideLabel } from "@/lib/domain/figure";
import { sidesOf, type ExplorerRow } from "./rows";
import { seriesTitle, type SourceRef } from "./serialize";

export type ExplorerPartner = { code: string; name: string; region: string };

export type ExplorerMilestone = {
  id: number;
  date: string;
  precision: "day" | "month";
  status: AgreementStatus;
  description: string;
  agreementSlug: string;
  agreementShortName: string;
  sourceId: string;
};

/** Everything one selection shows, as plain data: what the loader returns and components receive. */
export type ExplorerData = {
  query: ExplorerQuery;
  partners: { code: string; name: string }[];
  rows: ExplorerRow[];
  milestones: ExplorerMilestone[];
  sources: (SourceRef & { url: string | null })[];
};

export type SeriesKey = { partner: string; partnerName: string; side: "cambodia" | "partner" };

/** The columns of the table and the lines of the chart: partners as chosen, Cambodia's side first. */
export function seriesOf(data: Pick<ExplorerData, "query" | "partners">): SeriesKey[] {
  return data.partners.flatMap((p) => sidesOf(data.query).map((side) => ({ partner: p.code, partnerName: p.name, side })));
}

export function seriesLabel(s: SeriesKey, side: ExplorerQuery["side"]): string {
  if (side !== "both") return s.partnerName;
  return `${s.partnerName}, ${sideLabel(s, s.partnerName)}`;
}

/** Years down, series across; a cell is the row shown there, or undefined when nothing is stored. */
export function tableOf(data: ExplorerData): { series: SeriesKey[]; years: { year: number; cells: (ExplorerRow | undefined)[] }[] } {
  const series = seriesOf(data);
  const byKey = new Map(data.rows.map((r) => [`${r.partner}|${r.side}|${r.year}`, r]));
  const years: { year: number; cells: (ExplorerRow | undefined)[] }[] = [];
  for (let year = data.query.from; year <= data.query.to; year++) {
    const cells = series.map((s) => byKey.get(`${s.partner}|${s.side}|${year}`));
    if (cells.some((c) => c !== undefined)) years.push({ year, cells });
  }
  return { series, years };
}

/** Milestone descriptions are sentences; end each with a stop so several on one date read as a list of sentences. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

export function milestoneText(m: Pick<ExplorerMilestone, "agreementShortName" | "description">): string {
  return `${m.agreementShortName}: ${sentence(m.description)}`;
}

export function chartInputOf(data: ExplorerData, id: string): ChartInput {
  const q = data.query;
  const series: ChartSeriesInput[] = seriesOf(data).map((s) => {
    const label = seriesLabel(s, q.side);
    return {
      key: `${s.partner}-${s.side}`,
      label,
      colorIndex: data.partners.findIndex((p) => p.code === s.partner),
      dashed: s.side === "partner",
      points: data.rows
        .filter((r) => r.partner === s.partner && r.side === s.side)
        .map((r) => ({
          year: r.year,
          value: r.value,
          estimate: r.estimate,
          otherSource: r.sourceId !== MAIN_SOURCE_ID,
          tooltip: `${label}, ${r.year}: ${formatUsd(r.value, { precise: true })} (${r.sourcePublisher}${r.estimate ? ", estimate" : ""})`,
        })),
    };
  });
  const latest = series
    .map((s) => ({ s, p: s.points.at(-1) }))
    .filter((x) => x.p !== undefined)
    .map((x) => `${x.s.label}: ${formatUsd(x.p?.value ?? 0)} in ${x.p?.year}`);
  const description = latest.length
    ? `Annual values in US$ millions, one line per ${q.side === "both" ? "partner and reporting side" : "partner"}. Latest values: ${latest.join("; ")}.`
    : "No values are stored for this selection.";
  return {
    id,
    title: seriesTitle(
      q,
      data.partners.map((p) => p.name),
    ),
    description,
    from: q.from,
    to: q.to,
    seriesEnd: mainSeriesEnd(data.rows),
    series,
    milestones: data.milestones.map((m) => ({ date: m.date, precision: m.precision, text: milestoneText(m) })),
  };
}

/**
 * The last year of the main series (the IMF statistics) when values from other sources come after
 * it; null when nothing follows. Chart and table draw the break there.
 */
export function mainSeriesEnd(rows: readonly ExplorerRow[]): number | null {
  const main = rows.filter((r) => r.sourceId === MAIN_SOURCE_ID).map((r) => r.year);
  if (main.length === 0) return null;
  const end = Math.max(...main);
  return rows.some((r) => r.sourceId !== MAIN_SOURCE_ID && r.year > end) ? end : null;
}

/** For each partner shown, the years after the main series (within the selection) with no value from either side. */
export function yearsWithout(
  data: Pick<ExplorerData, "rows" | "query" | "partners">,
  after: number,
): { code: string; name: string; years: number[] }[] {
  return data.partners
    .map((p) => {
      const have = new Set(data.rows.filter((r) => r.partner === p.code).map((r) => r.year));
      const years: number[] = [];
      for (let y = after + 1; y <= data.query.to; y++) if (!have.has(y)) years.push(y);
      return { code: p.code, name: p.name, years };
    })
    .filter((p) => p.years.length > 0);
}

/** The milestones as the chart numbers them (one number per date), each with its agreement. */
export function markerListOf(data: ExplorerData): { n: number; date: string; precision: "day" | "month"; items: ExplorerMilestone[] }[] {
  return chartMarkers(data.milestones.map((m) => ({ date: m.date, precision: m.precision, text: milestoneText(m) }))).map((marker) => ({
    n: marker.n,
    date: marker.date,
    precision: marker.precision,
    items: data.milestones.filter((m) => m.date === marker.date),
  }));
}

/** Letters for the sources other than the main series, in the order they first appear: a, b, c… */
export function otherSourceLetters(rows: readonly ExplorerRow[]): Map<string, string> {
  const letters = new Map<string, string>();
  for (const r of rows) {
    if (r.sourceId !== MAIN_SOURCE_ID && !letters.has(r.sourceId)) letters.set(r.sourceId, String.fromCharCode(97 + letters.size));
  }
  return letters;
}
