import { z } from "zod";
import { readQuery, type QueryContract } from "@/lib/validation/query-string";
import type { ExplorerContext, ExplorerQuery, ParamIssue } from "./params";
import { explorerParamsSchema, rawDefaults, selectionOf } from "./params";
import type { ExplorerData } from "./data";
import { citation, explorerUrl, figureRecords, seriesDescription, seriesTitle } from "./serialize";

export const API_FORMATS = ["json", "csv"] as const;
export type ApiFormat = (typeof API_FORMATS)[number];

/** What /api/v1/figures assumes when a parameter is left out. `partner` has no default: it is required. */
export function apiDefaults(ctx: ExplorerContext): Partial<ExplorerQuery> {
  return { flow: "total", side: "both", from: ctx.minYear, to: ctx.maxYear };
}

/**
 * The parameters of /api/v1/figures: the explorer's plus `format`. The handler reads requests with
 * this contract and the OpenAPI document lists it, so a parameter added here is in both at once.
 */
export function figuresQuery(ctx: ExplorerContext) {
  const schema = explorerParamsSchema(ctx).extend({
    format: z
      .enum(API_FORMATS, { error: `format must be one of ${API_FORMATS.join(", ")}` })
      .meta({ description: "json, or csv: the rows alone as a text/csv file with a file name.", examples: ["csv"] }),
  });
  return { schema, defaults: { ...rawDefaults(apiDefaults(ctx)), format: "json" }, repeatable: ["partner"] } satisfies QueryContract<
    typeof schema
  >;
}

/** Any name outside the contract is a 400, never ignored. */
export function parseFiguresRequest(
  params: URLSearchParams,
  ctx: ExplorerContext,
): { ok: true; query: ExplorerQuery; format: ApiFormat } | { ok: false; issues: ParamIssue[] } {
  const read = readQuery(params, figuresQuery(ctx), "reject");
  if (!read.ok) return { ok: false, issues: read.issues };
  const selection = selectionOf(read.data);
  if (!selection.ok) return { ok: false, issues: [selection.issue] };
  return { ok: true, query: selection.query, format: read.data.format };
}

export function figuresFilename(q: ExplorerQuery, ext: string): string {
  return `cambodia-trade-${q.partners.join("-").toLowerCase()}-${q.flow}-${q.from}-${q.to}-${q.side}.${ext}`;
}

/** The JSON answer: the rows, and everything needed to cite them. */
export function figuresJson(data: ExplorerData, opts: { siteName: string; siteUrl: string; retrieved: string }) {
  const names = data.partners.map((p) => p.name);
  const q = data.query;
  return {
    title: seriesTitle(q, names),
    series: seriesDescription(q, names),
    query: { partner: q.partners, flow: q.flow, from: q.from, to: q.to, side: q.side },
    unit: "USD",
    unit_note:
      "value: whole US dollars at current prices, from Cambodia's point of view (a partner's surplus is Cambodia's deficit); value_usd_millions: the same in millions. Exports are valued FOB and imports CIF, as each reporter records them; see valuation.",
    sources: data.sources.map((s) => ({
      id: s.id,
      publisher: s.publisher,
      title: s.title,
      published_on: s.publishedOn,
      published_precision: s.publishedPrecision ?? "day",
      date_inferred: s.dateInferred ?? false,
      url: s.url,
      page: `${opts.siteUrl}/sources/${s.id}`,
    })),
    citation: citation({ siteName: opts.siteName, siteUrl: opts.siteUrl, q, names, sources: data.sources, retrieved: opts.retrieved }),
    link: explorerUrl(opts.siteUrl, q),
    retrieved: opts.retrieved,
    count: data.rows.length,
    data: figureRecords(data.rows, opts.siteUrl),
  };
}
