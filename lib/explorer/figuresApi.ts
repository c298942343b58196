import { z } from "zod";
import type { ExplorerContext, ExplorerQuery, ParamIssue, ParseResult } from "./params";
import { parseExplorerParams } from "./params";
import type { ExplorerData } from "./data";
import { citation, explorerUrl, figureRecords, seriesDescription, seriesTitle } from "./serialize";

export const API_FORMATS = ["json", "csv"] as const;
export type ApiFormat = (typeof API_FORMATS)[number];

/** What /api/v1/figures assumes when a parameter is left out. `partner` has no default: it is required. */
export function apiDefaults(ctx: ExplorerContext): Partial<ExplorerQuery> {
  return { flow: "total", side: "both", from: ctx.minYear, to: ctx.maxYear };
}

/** The API's parameters: the explorer's plus `format`; any other name is a 400. */
export function parseFiguresRequest(
  params: URLSearchParams,
  ctx: ExplorerContext,
): { ok: true; query: ExplorerQuery; format: ApiFormat } | { ok: false; issues: ParamIssue[] } {
  const parsed: ParseResult = parseExplorerParams(params, ctx, { defaults: apiDefaults(ctx), extra: ["format"], unknownNames: "reject" });
  const issues = parsed.ok ? [] : [...parsed.issues];
  const rawFormat = parsed.ok ? parsed.extra.format : params.getAll("format").length === 1 ? params.get("format") : undefined;
  const format = z.enum(API_FORMATS).default("json").safeParse(rawFormat ?? undefined);
  if (!format.success) issues.push({ parameter: "format", message: `format must be one of ${API_FORMATS.join(", ")}` });
  if (!parsed.ok || !format.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, query: parsed.query, format: format.data };
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
