import Link from "next/link";
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { ChartPoint, ReportedPoint, TradeChartProps } from "@/lib/charts/tradeChart";
import { recordsLabel, sideLabel } from "@/lib/domain/figure";
import { formatMillions, formatUsdExact } from "@/lib/format/number";

const W = 600;
const H = 300;
const M = { top: 16, right: 26, bottom: 36, left: 60 };

/** Tick values rounded to 1, 2 or 5 × 10^n, in US$ millions. */
function niceTicks(max: number, min: number): number[] {
  return scaleLinear().domain([min, max]).nice(5).ticks(5);
}

/**
 * Server-rendered SVG line chart of one flow from both reporting sides, with a table view.
 * Values arrive in US dollars and are drawn in US$ millions. Its props are what lib/charts/tradeChart.ts
 * makes of the figures a page or a story widget read.
 */
export function TradeChart({
  id,
  title,
  description,
  points,
  partnerName,
  sourceHref,
  sourceLabel,
  reported,
  seriesEnd,
  missingNote,
}: TradeChartProps) {
  if (points.length === 0 && reported.length === 0) {
    return <p className="font-sans text-sm text-(--color-muted)">No annual figures are stored for this chart.</p>;
  }
  // With reports after the series, leave room right of the break for its label and the marks.
  const years = [
    ...points.map((p) => p.year),
    ...reported.map((p) => p.year),
    ...(seriesEnd !== null && reported.length ? [seriesEnd + 2] : []),
  ];
  const values = [...points.map((p) => p.value / 1e6), ...reported.map((p) => p.value / 1e6)];
  const x = scaleLinear()
    .domain([Math.min(...years), Math.max(...years)])
    .range([M.left, W - M.right]);
  const yMin = Math.min(0, ...values);
  const y = scaleLinear()
    .domain([yMin, Math.max(...values)])
    .nice(5)
    .range([H - M.bottom, M.top]);
  const series = (["cambodia", "partner"] as const).map((side) => ({
    side,
    label: sideLabel({ side }, partnerName),
    color: side === "cambodia" ? "var(--color-khm)" : "var(--color-partner)",
    pts: points.filter((p) => p.side === side).sort((a, b) => a.year - b.year),
  }));
  const path = line<ChartPoint>()
    .x((p) => x(p.year))
    .y((p) => y(p.value / 1e6));
  const span = Math.max(...years) - Math.min(...years);
  const xTicks = x.ticks(Math.min(span, 8)).filter((t) => Number.isInteger(t));
  const byYear = new Map<number, { cambodia?: ChartPoint; partner?: ChartPoint }>();
  for (const p of points) byYear.set(p.year, { ...byYear.get(p.year), [p.side]: p });
  const reportedByYear = new Map<number, { cambodia?: ReportedPoint; partner?: ReportedPoint }>();
  for (const p of reported) reportedByYear.set(p.year, { ...reportedByYear.get(p.year), [p.side]: p });
  const breakAt = seriesEnd !== null && reported.length > 0 ? seriesEnd : null;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const color = (side: "cambodia" | "partner") => (side === "cambodia" ? "var(--color-khm)" : "var(--color-partner)");
  const reportedCell = (p: ReportedPoint | undefined) =>
    p ? (
      <>
        <Link
          href={`/figures/${p.id}`}
          className="underline decoration-dotted"
          title={`${formatUsdExact(p.value)} as stored; ${p.sourcePublisher}`}
        >
          {p.approximate ? "≈" : ""}
          {formatMillions(p.value)}
        </Link>
        {p.records ? <span className="ml-1 text-xs text-(--color-muted)">{p.records}</span> : null}
        {p.oneSource ? <span className="ml-1 text-xs text-(--color-muted)">one source</span> : null}
        {p.differs ? (
          <Link
            href={`/figures/${p.id}#compare`}
            className="ml-1 rounded-sm bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-900/60 dark:text-amber-100"
            data-sources-differ="true"
          >
            sources differ
          </Link>
        ) : null}
      </>
    ) : (
      "–"
    );

  return (
    <figure className="my-6 max-w-3xl font-sans" data-chart={id}>
      <figcaption className="mb-2">
        <span className="block text-base font-bold">{title}</span>
        <span className="block text-sm text-(--color-muted)">US$ millions, current prices. Exports valued FOB, imports CIF.</span>
      </figcaption>
      <ul className="mb-1 flex flex-wrap gap-4 text-sm" aria-hidden="true">
        {series.map((s) => (
          <li key={s.side} className="flex items-center gap-2">
            <span className="inline-block h-0.5 w-6" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
        {reported.length > 0 ? (
          <li className="flex items-center gap-2">
            <span className="inline-block h-2.5 w-2.5 rotate-45 border-2 border-(--color-ink)" />
            After {breakAt}: single figures quoted in reports
          </li>
        ) : null}
      </ul>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {niceTicks(y.domain()[1] ?? 0, y.domain()[0] ?? 0).map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="var(--color-rule)" strokeWidth={t === 0 ? 1.5 : 1} />
            <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end" fontSize="15" fill="var(--color-muted)">
              {t.toLocaleString("en-US")}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 20} textAnchor="middle" fontSize="15" fill="var(--color-muted)">
            {t}
          </text>
        ))}
        {series.map((s) =>
          s.pts.length > 0 ? (
            <g key={s.side} data-series={s.side} data-points={s.pts.length}>
              <path d={path(s.pts) ?? undefined} fill="none" stroke={s.color} strokeWidth={2.25} />
              {s.pts.map((p) => (
                <circle
                  key={p.year}
                  cx={x(p.year)}
                  cy={y(p.value / 1e6)}
                  r={s.pts.length > 30 ? 1.6 : 3}
                  fill={p.estimate ? "var(--color-paper)" : s.color}
                  stroke={s.color}
                >
                  <title>{`${s.label}, ${p.year}: US$${formatMillions(p.value)} million${p.estimate ? " (IMF estimate)" : ""}`}</title>
                </circle>
              ))}
            </g>
          ) : null,
        )}
        {breakAt !== null ? (
          <g data-series-break={breakAt}>
            <line
              x1={(x(breakAt) + x(breakAt + 1)) / 2}
              x2={(x(breakAt) + x(breakAt + 1)) / 2}
              y1={M.top}
              y2={H - M.bottom}
              stroke="var(--color-muted)"
              strokeWidth={1.5}
              strokeDasharray="4 4"
            />
            <text x={(x(breakAt) + x(breakAt + 1)) / 2 - 6} y={M.top + 12} textAnchor="end" fontSize="13" fill="var(--color-muted)">
              IMF series ends
            </text>
          </g>
        ) : null}
        {reported.length > 0 ? (
          <g data-reported-points={reported.length}>
            {reported.map((p) => {
              const cx = x(p.year);
              const cy = y(p.value / 1e6);
              return (
                <rect
                  key={`${p.year}-${p.side}`}
                  data-reported={p.year}
                  data-side={p.side}
                  x={cx - 5}
                  y={cy - 5}
                  width={10}
                  height={10}
                  transform={`rotate(45 ${cx} ${cy})`}
                  fill={p.approximate ? "var(--color-paper)" : color(p.side)}
                  stroke={color(p.side)}
                  strokeWidth={2}
                >
                  <title>{`${recordsLabel(p, partnerName)}, ${p.year}: ${p.approximate ? "about " : ""}US$${formatMillions(p.value)} million, quoted by ${p.sourcePublisher}`}</title>
                </rect>
              );
            })}
          </g>
        ) : null}
      </svg>
      <p className="mt-1 text-xs text-(--color-muted)">
        Source:{" "}
        <Link href={sourceHref} className="underline">
          {sourceLabel}
        </Link>
        {breakAt !== null ? ` to ${breakAt}` : ""}. Hollow points are IMF estimates.
        {breakAt !== null ? (
          <>
            {" "}
            After {breakAt} there is no open dataset in our database: each diamond is one figure quoted in a news report, coloured by whose
            records it is (GDCE is Cambodia&apos;s customs, KITA Korea&apos;s trade association, JETRO Japan&apos;s trade agency). They are
            not one series and are not joined; a hollow diamond is an approximate figure.
          </>
        ) : null}
        {missingNote ? (
          <span className="block" data-missing-note>
            {missingNote}
          </span>
        ) : null}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-semibold">Show the numbers as a table</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full border-collapse text-right tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b border-(--color-rule)">
                <th scope="col" className="py-1 text-left">
                  Year
                </th>
                <th scope="col" className="py-1">
                  Cambodia&apos;s records
                </th>
                <th scope="col" className="py-1">
                  {partnerName}&apos;s records
                </th>
              </tr>
            </thead>
            <tbody>
              {[...reportedByYear.entries()]
                .sort((a, b) => b[0] - a[0])
                .map(([year, v]) => (
                  <tr key={`r${year}`} className="border-b border-(--color-rule)/60" data-reported-row={year}>
                    <th scope="row" className="py-1 text-left font-normal">
                      {year}
                    </th>
                    <td className="py-1">{reportedCell(v.cambodia)}</td>
                    <td className="py-1">{reportedCell(v.partner)}</td>
                  </tr>
                ))}
              {breakAt !== null ? (
                <tr data-series-break-row>
                  <td colSpan={3} className="bg-(--color-rule)/40 px-1 py-1 text-left text-xs">
                    Above: figures quoted in reports after {breakAt}, each from the records named. Below: the IMF series, to {breakAt}.
                  </td>
                </tr>
              ) : null}
              {[...byYear.entries()]
                .sort((a, b) => b[0] - a[0])
                .map(([year, v]) => (
                  <tr key={year} className="border-b border-(--color-rule)/60">
                    <th scope="row" className="py-1 text-left font-normal">
                      {year}
                    </th>
                    <td className="py-1">{v.cambodia ? `${formatMillions(v.cambodia.value)}${v.cambodia.estimate ? " e" : ""}` : "–"}</td>
                    <td className="py-1">{v.partner ? `${formatMillions(v.partner.value)}${v.partner.estimate ? " e" : ""}` : "–"}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
