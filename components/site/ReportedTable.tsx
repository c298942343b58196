import Link from "next/link";
import { exactValue, OneSource } from "@/components/charts/FigureValue";
import { DifferBadge } from "@/components/ui/DifferBadge";
import {
  periodOf,
  periodText,
  pickFigure,
  recordsLabel,
  type FigureChoice,
  type FigureView,
  type Period,
  type Side,
} from "@/lib/domain/figure";
import { formatUsd } from "@/lib/format/number";

const FLOWS = ["total", "exports", "imports"] as const;

export type ReportedRow = {
  period: Period;
  side: Side;
  records: string | null;
  cells: Record<(typeof FLOWS)[number], FigureChoice | null>;
};

/**
 * Reported figures grouped into rows: one per period and whose records, newest first. Within a
 * row each flow shows the site's chosen value (pickFigure in lib/domain/figure.ts); other stored values for the
 * same quantity are behind "sources differ" when they disagree.
 */
export function reportedRows(figures: FigureView[]): ReportedRow[] {
  const trade = figures.filter((f) => (FLOWS as readonly string[]).includes(f.khmFlow) && f.unit === "USD");
  const keys = new Map<string, { period: Period; side: Side }>();
  for (const f of trade) keys.set(`${f.periodStart}|${f.periodEnd}|${f.side}`, { period: periodOf(f), side: f.side });
  return [...keys.values()]
    .map(({ period, side }) => {
      const inPeriod = trade.filter((f) => f.periodStart === period.start && f.periodEnd === period.end);
      const cells = Object.fromEntries(
        FLOWS.map((flow) => [
          flow,
          pickFigure(
            inPeriod.filter((f) => f.khmFlow === flow),
            { side },
          ),
        ]),
      ) as ReportedRow["cells"];
      const first = Object.values(cells).find((c) => c !== null)?.chosen;
      return { period, side, records: first?.records ?? null, cells };
    })
    .sort(
      (a, b) => b.period.end.localeCompare(a.period.end) || a.period.start.localeCompare(b.period.start) || a.side.localeCompare(b.side),
    );
}

function Value({ pick }: { pick: FigureChoice | null }) {
  if (!pick) return <span className="text-(--color-muted)">–</span>;
  const f = pick.chosen;
  return (
    <span data-figure-id={f.id} data-value={f.value}>
      <Link
        href={`/figures/${f.id}`}
        className="font-semibold tabular-nums hover:underline"
        title={`${exactValue(f)} as stored (${f.sourcePublisher})`}
      >
        {f.approximate ? "≈ " : ""}
        {formatUsd(f.khmValue)}
      </Link>
      {f.derived ? <span className="ml-1 text-xs text-(--color-muted)">implied</span> : null}
      {f.confidence === "medium" ? (
        <span className="text-xs">
          <OneSource />
        </span>
      ) : null}
      {pick.differing.length ? (
        <span className="ml-1 text-xs">
          <DifferBadge href={`/figures/${f.id}#compare`} />
        </span>
      ) : null}
    </span>
  );
}

export function ReportedTable({ rows, partnerName, caption }: { rows: ReportedRow[]; partnerName: string; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-reported-table>
        <caption className="mb-2 text-left text-(--color-muted)">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-(--color-ink)">
            <th scope="col" className="py-2 pr-3">
              Period, whose records, source
            </th>
            <th scope="col" className="py-2 pr-3">
              Total trade
            </th>
            <th scope="col" className="py-2 pr-3">
              Cambodia&apos;s exports
            </th>
            <th scope="col" className="py-2">
              Cambodia&apos;s imports
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const sources = [
              ...new Map(
                Object.values(r.cells)
                  .filter((c): c is FigureChoice => c !== null)
                  .map((c) => [c.chosen.sourceId, c.chosen]),
              ).values(),
            ];
            const full = r.period.start.endsWith("-01") && r.period.end === `${r.period.start.slice(0, 4)}-12`;
            return (
              <tr
                key={`${r.period.start}${r.period.end}${r.side}`}
                className="border-b border-(--color-rule) align-top"
                data-reported-period={`${r.period.start}/${r.period.end}`}
                data-side={r.side}
                data-records={r.records ?? ""}
              >
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  <span className="font-semibold">{periodText(r.period)}</span>
                  {full ? null : <span className="text-xs text-(--color-muted)"> (part of the year)</span>}
                  <span className="block">{recordsLabel({ side: r.side, records: r.records }, partnerName)}</span>
                  <span className="block text-xs">
                    {sources.map((f, i) => (
                      <span key={f.sourceId}>
                        {i > 0 ? "; " : ""}
                        <Link href={`/sources/${f.sourceId}`} className="underline">
                          {f.sourcePublisher}
                        </Link>
                      </span>
                    ))}
                  </span>
                </th>
                {FLOWS.map((flow, i) => (
                  <td key={flow} className={`py-2 ${i < FLOWS.length - 1 ? "pr-3" : ""}`} data-flow={flow}>
                    <Value pick={r.cells[flow]} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
