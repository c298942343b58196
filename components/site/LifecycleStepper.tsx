import { STATUS_LABELS, type Step } from "@/lib/agreements";
import { formatDate, formatMonthShort } from "@/lib/format/date";

/**
 * An agreement's lifecycle at a glance: proposal to entry into force, one dot per stage. A filled
 * dot has a dated step in our sources, a hollow one was passed without one, a faint one is ahead.
 * Each date links to the milestone on the tracker, where its source is named.
 */
/** One line for readers, under a stepper or a list of them. */
export function StepperKey() {
  return (
    <p className="text-xs text-(--color-muted)">
      Filled dot: a stage with a dated, sourced step. Hollow: a stage passed with no date in our sources. Faint: not reached.
    </p>
  );
}

export function LifecycleStepper({ steps, eventHref, name }: { steps: Step[]; eventHref: (eventId: number) => string; name: string }) {
  return (
    <ol className="not-prose grid list-none grid-cols-7 gap-0 font-sans" aria-label={`Lifecycle of the ${name}`} data-stepper>
      {steps.map((s, i) => {
        const dot =
          s.state === "done"
            ? s.current
              ? "border-(--color-khm) bg-(--color-khm)"
              : "border-(--color-ink) bg-(--color-ink)"
            : s.state === "unrecorded"
              ? "border-(--color-muted) bg-(--color-paper)"
              : "border-(--color-rule) bg-(--color-paper)";
        const line = i === 0 ? "" : steps[i]!.state === "ahead" ? "bg-(--color-rule)" : "bg-(--color-ink)";
        return (
          <li
            key={s.status}
            className="relative flex min-w-0 flex-col items-center text-center"
            data-step={s.status}
            data-state={s.state}
            aria-current={s.current ? "step" : undefined}
            title={STATUS_LABELS[s.status]}
          >
            {i > 0 ? <span className={`absolute right-1/2 top-[7px] h-0.5 w-full ${line}`} aria-hidden="true" /> : null}
            <span className={`relative z-10 h-4 w-4 rounded-full border-2 ${dot}`} aria-hidden="true" />
            <span className={`mt-1 whitespace-nowrap text-[11px] leading-tight tracking-tight sm:text-xs ${s.current ? "font-bold" : s.state === "ahead" ? "text-(--color-muted)" : "font-semibold"}`}>
              {s.label}
            </span>
            {s.first ? (
              <a
                href={eventHref(s.first.id)}
                className="whitespace-nowrap text-[11px] leading-tight text-(--color-muted) underline decoration-dotted underline-offset-2 sm:text-xs"
                title={`${formatDate(s.first.date, s.first.precision)}${s.count > 1 ? ` (first of ${s.count} dated steps)` : ""}: see the source`}
              >
                <time dateTime={s.first.date}>{formatMonthShort(s.first.date)}</time>
                {s.count > 1 ? <span className="sr-only"> (first of {s.count} dated steps)</span> : null}
              </a>
            ) : (
              <span className="text-[11px] leading-tight text-(--color-muted) sm:text-xs" title={s.state === "unrecorded" ? "No date for this stage in our sources" : "Not reached"}>
                <span aria-hidden="true">–</span>
                <span className="sr-only">{s.state === "unrecorded" ? "no date in our sources" : "not reached"}</span>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
