import Link from "next/link";
import { OneSource } from "@/components/charts/FigureValue";
import { SourceCite } from "@/components/site/SourceCite";
import { DifferBadge } from "@/components/ui/DifferBadge";
import type { EventView, RoundView } from "@/db/queries/agreements";
import { formatDate, formatDateRange } from "@/lib/format/date";
import { roundFormatLabel, STATUS_LABELS } from "@/lib/agreements";

type Item = { kind: "event"; date: string; event: EventView } | { kind: "round"; date: string; round: RoundView };

/** Milestones and negotiating rounds of one agreement, oldest first, each with its source. */
export function RoundsTimeline({
  events,
  rounds,
  compact = false,
  anchors = false,
  latest,
}: {
  events: EventView[];
  rounds: RoundView[];
  compact?: boolean;
  /** Only the most recent steps (milestones and rounds), for a panel; the tracker has them all. */
  latest?: number;
  /** Give each milestone an id (event-N) so the stepper can link to it: on the tracker only, where the timeline appears once. */
  anchors?: boolean;
}) {
  const items: Item[] = [
    ...events.map((event) => ({ kind: "event" as const, date: event.date, event })),
    ...rounds.map((round) => ({ kind: "round" as const, date: round.startDate, round })),
  ]
    .sort((a, b) => a.date.localeCompare(b.date) || (a.kind === "event" ? -1 : 1))
    .slice(latest ? -latest : 0);

  return (
    <ol className="not-prose relative my-6 list-none border-l-2 border-(--color-rule) pl-6 font-sans" data-timeline>
      {items.map((item) =>
        item.kind === "event" ? (
          <li
            key={`e${item.event.id}`}
            id={anchors ? `event-${item.event.id}` : undefined}
            className="relative mb-5 scroll-mt-20"
            data-milestone={item.event.status}
            data-event-id={item.event.id}
            data-confidence={item.event.confidence}
          >
            <span
              className={`absolute top-1 -left-[33px] h-4 w-4 rounded-full border-2 border-(--color-paper) ${item.event.status === "in_force" ? "bg-(--color-khm)" : "bg-(--color-muted)"}`}
              aria-hidden="true"
            />
            <p className="text-xs font-semibold tracking-wide text-(--color-muted) uppercase">
              <time dateTime={item.event.date}>
                {item.event.endDate
                  ? formatDateRange(item.event.date, item.event.endDate, item.event.precision)
                  : formatDate(item.event.date, item.event.precision)}
              </time>
              {" · "}
              {STATUS_LABELS[item.event.status]}
              {item.event.partyName ? ` · ${item.event.partyName}` : ""}
            </p>
            <p className="mt-0.5">{item.event.description}</p>
            <p className="text-xs text-(--color-muted)" data-event-source>
              Source: <SourceCite source={item.event.source} short={compact} />
              {item.event.confidence === "medium" ? <OneSource /> : null}
            </p>
            {!compact && item.event.alsoIn.length > 0 ? (
              <p className="text-xs text-(--color-muted)" data-event-also>
                Also:{" "}
                {item.event.alsoIn.map((s, i) => (
                  <span key={s.id}>
                    {i > 0 ? "; " : ""}
                    <SourceCite source={s} short />
                    {s.note ? ` (${s.note.replace(/\.$/, "")})` : ""}
                  </span>
                ))}
              </p>
            ) : null}
          </li>
        ) : (
          <li key={`r${item.round.id}`} className="relative mb-5" data-round={item.round.number}>
            <span
              className="absolute top-1 -left-[33px] h-4 w-4 rounded-full border-2 border-(--color-paper) bg-(--color-accent)"
              aria-hidden="true"
            />
            <p className="text-xs font-semibold tracking-wide text-(--color-accent-ink) uppercase">
              <time dateTime={item.round.startDate}>{formatDateRange(item.round.startDate, item.round.endDate)}</time>
              {" · "}
              {roundFormatLabel(item.round.format)}
              {item.round.host ? ` · ${item.round.host}` : ""}
            </p>
            <h3 className="mt-0.5 font-bold">Round {item.round.number}</h3>
            {!compact && item.round.topics.length > 0 ? (
              <ul className="mt-1 flex flex-wrap gap-1.5" aria-label={`Topics of round ${item.round.number}`}>
                {item.round.topics.map((t) => (
                  <li key={t} className="rounded-full border border-(--color-rule) px-2 py-0.5 text-xs">
                    {t}
                  </li>
                ))}
              </ul>
            ) : null}
            <RoundDateReports round={item.round} />
          </li>
        ),
      )}
    </ol>
  );
}

/** Shows who reported a round's dates, and flags reports that give other dates. */
export function RoundDateReports({ round }: { round: RoundView }) {
  const dated = round.reports.filter((r) => r.startDate && r.endDate);
  const differing = dated.filter((r) => r.startDate !== round.startDate || r.endDate !== round.endDate);
  const named = dated.filter((r) => !differing.includes(r));
  return (
    <div className="mt-1 text-xs text-(--color-muted)">
      {named.length > 0 ? (
        <p>
          Dates:{" "}
          {named.map((r, i) => (
            <span key={r.sourceId}>
              {i > 0 ? ", " : ""}
              <Link className="underline" href={`/sources/${r.sourceId}`}>
                {r.publisher}, {formatDate(r.publishedOn)}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      {differing.length > 0 ? (
        <p className="mt-1" data-sources-differ="true">
          <DifferBadge />{" "}
          {differing.map((r) => (
            <span key={r.sourceId}>
              <Link className="underline" href={`/sources/${r.sourceId}`}>
                {r.publisher}
              </Link>{" "}
              gives {formatDateRange(r.startDate!, r.endDate!)}
              {r.note ? ` (${r.note})` : ""}.{" "}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
