import Link from "next/link";
import { displayValue, exactValue, OneSource } from "@/components/charts/FigureValue";
import { khmFlowName, periodOf, periodText, type FigureView } from "@/lib/domain/figure";
import { formatDate } from "@/lib/format/date";

/** Figures with whose records, source and flags; each row links to the cell's comparison page. */
export function FigureTable({ figures, partnerName, caption }: { figures: FigureView[]; partnerName: string; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-2 text-left text-(--color-muted)">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-(--color-ink)">
            <th scope="col" className="py-2 pr-3">
              Figure
            </th>
            <th scope="col" className="py-2 pr-3">
              Period
            </th>
            <th scope="col" className="py-2 pr-3 text-right">
              Value
            </th>
            <th scope="col" className="py-2 pr-3">
              Records
            </th>
            <th scope="col" className="py-2">
              Source
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.id} className="border-b border-(--color-rule) align-top" data-figure-row={f.id}>
              <td className="py-2 pr-3">
                {khmFlowName(f.khmFlow)}
                {f.preferred ? <span className="ml-1 text-xs text-(--color-muted)">(preferred)</span> : null}
              </td>
              <td className="py-2 pr-3">{periodText(periodOf(f))}</td>
              <td className="py-2 pr-3 text-right font-semibold tabular-nums">
                <Link href={`/figures/${f.id}`} className="hover:underline" title={`${exactValue(f)} as stored`}>
                  {displayValue(f)}
                </Link>
              </td>
              <td className="py-2 pr-3">
                {f.side === "cambodia" ? "Cambodia" : partnerName}
                {f.records ? ` (${f.records})` : ""}
                {f.derived ? ", implied" : ""}
                {f.estimate ? ", estimate" : ""}
                {f.approximate ? ", approximate" : ""}
                {f.confidence === "medium" ? <OneSource /> : null}
              </td>
              <td className="py-2">
                <Link href={`/sources/${f.sourceId}`} className="underline">
                  {f.sourcePublisher}
                </Link>
                <span className="text-(--color-muted)">, {formatDate(f.sourceDate)}</span>
                {f.note ? <p className="text-xs text-(--color-muted)">{f.note}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
