/** How the explorer's pages (/data, the chart embed and its SVG) read a selection: the API's parameters with the page's defaults. */
import type { ExplorerPartner } from "./data";
import { parseExplorerParams, type ExplorerContext, type ExplorerQuery, type ParseResult } from "./params";

/** The view /data opens on: Cambodia–Korea total trade from both sides over the last twenty years of IMF data. */
export function pageDefaults(opts: { partners: ExplorerPartner[]; ctx: ExplorerContext; latestMainYear: number }): Partial<ExplorerQuery> {
  const first = opts.partners.find((p) => p.code === "KOR") ?? opts.partners[0];
  return {
    partners: first ? [first.code] : [],
    flow: "total",
    from: Math.max(opts.ctx.minYear, opts.latestMainYear - 20),
    to: opts.latestMainYear,
    side: "both",
  };
}

/**
 * Pages (the explorer, the chart embed) take the same parameters as the API, but a link shared on
 * the web picks up names of its own (utm_source, fbclid…), so pages list unknown names as ignored
 * instead of refusing the view. Bad values of known names are still errors.
 */
export function parsePageParams(
  params: URLSearchParams,
  opts: { partners: ExplorerPartner[]; ctx: ExplorerContext; latestMainYear: number },
): ParseResult {
  return parseExplorerParams(params, opts.ctx, { defaults: pageDefaults(opts), unknownNames: "report" });
}
