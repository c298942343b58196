import { AGREEMENT_STATUSES, type AgreementStatus, type ROUND_FORMATS } from "@/db/schema";
import { CAMBODIA } from "@/lib/domain/figure";
import { formatDate } from "@/lib/format/date";

/**
 * The rules of an agreement's lifecycle, in one place: which stage it has reached, since when and
 * for whom, and how the stages read. Pages, widgets, the API and tests use these.
 */
export const STATUS_LABELS: Record<AgreementStatus, string> = {
  proposed: "Proposed",
  feasibility_study: "Feasibility study",
  negotiating: "Negotiating",
  concluded: "Concluded",
  signed: "Signed",
  ratification: "Ratification",
  in_force: "In force",
};

/** How a round was held, as the tracker, the timeline and the round form name it (the form offers them in this order). */
export const ROUND_FORMAT_LABELS: Record<(typeof ROUND_FORMATS)[number], string> = {
  in_person: "In person",
  virtual: "Virtual",
  hybrid: "Hybrid",
};
export const roundFormatLabel = (format: string): string =>
  format in ROUND_FORMAT_LABELS ? ROUND_FORMAT_LABELS[format as keyof typeof ROUND_FORMAT_LABELS] : format;

/** Short labels for the stepper, where seven steps share one line. */
export const STEP_LABELS: Record<AgreementStatus, string> = {
  proposed: "Proposed",
  feasibility_study: "Study",
  negotiating: "Talks",
  concluded: "Agreed",
  signed: "Signed",
  ratification: "Ratified",
  in_force: "In force",
};

const stage = (s: AgreementStatus) => AGREEMENT_STATUSES.indexOf(s);

type Dated = { status: AgreementStatus; date: string; precision?: "day" | "month"; party?: string | null };

/**
 * The furthest stage the record reaches. A later step at an earlier stage (a member ratifying an
 * agreement already in force for others) does not take the agreement back.
 */
export function currentStatus(events: Pick<Dated, "status" | "date">[]): AgreementStatus | null {
  let best: AgreementStatus | null = null;
  for (const e of events) if (best === null || stage(e.status) > stage(best)) best = e.status;
  return best;
}

export type StatusSummary = {
  status: AgreementStatus | null;
  /** When the current stage began (for "in force", the date that applies to Cambodia where known). */
  since: { date: string; precision: "day" | "month" } | null;
  /**
   * Whom the date applies to: Cambodia (its own date, or a bilateral agreement's), or only the
   * first parties of a wider agreement when the sources give no date for Cambodia.
   */
  scope: "cambodia" | "first_parties";
  /** Cambodia's own ratification when the agreement is in force for others and no entry date for Cambodia is known. */
  cambodiaRatified: string | null;
};

const earliest = <T extends { date: string }>(list: T[]): T | undefined => [...list].sort((a, b) => a.date.localeCompare(b.date))[0];

/** Where an agreement stands, since when and for whom. `partyCount` counts every party, Cambodia included. */
export function statusSummary(events: Dated[], partyCount: number): StatusSummary {
  const status = currentStatus(events);
  const at = (e: Dated | undefined) => (e ? { date: e.date, precision: e.precision ?? "day" } : null);
  if (status !== "in_force") {
    return { status, since: at(earliest(events.filter((e) => e.status === status))), scope: "cambodia", cambodiaRatified: null };
  }
  const inForce = events.filter((e) => e.status === "in_force");
  const forCambodia = earliest(inForce.filter((e) => e.party === CAMBODIA));
  if (forCambodia) return { status, since: at(forCambodia), scope: "cambodia", cambodiaRatified: null };
  const general = earliest(inForce.filter((e) => !e.party));
  const ratified = earliest(events.filter((e) => e.status === "ratification" && e.party === CAMBODIA));
  return {
    status,
    since: at(general ?? earliest(inForce)),
    scope: partyCount === 2 ? "cambodia" : "first_parties",
    cambodiaRatified: partyCount === 2 ? null : (ratified?.date ?? null),
  };
}

/** "In force for Cambodia since 1 December 2022", "Negotiating since 2 July 2020", "In force since 1 January 2005 for the first parties". */
export function statusSentence(s: StatusSummary): string {
  if (!s.status) return "Status unknown";
  const label = STATUS_LABELS[s.status];
  if (!s.since) return label;
  const when = formatDate(s.since.date, s.since.precision);
  if (s.status !== "in_force") return `${label} since ${when}`;
  if (s.scope === "cambodia") return `In force for Cambodia since ${when}`;
  return `In force since ${when} for the first parties`;
}

export type Step = {
  status: AgreementStatus;
  label: string;
  /** done: a dated step is recorded; unrecorded: a later stage is reached but our sources date none here; ahead: not reached. */
  state: "done" | "unrecorded" | "ahead";
  /** The first event of the stage (for "in force", the date in the status summary). */
  first: { id: number; date: string; precision: "day" | "month" } | null;
  /** How many dated steps the stage holds (Cambodia's Senate, the Royal Code…). */
  count: number;
  current: boolean;
};

/** The lifecycle from proposal to entry into force, one step per stage, for the stepper. */
export function lifecycleSteps(events: (Dated & { id: number })[], partyCount: number): Step[] {
  const summary = statusSummary(events, partyCount);
  const reached = summary.status ? stage(summary.status) : -1;
  return AGREEMENT_STATUSES.map((status) => {
    const own = events.filter((e) => e.status === status);
    let first = earliest(own);
    if (status === "in_force" && summary.status === "in_force" && summary.since) {
      first = own.find((e) => e.date === summary.since?.date) ?? first;
    }
    return {
      status,
      label: STEP_LABELS[status],
      state: own.length > 0 ? "done" : stage(status) < reached ? "unrecorded" : "ahead",
      first: first ? { id: first.id, date: first.date, precision: first.precision ?? "day" } : null,
      count: own.length,
      current: status === summary.status,
    };
  });
}

/**
 * The last date the record of an agreement reaches: its latest milestone, round or published
 * update. Pages say "our record stops at …" so a reader knows nothing later is covered.
 */
export function recordEnd(dates: (string | null | undefined)[]): string | null {
  const list = dates.filter((d): d is string => typeof d === "string" && d.length >= 10).map((d) => d.slice(0, 10));
  return list.length ? list.sort().at(-1)! : null;
}

/**
 * One milestone of a stage, as a story names it: the first step of the stage (or the last, for
 * "the last ratification"), optionally one party's own. Events come oldest first, as getAgreement
 * returns them.
 */
export function findMilestone<E extends { status: AgreementStatus; party: string | null }>(
  events: readonly E[],
  which: { status: AgreementStatus; party?: string; last?: boolean },
): E | null {
  const list = events.filter((e) => e.status === which.status && (which.party === undefined || e.party === which.party));
  return (which.last ? list.at(-1) : list[0]) ?? null;
}
