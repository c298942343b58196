import Link from "next/link";
import { OneSource, shortPublisher } from "@/components/charts/FigureValue";
import type { EventView, RoundView, TariffShareView } from "@/db/queries/agreements";
import { statusSentence, type StatusSummary } from "@/lib/agreements";
import { formatDate, formatDateRange } from "@/lib/format/date";
import { fieldText, WTO_EXPORTS, WTO_FIELDS, type WtoFieldKey } from "@/lib/wto";

/**
 * Single facts about an agreement, set inline in a sentence of a story or a page: a milestone's
 * date, where the agreement stands, a round's dates, a tariff-elimination share, one field of a
 * WTO export's row. Each links to where it is sourced. Props only: the story widgets
 * (lib/widgets/agreements.tsx) and the pages read the data.
 */

const LINK = "underline decoration-dotted decoration-1 underline-offset-4";

/** The date of one milestone, linking to it on the tracker; "one source" when only one secondary report gives it. */
export function MilestoneDate({ agreementSlug, event: e }: { agreementSlug: string; event: EventView }) {
  return (
    <a
      href={`/agreements/${agreementSlug}#event-${e.id}`}
      className={`fig whitespace-nowrap ${LINK}`}
      data-milestone-date={e.date}
      title={`${e.description} Source: ${e.sourcePublisher}${e.confidence === "medium" ? " (one source)" : ""}`}
    >
      <time dateTime={e.date}>{formatDate(e.date, e.precision)}</time>
      {e.confidence === "medium" ? (
        <span className="font-sans text-[0.72em]">
          <OneSource />
        </span>
      ) : null}
    </a>
  );
}

/** Where an agreement stands, mid-sentence: "in force for Cambodia since 1 January 2022", linking to its tracker. */
export function AgreementStatusText({ agreementSlug, standing }: { agreementSlug: string; standing: StatusSummary }) {
  const text = statusSentence(standing);
  return (
    <a
      href={`/agreements/${agreementSlug}`}
      className={`fig ${LINK}`}
      data-agreement-status={standing.status ?? ""}
      data-since={standing.since?.date ?? ""}
    >
      {text.charAt(0).toLowerCase() + text.slice(1)}
    </a>
  );
}

/** A round's dates, linking to its row on the tracker. */
export function RoundDatesLink({
  agreementSlug,
  round,
}: {
  agreementSlug: string;
  round: Pick<RoundView, "number" | "startDate" | "endDate">;
}) {
  return (
    <a
      href={`/agreements/${agreementSlug}#round-${round.number}`}
      className={`fig ${LINK}`}
      data-round-dates={`${round.startDate}/${round.endDate}`}
    >
      <time dateTime={round.startDate}>{formatDateRange(round.startDate, round.endDate)}</time>
    </a>
  );
}

/** A stored tariff-elimination share ("90.3% of tariff lines"), with its source and the source's own caveats. */
export function TariffShareValue({ share }: { share: TariffShareView }) {
  const percent = `${Number((share.shareBp / 100).toFixed(2))}%`;
  const counted = share.counted === "products" ? "of products" : "of tariff lines";
  return (
    <span className="fig" data-tariff-share={share.shareBp} data-counted={share.counted}>
      <Link
        href={`/sources/${share.source.id}`}
        className="font-sans text-[0.95em] font-semibold whitespace-nowrap underline decoration-dotted decoration-1 underline-offset-4"
        title={share.note ?? undefined}
      >
        {percent}
      </Link>{" "}
      {counted}
      <span className="align-[0.25em] font-sans text-[0.72em] text-(--color-muted)">
        {" "}
        {shortPublisher(share.source.publisher)}
        {share.combinedWith ? `, ${share.combinedWith.shortName} included` : ""}
        {share.confidence === "medium" ? <OneSource /> : null}
      </span>
    </span>
  );
}

/** One field of one WTO export's row, linking to the tracker's WTO section. */
export function WtoFieldValue({
  agreementSlug,
  sourceId,
  rtaId,
  field,
  value,
}: {
  agreementSlug: string;
  sourceId: string;
  rtaId: number;
  field: WtoFieldKey;
  value: string | null;
}) {
  const isDate = WTO_FIELDS.find((f) => f.key === field)?.date ?? false;
  return (
    <a
      href={`/agreements/${agreementSlug}#wto-heading`}
      className={`fig ${LINK}`}
      data-wto-field={field}
      data-wto-value={value ?? ""}
      title={`WTO RTA-IS, ${sourceId === WTO_EXPORTS.older ? "March 2021 extract" : "export of early 2026"}, RTA ${rtaId}`}
    >
      {isDate && value ? <time dateTime={value}>{fieldText(field, value)}</time> : fieldText(field, value)}
    </a>
  );
}
