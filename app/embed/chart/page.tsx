import type { Metadata } from "next";
import { ExplorerChart } from "@/components/charts/ExplorerChart";
import { ParamErrors } from "@/components/data/ParamErrors";
import { explorerOptions, loadExplorer } from "@/db/queries/explorer";
import { parsePageParams } from "@/lib/explorer/page-params";
import { explorerSearch, toUrlSearchParams } from "@/lib/explorer/params";
import { explorerView } from "@/lib/explorer/view";

// Rendered per request from its query string (no prerendered shell): its data comes from cached
// loaders, and the HTTP cache in front keeps each URL until a save purges its keys.
export const instant = false;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Chart" };

/** /embed/chart?…: the explorer's chart alone, for an <iframe>. Same parameters as /data. */
export default async function EmbedChart({ searchParams }: Props) {
  const options = await explorerOptions();
  const parsed = parsePageParams(toUrlSearchParams(await searchParams), options);
  if (!parsed.ok) return <ParamErrors issues={parsed.issues} resetHref="/data" />;
  const data = await loadExplorer(parsed.query);
  const view = explorerView(data, "embed-chart");
  const search = explorerSearch(parsed.query);
  return (
    <>
      <ExplorerChart
        input={view.input}
        svg={view.svg}
        markers={view.markers}
        sources={data.sources}
        hasEstimates={view.hasEstimates}
        hasOtherSources={view.hasOtherSources}
        target="_blank"
      />
      <p className="mt-2 text-sm">
        <a href={`/data?${search}`} target="_blank" rel="noopener" className="font-semibold underline" data-full-page>
          The numbers, downloads and citation
        </a>
        {parsed.unknown.length ? <span className="text-xs text-(--color-muted)"> (ignored: {parsed.unknown.join(", ")})</span> : null}
      </p>
    </>
  );
}
