import Link from "next/link";
import { DifferBadge } from "@/components/ui/DifferBadge";
import { periodOf, periodText, type FigureChoice, type FigureView } from "@/lib/domain/figure";
import { formatUsd, ordinal } from "@/lib/format/number";

export function displayValue(f: FigureView): string {
  return f.unit === "rank" ? ordinal(f.value) : formatUsd(f.khmValue);
}

export function shortPublisher(publisher: string): string {
  const map: Record<string, string> = {
    "Yonhap News Agency": "Yonhap",
    "The Phnom Penh Post": "Phnom Penh Post",
    "International Monetary Fund": "IMF DOTS",
    "World Trade Organization": "WTO",
  };
  return map[publisher] ?? publisher;
}

/** Inline live figure: the value (linking to every value stored for it), who reported it, and a marker when sources differ. */
export function FigureValue({ pick, label }: { pick: FigureChoice; label: string }) {
  const f = pick.chosen;
  const period = periodText(periodOf(f));
  return (
    <span className="fig" data-figure-id={f.id} data-value={f.value} data-unit={f.unit}>
      <Link
        href={`/figures/${f.id}`}
        className="whitespace-nowrap font-sans font-semibold text-[0.95em] underline decoration-dotted decoration-1 underline-offset-4"
        title={`${label}, ${period}: see every value stored for this figure`}
      >
        {displayValue(f)}
      </Link>
      <span className="font-sans text-[0.72em] text-(--color-muted) align-[0.25em]">
        {" "}
        <Link href={`/sources/${f.sourceId}`} className="hover:underline">
          {shortPublisher(f.sourcePublisher)}
          {f.derived ? ", implied" : ""}
          {f.estimate ? ", est." : ""}
        </Link>
        {pick.differing.length > 0 ? (
          <>
            {" "}
            <DifferBadge href={`/figures/${f.id}#compare`} />
          </>
        ) : null}
      </span>
    </span>
  );
}

export function MissingFigure({ what }: { what: string }) {
  return (
    <span className="font-sans text-sm text-(--color-muted)" data-figure-missing="true">
      [no figure stored for {what}]
    </span>
  );
}
