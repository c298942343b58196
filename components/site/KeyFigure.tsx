import Link from "next/link";
import { DifferBadge } from "@/components/ui/DifferBadge";
import { displayValue, shortPublisher } from "@/components/charts/FigureValue";
import { periodOf, periodText, sideLabel, type FigureChoice } from "@/lib/domain/figure";

/** A figure as a card: caption, value, period, whose records, source, and a marker when sources differ. */
export function KeyFigure({ caption, pick, partnerName }: { caption: string; pick: FigureChoice; partnerName: string }) {
  const f = pick.chosen;
  return (
    <div className="rounded-md border border-(--color-rule) p-3" data-figure-id={f.id} data-value={f.value}>
      <p className="text-xs font-semibold tracking-wide text-(--color-muted) uppercase">{caption}</p>
      <p className="mt-1 font-serif text-2xl font-bold">
        <Link href={`/figures/${f.id}`} className="hover:underline">
          {displayValue(f)}
        </Link>
      </p>
      <p className="text-xs text-(--color-muted)">
        {periodText(periodOf(f))} · {sideLabel(f, partnerName)}
      </p>
      <p className="mt-1 text-xs">
        Source:{" "}
        <Link href={`/sources/${f.sourceId}`} className="underline">
          {shortPublisher(f.sourcePublisher)}
        </Link>
        {pick.differing.length > 0 ? (
          <>
            {" · "}
            <DifferBadge href={`/figures/${f.id}#compare`} />
          </>
        ) : null}
      </p>
    </div>
  );
}
