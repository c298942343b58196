import Link from "next/link";
import { DifferBadge } from "@/components/ui/DifferBadge";
import type { Change, Share } from "@/lib/domain/compare";
import { periodOf, periodText, type FigureChoice, type FigureView } from "@/lib/domain/figure";
import { formatPercent, formatUsd, formatUsdExact, ordinal } from "@/lib/format/number";

/** The value as readers see it in text: rounded, with "≈" where the source gives it as approximate. */
export function displayValue(f: FigureView): string {
  if (f.unit === "rank") return ordinal(f.value);
  return `${f.approximate ? "≈ " : ""}${formatUsd(f.khmValue)}`;
}

/** The full stored precision, for a title or the figure page: "US$325,650,000". */
export function exactValue(f: FigureView): string {
  if (f.unit === "rank") return ordinal(f.value);
  return `${f.approximate ? "about " : ""}${formatUsdExact(f.khmValue)}`;
}

export function shortPublisher(publisher: string): string {
  const map: Record<string, string> = {
    "Yonhap News Agency": "Yonhap",
    "The Phnom Penh Post": "Phnom Penh Post",
    "International Monetary Fund": "IMF DOTS",
    "World Trade Organization": "WTO",
    "Vietnam News Agency (VNA)": "VNA",
    "The Korea Times, via bilaterals.org": "Korea Times",
    "Khmer Times, via bilaterals.org": "Khmer Times",
    "Xinhua, via People's Daily": "Xinhua",
    "Dongpo News, citing Khmer Times": "Dongpo News",
    "Vietstock, reprinting The Phnom Penh Post": "Vietstock",
    "The Star / Asia News Network": "The Star",
    "Agence Kampuchea Presse (AKP), via cnv.org.kh": "AKP",
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
        className="font-sans text-[0.95em] font-semibold whitespace-nowrap underline decoration-dotted decoration-1 underline-offset-4"
        title={`${label}, ${period}: ${exactValue(f)} as stored. Open to see every value stored for this figure.`}
        data-exact={exactValue(f)}
      >
        {displayValue(f)}
      </Link>
      <span className="align-[0.25em] font-sans text-[0.72em] text-(--color-muted)">
        {" "}
        <Link href={`/sources/${f.sourceId}`} className="hover:underline">
          {shortPublisher(f.sourcePublisher)}
          {f.records ? `, ${f.records}` : ""}
          {f.derived ? ", implied" : ""}
          {f.estimate ? ", est." : ""}
          {f.approximate ? ", approx." : ""}
        </Link>
        {f.confidence === "medium" ? <OneSource /> : null}
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

/** The mark on a fact that only one secondary source gives (medium confidence). */
export function OneSource() {
  return (
    <span
      className="ml-1 rounded-sm border border-current px-1 text-[0.9em] font-semibold"
      data-one-source="true"
      title="Only one secondary source gives this"
    >
      one source
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

/** A figure where one is stored, else the plain "[no figure stored for …]" in its place. */
export function FigureOrMissing({ pick, label }: { pick: FigureChoice | null; label: string }) {
  return pick ? <FigureValue pick={pick} label={label} /> : <MissingFigure what={label} />;
}

/** A percent change between two stored figures, linking to the later one. */
export function ChangeValue({ change }: { change: Change }) {
  const { now, then, ratio } = change;
  return (
    <span
      className="fig font-sans text-[0.95em] font-semibold"
      data-change={ratio.toFixed(4)}
      title={`From ${formatUsd(then.chosen.khmValue)} to ${formatUsd(now.chosen.khmValue)}, computed from stored figures`}
    >
      <a href={`/figures/${now.chosen.id}`} className="underline decoration-dotted decoration-1 underline-offset-4">
        {formatPercent(ratio)}
      </a>
    </span>
  );
}

/** A partner's share of Cambodia's trade, linking to the partner's figure. */
export function ShareValue({ share }: { share: Share }) {
  const { part, whole } = share;
  return (
    <span
      className="fig font-sans text-[0.95em] font-semibold"
      data-share={share.share.toFixed(4)}
      title={`${formatUsd(part.chosen.value)} of ${formatUsd(whole.chosen.value)}`}
    >
      <a href={`/figures/${part.chosen.id}`} className="underline decoration-dotted decoration-1 underline-offset-4">
        {(share.share * 100).toFixed(2)}%
      </a>
    </span>
  );
}
