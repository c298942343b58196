import { formatDate } from "@/lib/format/date";

/**
 * The two WTO RTA-IS exports the portal holds, as sources: the newest is preferred (events follow
 * it), the older one is kept to show what changed.
 */
export const WTO_EXPORTS = { newest: "wto-rtais-2026", older: "wto-rtais" } as const;

/**
 * Comparing vintages of the WTO's RTA-IS export. The portal keeps each export's row for an
 * agreement; the newest is preferred, and readers are shown what an older one said differently.
 */
export type WtoFields = {
  rtaId: number;
  coverage: string;
  type: string;
  status: string;
  signedGoods: string | null;
  signedServices: string | null;
  notifiedGoods: string | null;
  notifiedServices: string | null;
  inForceGoods: string | null;
  inForceServices: string | null;
  inactiveOn: string | null;
  cambodiaDate: string | null;
  cambodiaDateKind: "entry" | "ratification" | null;
};

/** The fields readers see, in reading order, with how each is labelled. */
export const WTO_FIELDS: { key: keyof Omit<WtoFields, "rtaId" | "cambodiaDateKind">; label: string; date: boolean }[] = [
  { key: "status", label: "Status", date: false },
  { key: "coverage", label: "Coverage", date: false },
  { key: "type", label: "Type", date: false },
  { key: "signedGoods", label: "Signed (goods)", date: true },
  { key: "signedServices", label: "Signed (services)", date: true },
  { key: "inForceGoods", label: "In force (goods)", date: true },
  { key: "inForceServices", label: "In force (services)", date: true },
  { key: "cambodiaDate", label: "Cambodia's own date", date: true },
  { key: "notifiedGoods", label: "Notified to the WTO (goods)", date: true },
  { key: "notifiedServices", label: "Notified to the WTO (services)", date: true },
  { key: "inactiveOn", label: "Inactive since", date: true },
];

export type WtoFieldKey = (typeof WTO_FIELDS)[number]["key"];

export type FieldChange = { key: WtoFieldKey; label: string; newer: string | null; older: string | null };

/** A field's value as readers see it: dates written out, empty as "not given". */
export function fieldText(key: WtoFieldKey, value: string | null): string {
  if (value === null || value === "") return "not given";
  return WTO_FIELDS.find((f) => f.key === key)?.date ? formatDate(value) : value;
}

/** Fields in which the newer export differs from the older one, in reading order. */
export function wtoChanges(newer: WtoFields, older: WtoFields): FieldChange[] {
  const normal = (v: string | null) => (v === null || v.trim() === "" ? null : v.trim());
  return WTO_FIELDS.filter((f) => normal(newer[f.key]) !== normal(older[f.key])).map((f) => ({
    key: f.key,
    label: f.label,
    newer: normal(newer[f.key]),
    older: normal(older[f.key]),
  }));
}

/** One sentence per change: "In force (services): 1 May 2009 (the March 2021 extract had 14 October 2010)." */
export function changeSentence(c: FieldChange, olderName: string): string {
  return `${c.label}: ${fieldText(c.key, c.newer)} (${olderName} had ${fieldText(c.key, c.older)}).`;
}

/**
 * Pairs each row of the newest export with the same RTA in an older one. A row with no older
 * twin is new to the newer export (an agreement signed or notified since).
 */
export function compareVintages<T extends WtoFields>(newer: T[], older: T[]): { row: T; older: T | null; changes: FieldChange[] }[] {
  return newer.map((row) => {
    const twin = older.find((o) => o.rtaId === row.rtaId) ?? null;
    return { row, older: twin, changes: twin ? wtoChanges(row, twin) : [] };
  });
}
