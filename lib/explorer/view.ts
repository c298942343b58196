import { renderChartSvg } from "@/lib/charts/explorerChart";
import { chartInputOf, mainSeriesEnd, markerListOf, otherSourceLetters, tableOf, yearsWithout, type ExplorerData } from "./data";
import { MAIN_SOURCE_ID } from "@/lib/domain/figure";

/** What the page and the chart embed render for one selection, built once from the loader's data. */
export function explorerView(data: ExplorerData, chartId: string) {
  const input = chartInputOf(data, chartId);
  return {
    input,
    svg: {
      wide: renderChartSvg(input, { layout: "wide" }),
      narrow: renderChartSvg({ ...input, id: `${chartId}-narrow` }, { layout: "narrow" }),
    },
    markers: markerListOf(data),
    table: tableOf(data),
    letters: otherSourceLetters(data.rows),
    hasEstimates: data.rows.some((r) => r.estimate),
    hasOtherSources: data.rows.some((r) => r.sourceId !== MAIN_SOURCE_ID),
    seriesEnd: input.seriesEnd ?? null,
    /** Years after the main series with nothing stored, per partner shown (only when the selection runs past it). */
    missingAfter: (() => {
      const main = data.rows.filter((r) => r.sourceId === MAIN_SOURCE_ID).map((r) => r.year);
      const end = mainSeriesEnd(data.rows) ?? (main.length ? Math.max(...main) : null);
      return end !== null && data.query.to > end ? { end, partners: yearsWithout(data, end) } : null;
    })(),
  };
}
