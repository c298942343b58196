import type { NextRequest } from "next/server";
import { explorerOptions, loadExplorer } from "@/db/queries/explorer";
import { badRequest, fileResponse } from "@/lib/api/http";
import { renderChartSvg } from "@/lib/charts/explorerChart";
import { chartInputOf } from "@/lib/explorer/data";
import { figuresFilename } from "@/lib/explorer/figuresApi";
import { explorerSearch, parseExplorerParams, type ExplorerQuery } from "@/lib/explorer/params";
import { EXPLORER_KEYS } from "@/lib/cache-tags";
import { pageDefaults } from "@/lib/explorer/page-params";
import { MAIN_SOURCE_ID } from "@/lib/domain/figure";
import { SITE } from "@/lib/site";

/**
 * GET /data/chart.svg: the explorer's chart as a file, with its title, unit, legend, milestones and
 * source written into it. Same parameters and defaults as /data; being a file, unknown names are refused.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const options = await explorerOptions();
  const parsed = parseExplorerParams(request.nextUrl.searchParams, options.ctx, {
    defaults: pageDefaults(options),
    unknownNames: "reject",
  });
  if (!parsed.ok) return badRequest(parsed.issues);
  return fileResponse(await chartSvg(parsed.query), "image/svg+xml; charset=utf-8", figuresFilename(parsed.query, "svg"), EXPLORER_KEYS);
}

/** The file for one parsed selection, cached by it (and tagged by its loader). */
async function chartSvg(query: ExplorerQuery): Promise<string> {
  "use cache";
  const data = await loadExplorer(query);
  const sources = data.sources.map((s) => `${s.publisher}, ${s.title}`).join("; ");
  const other = data.rows.some((r) => r.sourceId !== MAIN_SOURCE_ID);
  return renderChartSvg(chartInputOf(data, "chart"), {
    standalone: {
      subtitle: `US$ millions, current prices. Exports valued FOB, imports CIF.${query.side === "cambodia" ? "" : " Dashed lines: partners' records."}`,
      footer: [
        `Source: ${sources || "no stored values"}.${other ? " Squares: values from a source other than the IMF statistics." : ""}`,
        `${SITE.name}, ${SITE.url}/data?${explorerSearch(query)} (retrieved ${new Date().toISOString().slice(0, 10)})`,
      ],
    },
  });
}
