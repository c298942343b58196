import type { AgreementStatus, ROUND_FORMATS } from "@/db/schema";

export const STATUS_LABELS: Record<AgreementStatus, string> = {
  proposed: "Proposed",
  feasibility_study: "Feasibility study",
  negotiating: "Negotiating",
  concluded: "Concluded",
  signed: "Signed",
  in_force: "In force",
};

/** How a round was held, as the tracker, the timeline and the round form name it (the form offers them in this order). */
export const ROUND_FORMAT_LABELS: Record<(typeof ROUND_FORMATS)[number], string> = { in_person: "In person", virtual: "Virtual", hybrid: "Hybrid" };
export const roundFormatLabel = (format: string): string => (format in ROUND_FORMAT_LABELS ? ROUND_FORMAT_LABELS[format as keyof typeof ROUND_FORMAT_LABELS] : format);
