import { SERIES_COLORS, type ChartInput } from "@/lib/charts/explorerChart";
import { sentence, type ExplorerMilestone } from "@/lib/explorer/data";
import { formatDate } from "@/lib/format/date";

export type MarkerItem = { n: number; date: string; precision: "day" | "month"; items: ExplorerMilestone[] };

/**
 * The explorer's chart for a page: title, unit, legend and milestone list in HTML (readable at any
 * width), around the SVG plot from lib/charts/explorerChart.ts. `svg` is that module's output,
 * built from database values with every text escaped; it is the same markup as the download.
 */
export function ExplorerChart({
  input,
  svg,
  markers,
  sources,
  hasEstimates,
  hasOtherSources,
  target,
}: {
  input: ChartInput;
  svg: { wide: string; narrow: string };
  markers: MarkerItem[];
  sources: { id: string; publisher: string; title: string }[];
  hasEstimates: boolean;
  hasOtherSources: boolean;
  /** "_blank" inside an embed, so links leave the frame instead of opening in it. */
  target?: "_blank";
}) {
  const rel = target ? "noopener" : undefined;
  return (
    <figure className="max-w-3xl font-sans" data-chart="explorer" data-chart-id={input.id}>
      <figcaption className="mb-2">
        <span className="block text-lg leading-snug font-bold">{input.title}</span>
        <span className="block text-sm text-(--color-muted)">US$ millions, current prices. Exports are valued FOB, imports CIF.</span>
      </figcaption>
      <ul className="mb-1 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-chart-legend>
        {input.series.map((s) => (
          <li key={s.key} className="flex items-center gap-2">
            <svg width="28" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="28"
                y1="5"
                y2="5"
                stroke={SERIES_COLORS[s.colorIndex % SERIES_COLORS.length]}
                strokeWidth="2.5"
                strokeDasharray={s.dashed ? "7 4" : undefined}
              />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      {/* SVG built by lib/charts/explorerChart.ts from escaped text; the wide drawing is the download's plot. */}
      <div className="hidden sm:block" data-chart-layout="wide" dangerouslySetInnerHTML={{ __html: svg.wide }} />
      <div className="sm:hidden" data-chart-layout="narrow" dangerouslySetInnerHTML={{ __html: svg.narrow }} />
      <p className="mt-1 text-xs text-(--color-muted)">
        {hasEstimates ? "Hollow points are estimates. " : ""}
        {hasOtherSources
          ? `Square points are single figures quoted in reports, not the IMF statistics, and are never joined to the lines (see the table)${input.seriesEnd ? `; the shaded band is the years after the IMF series ends, in ${input.seriesEnd}` : ""}. `
          : ""}
        {markers.length
          ? "Numbered lines mark milestones of agreements Cambodia shares with the partner: the first step of each stage (every step is on the agreement's tracker)."
          : ""}
      </p>
      {markers.length ? (
        <ol className="mt-2 space-y-1 text-sm" data-milestones>
          {markers.map((m) => (
            <li key={m.n} className="flex gap-2" data-milestone={m.n}>
              <span
                className="inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full border border-(--color-muted) text-xs font-bold"
                aria-hidden="true"
              >
                {m.n}
              </span>
              <span>
                <span className="sr-only">Marker {m.n}: </span>
                <time dateTime={m.date} className="font-semibold">
                  {formatDate(m.date, m.precision)}
                </time>
                {" · "}
                {m.items.map((e, i) => (
                  <span key={e.id}>
                    {i > 0 ? " " : ""}
                    <a href={`/agreements/${e.agreementSlug}`} className="underline" target={target} rel={rel}>
                      {e.agreementShortName}
                    </a>
                    : {sentence(e.description)}
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="mt-2 text-xs text-(--color-muted)">
        Source{sources.length > 1 ? "s" : ""}:{" "}
        {sources.map((s, i) => (
          <span key={s.id}>
            {i > 0 ? "; " : ""}
            <a href={`/sources/${s.id}`} className="underline" target={target} rel={rel}>
              {s.publisher}, {s.title}
            </a>
          </span>
        ))}
        {sources.length === 0 ? "none" : ""}.
      </p>
    </figure>
  );
}
