import Link from "next/link";
import { exactValue, OneSource } from "@/components/charts/FigureValue";
import { DifferBadge } from "@/components/ui/DifferBadge";
import { BA_FLOWS, coverageText, type BeforeAfterResult, type WindowPick } from "@/lib/before-after";
import { khmFlowName, periodText, recordsLabel } from "@/lib/domain/figure";
import { formatDate } from "@/lib/format/date";
import { formatPercent, formatUsd } from "@/lib/format/number";

function Cell({ pick, partnerName }: { pick: WindowPick["cells"][keyof WindowPick["cells"]]; partnerName: string }) {
  if (!pick) return <span className="text-(--color-muted)">not reported for this period</span>;
  const f = pick.chosen;
  return (
    <span data-figure-id={f.id} data-value={f.value}>
      <Link
        href={`/figures/${f.id}`}
        className="font-semibold underline decoration-dotted underline-offset-4"
        title={`${exactValue(f)} as stored`}
      >
        {f.approximate ? "≈ " : ""}
        {formatUsd(f.khmValue)}
      </Link>
      <span className="block text-xs text-(--color-muted)">
        {recordsLabel(f, partnerName)} ·{" "}
        <Link href={`/sources/${f.sourceId}`} className="underline">
          {f.sourcePublisher}
        </Link>
        {f.confidence === "medium" ? <OneSource /> : null}
        {pick.differing.length ? (
          <>
            {" "}
            <DifferBadge href={`/figures/${f.id}#compare`} />
          </>
        ) : null}
      </span>
    </span>
  );
}

/**
 * Trade in the twelve months either side of an agreement's entry into force, from whichever
 * records exist, with every gap said in words rather than filled in.
 */
export function BeforeAfter({
  result,
  agreementName,
  agreementHref,
  partnerName,
}: {
  result: BeforeAfterResult;
  agreementName: string;
  agreementHref: string;
  partnerName: string;
}) {
  const { before, after } = result;
  const change =
    result.comparable.ok && before.cells.total && after.cells.total && before.cells.total.chosen.khmValue !== 0
      ? (after.cells.total.chosen.khmValue - before.cells.total.chosen.khmValue) / Math.abs(before.cells.total.chosen.khmValue)
      : null;
  return (
    <figure
      className="not-prose my-6 rounded-md border border-(--color-rule) p-4 font-sans text-sm"
      data-before-after
      data-entry-into-force={result.date}
    >
      <figcaption className="mb-3">
        <span className="block text-base font-bold">
          Trade with {partnerName}: the 12 months before and after the {agreementName} took effect
        </span>
        <span className="block text-(--color-muted)">
          Entry into force:{" "}
          <Link href={agreementHref} className="underline">
            <time dateTime={result.date}>{formatDate(result.date)}</time>
          </Link>
          . Before: {periodText(result.windows.before)}. After: {periodText(result.windows.after)}. Values from Cambodia&apos;s point of
          view.
        </span>
      </figcaption>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-b-2 border-(--color-ink)">
              <th scope="col" className="py-1 pr-3" />
              <th scope="col" className="py-1 pr-3" data-window="before">
                Before
                <span className="block text-xs font-normal text-(--color-muted)">{coverageText(before, "before")}</span>
              </th>
              <th scope="col" className="py-1" data-window="after">
                After
                <span className="block text-xs font-normal text-(--color-muted)">{coverageText(after, "after")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {BA_FLOWS.map((flow) => (
              <tr key={flow} className="border-b border-(--color-rule) align-top" data-flow={flow}>
                <th scope="row" className="py-2 pr-3 font-semibold">
                  {khmFlowName(flow)}
                </th>
                <td className="py-2 pr-3" data-cell="before">
                  {before.period ? (
                    <Cell pick={before.cells[flow]} partnerName={partnerName} />
                  ) : (
                    <span className="text-(--color-muted)">no figure</span>
                  )}
                </td>
                <td className="py-2" data-cell="after">
                  {after.period ? (
                    <Cell pick={after.cells[flow]} partnerName={partnerName} />
                  ) : (
                    <span className="text-(--color-muted)">no figure</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {change !== null ? (
        <p className="mt-3" data-ba-change={change.toFixed(4)}>
          Change in total trade: <strong>{formatPercent(change)}</strong>, from the same records over periods of the same length.
        </p>
      ) : result.comparable.reason ? (
        <p className="mt-3" data-ba-not-comparable>
          {result.comparable.reason}
        </p>
      ) : null}
      <div className="mt-3 text-(--color-muted)" data-ba-gaps>
        <p className="font-semibold text-(--color-ink)">What is missing</p>
        <ul className="list-disc pl-5">
          {result.gaps.map((g) => (
            <li key={g}>{g}</li>
          ))}
          <li>No monthly figures are stored, so neither window can be matched exactly; nothing here is estimated or filled in.</li>
        </ul>
      </div>
    </figure>
  );
}
