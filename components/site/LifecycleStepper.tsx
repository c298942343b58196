import { STATUS_LABELS, type Step } from "@/lib/agreements";
import { formatDate, formatMonthShort } from "@/lib/format/date";

/** One line for readers, under a stepper or a list of them. */
export function StepperKey() {
  return (
    <p className="text-xs text-(--color-muted)">
      Filled dot: a stage with a dated, sourced step. Hollow: a stage passed with no date in our sources. Faint: not reached.
    </p>
  );
}

/**
 * An agreement's lifecycle at a glance: proposal to entry into force, one dot per stage. A filled
 * dot has a dated step in our sources, a hollow one was passed without one, a faint one is ahead.
 * Each date links to the milestone on the tracker, where its source is named. In a narrow column
 * (under 22rem, e.g. the front page's side panel) the steps stack; wider, they run in one line.
 */
export function LifecycleStepper({ steps, eventHref, name }: { steps: Step[]; eventHref: (eventId: number) => string; name: string }) {
  return (
    <div className="@container">
      <ol
        className="not-prose grid list-none grid-cols-1 gap-1 font-sans @min-[22rem]:grid-cols-7 @min-[22rem]:gap-0"
        aria-label={`Lifecycle of the ${name}`}
        data-stepper
      >
        {steps.map((s, i) => {
          const dot =
            s.state === "done"
              ? s.current
                ? "border-(--color-khm) bg-(--color-khm)"
                : "border-(--color-ink) bg-(--color-ink)"
              : s.state === "unrecorded"
                ? "border-(--color-muted) bg-(--color-paper)"
                : "border-(--color-rule) bg-(--color-paper)";
          const line = s.state === "ahead" ? "bg-(--color-rule)" : "bg-(--color-ink)";
          return (
            <li
              key={s.status}
              className="relative flex min-w-0 items-center gap-2 @min-[22rem]:flex-col @min-[22rem]:items-center @min-[22rem]:gap-0 @min-[22rem]:text-center"
              data-step={s.status}
              data-state={s.state}
              aria-current={s.current ? "step" : undefined}
              title={STATUS_LABELS[s.status]}
            >
              {i > 0 ? (
                <span className={`absolute top-[7px] right-1/2 hidden h-0.5 w-full @min-[22rem]:block ${line}`} aria-hidden="true" />
              ) : null}
              <span className={`relative z-10 h-4 w-4 shrink-0 rounded-full border-2 ${dot}`} aria-hidden="true" />
              <span
                className={`text-xs leading-tight tracking-tight whitespace-nowrap @min-[22rem]:mt-1 @min-[22rem]:text-[11px] @md:text-xs ${s.current ? "font-bold" : s.state === "ahead" ? "text-(--color-muted)" : "font-semibold"}`}
              >
                {s.label}
              </span>
              {s.first ? (
                <a
                  href={eventHref(s.first.id)}
                  className="text-xs leading-tight whitespace-nowrap text-(--color-muted) underline decoration-dotted underline-offset-2 @min-[22rem]:text-[11px] @md:text-xs"
                  title={`${formatDate(s.first.date, s.first.precision)}${s.count > 1 ? ` (first of ${s.count} dated steps)` : ""}: see the source`}
                >
                  <time dateTime={s.first.date}>{formatMonthShort(s.first.date)}</time>
                  {s.count > 1 ? <span className="sr-only"> (first of {s.count} dated steps)</span> : null}
                </a>
              ) : (
                <span
                  className="text-xs leading-tight text-(--color-muted) @min-[22rem]:text-[11px] @md:text-xs"
                  title={s.state === "unrecorded" ? "No date for this stage in our sources" : "Not reached"}
                >
                  <span aria-hidden="true">–</span>
                  <span className="sr-only">{s.state === "unrecorded" ? "no date in our sources" : "not reached"}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
