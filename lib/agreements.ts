import type { AgreementStatus } from "@/db/schema";

export const STATUS_LABELS: Record<AgreementStatus, string> = {
  proposed: "Proposed",
  feasibility_study: "Feasibility study",
  negotiating: "Negotiating",
  concluded: "Concluded",
  signed: "Signed",
  in_force: "In force",
};
