/**
 * Milestones from one row of a WTO RTA-IS export. Pure: the seed stores what this returns, and a
 * unit test checks it against rows of both exports.
 */
import type { AgreementStatus } from "./schema";
import type { WtoAgreementSeed } from "./seed-data/newsroom";
import type { WtoFields } from "@/lib/wto";
import { CAMBODIA } from "@/lib/domain/figure";

/** The fields of one export row the portal keeps (table wto_rta_records). */
export type WtoRow = WtoFields & { name: string; remarks: string | null };

export type WtoEvent = { status: AgreementStatus; date: string; description: string; party?: string };

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Signature and entry into force, for goods and services (one step when both fall on the same
 * day), and Cambodia's own date where the WTO gives one. An agreement with more than two parties
 * enters into force "for the first parties": the WTO's general date need not be Cambodia's.
 * `siblings` are other rows of the same agreement (AFTA's inactive 1992 row), so a row that
 * replaced another says so.
 */
export function wtoEvents(row: WtoRow, meta: WtoAgreementSeed, siblings: { row: WtoRow; meta: WtoAgreementSeed }[]): WtoEvent[] {
  const bilateral = meta.parties.length === 2;
  const part = (which: "goods" | "services", both: boolean) => (both ? "goods and services" : which);
  const events: WtoEvent[] = [];
  const pair = (status: "signed" | "in_force", goods: string | null, services: string | null) => {
    const same = goods !== null && goods === services;
    for (const [which, date] of [
      ["goods", goods],
      ["services", same ? null : services],
    ] as const) {
      if (!date) continue;
      const instrument = meta.instruments?.[which];
      const replaced = siblings
        .filter((s) => s.row.inactiveOn === date && status === "in_force")
        .map((s) => s.meta.instruments?.goods ?? s.row.name);
      let text: string;
      if (status === "signed") text = instrument ? `${capital(instrument)} is signed.` : `Signed (${part(which, same)}).`;
      else if (bilateral) text = instrument ? `${capital(instrument)} enters into force.` : `Enters into force (${part(which, same)}).`;
      else
        text = instrument
          ? `${capital(instrument)} enters into force for the first parties.`
          : `In force for the first parties (${part(which, same)}).`;
      if (replaced.length) text += ` The WTO lists ${replaced.join(" and ")} as inactive from the same day.`;
      events.push({ status, date, description: text });
    }
  };
  pair("signed", row.signedGoods, row.signedServices);
  pair("in_force", row.inForceGoods, row.inForceServices);
  if (row.cambodiaDate && row.cambodiaDateKind === "entry") {
    events.push({ status: "in_force", date: row.cambodiaDate, party: CAMBODIA, description: "In force for Cambodia." });
  } else if (row.cambodiaDate && row.cambodiaDateKind === "ratification") {
    events.push({
      status: "ratification",
      date: row.cambodiaDate,
      party: CAMBODIA,
      description: "Cambodia ratifies; the WTO lists this as the day Cambodia's participation begins.",
    });
  }
  // Two parts on one day give one step (a bilateral agreement signed for goods and services at once).
  return events.filter((e, i) => events.findIndex((x) => x.status === e.status && x.date === e.date) === i);
}
