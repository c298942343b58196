import Link from "next/link";
import { Fragment } from "react";
import type { SeriesKey } from "@/lib/explorer/data";
import type { ExplorerRow } from "@/lib/explorer/rows";
import { formatMillions, formatUsdExact } from "@/lib/format/number";

/**
 * The selection as a table: years down, one column per partner (and per reporting side when both
 * are shown). Each value links to every value stored for that figure; a letter marks a value
 * from a source other than the main series.
 */
export function ExplorerTable({
  caption,
  series,
  years,
  both,
  letters,
  seriesEnd = null,
}: {
  caption: string;
  series: SeriesKey[];
  years: { year: number; cells: (ExplorerRow | undefined)[] }[];
  both: boolean;
  letters: ReadonlyMap<string, string>;
  /** The main series' last year when report values follow it: a labelled row marks the break. */
  seriesEnd?: number | null;
}) {
  if (years.length === 0) {
    return (
      <p className="text-sm text-(--color-muted)" data-explorer-empty>
        No values are stored for this selection. Try other years or the other side&apos;s records.
      </p>
    );
  }
  const partners = [...new Map(series.map((s) => [s.partner, s.partnerName])).entries()];
  return (
    <div className="max-h-[36rem] overflow-auto rounded-sm border border-(--color-rule)" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse text-right text-sm tabular-nums" data-explorer-table>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-(--color-paper)">
          {both ? (
            <tr className="border-b border-(--color-rule)">
              <td />
              {partners.map(([code, name]) => (
                <th key={code} scope="colgroup" colSpan={2} className="px-3 pt-2 text-center">
                  {name}
                </th>
              ))}
            </tr>
          ) : null}
          <tr className="border-b-2 border-(--color-ink)">
            <th scope="col" className="px-3 py-2 text-left">
              Year
            </th>
            {series.map((s) => (
              <th key={`${s.partner}-${s.side}`} scope="col" className="px-3 py-2" data-column={`${s.partner}-${s.side}`}>
                {both ? (s.side === "cambodia" ? "Cambodia's records" : `${s.partnerName}'s records`) : s.partnerName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {years.map(({ year, cells }, index) => (
            <Fragment key={year}>
              {seriesEnd !== null && year > seriesEnd && (index === 0 || (years[index - 1]?.year ?? 0) <= seriesEnd) ? (
                <tr data-series-break-row={seriesEnd}>
                  <td colSpan={series.length + 1} className="bg-(--color-rule)/40 px-3 py-1 text-left text-xs">
                    The IMF statistics end in {seriesEnd}. Below: single figures quoted in news reports, each from the records named
                    (lettered notes); not one series.
                  </td>
                </tr>
              ) : null}
              <tr className="border-b border-(--color-rule)/60" data-year-row={year}>
                <th scope="row" className="px-3 py-1 text-left font-normal">
                  {year}
                </th>
                {cells.map((r, i) => {
                  const s = series[i];
                  if (!r || !s)
                    return (
                      <td key={i} className="px-3 py-1 text-(--color-muted)">
                        –
                      </td>
                    );
                  const letter = letters.get(r.sourceId);
                  return (
                    <td
                      key={i}
                      className="px-3 py-1 whitespace-nowrap"
                      data-figure-id={r.figureId}
                      data-value={r.value}
                      data-partner={r.partner}
                      data-side={r.side}
                      data-year={r.year}
                    >
                      <Link
                        href={`/figures/${r.figureId}`}
                        className="hover:underline"
                        title={`${formatUsdExact(r.value)} as stored${r.records ? `, ${r.records} records` : ""} (${r.sourcePublisher}): every value stored for this figure`}
                      >
                        {r.approximate ? "≈" : ""}
                        {formatMillions(r.value)}
                      </Link>
                      {r.records ? <span className="ml-1 text-xs text-(--color-muted)">{r.records}</span> : null}
                      {r.confidence === "medium" ? <span className="ml-1 text-xs text-(--color-muted)">one source</span> : null}
                      {r.estimate ? (
                        <abbr title="estimate" className="ml-0.5 text-xs text-(--color-muted) no-underline">
                          e
                        </abbr>
                      ) : null}
                      {letter ? (
                        <sup className="ml-0.5">
                          <a
                            href={`#source-${letter}`}
                            className="text-(--color-accent-ink) underline"
                            aria-label={`source: ${r.sourcePublisher}`}
                          >
                            {letter}
                          </a>
                        </sup>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
