import type { RawSql } from "../test/support/raw-sql";

export type ExpectedRow = {
  id: number;
  partner: string;
  side: "cambodia" | "partner";
  year: number;
  value: number;
  reported_value: number;
  source_id: string;
  preferred: number;
  estimate: number;
  derived: number;
  records: string | null;
  approximate: number;
  confidence: "high" | "medium";
};

/** `?, ?, ?` for a list bound as separate parameters (both engines). */
const placeholders = (list: readonly unknown[]) => list.map(() => "?").join(", ");

/**
 * What the explorer and /api/v1/figures must show for a selection, worked out in SQL alone: per
 * partner, year and side, the annual value ranked preferred first, then official statistics, then
 * reported over derived, then oldest id (pickFigure in lib/domain/figure.ts, restated independently).
 */
export async function expectedRows(
  db: RawSql,
  q: { partners: string[]; flow: string; from: number; to: number; sides: ("cambodia" | "partner")[] },
): Promise<ExpectedRow[]> {
  const rows = await db.all<ExpectedRow>(
    `WITH ranked AS (
       SELECT f.id, f.counterpart AS partner, f.side, CAST(substr(f.period_start, 1, 4) AS INTEGER) AS year,
              f.khm_value AS value, f.value AS reported_value, f.source_id, f.preferred, f.estimate, f.derived,
              f.records, f.approximate, f.confidence,
              ROW_NUMBER() OVER (PARTITION BY f.counterpart, f.side, f.period_start
                                 ORDER BY f.preferred DESC, (s.kind = 'official_statistics') DESC, f.derived ASC, f.id ASC) AS rank
       FROM trade_figures f JOIN sources s ON s.id = f.source_id
       WHERE f.counterpart IN (${placeholders(q.partners)}) AND f.khm_flow = ? AND f.unit = 'USD'
         AND f.side IN (${placeholders(q.sides)})
         AND substr(f.period_start, 6, 2) = '01' AND f.period_end = substr(f.period_start, 1, 4) || '-12'
         AND CAST(substr(f.period_start, 1, 4) AS INTEGER) BETWEEN ? AND ?)
     SELECT id, partner, side, year, value, reported_value, source_id, preferred, estimate, derived, records, approximate, confidence FROM ranked WHERE rank = 1`,
    ...q.partners,
    q.flow,
    ...q.sides,
    q.from,
    q.to,
  );
  // Display order: partners as asked, years ascending, Cambodia's side first.
  return rows.sort(
    (a, b) =>
      q.partners.indexOf(a.partner) - q.partners.indexOf(b.partner) || a.year - b.year || q.sides.indexOf(a.side) - q.sides.indexOf(b.side),
  );
}

/** Milestone dates of agreements Cambodia shares with any of the partners, inside the years: the first step of each stage, per party. */
export async function expectedMilestoneDates(db: RawSql, partners: string[], from: number, to: number): Promise<string[]> {
  return db.column<string>(
    `SELECT DISTINCT e.date FROM agreement_events e
     WHERE e.agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE partner_code IN (${placeholders(partners)}))
       AND e.agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE partner_code = 'KHM')
       AND NOT EXISTS (SELECT 1 FROM agreement_events o WHERE o.agreement_id = e.agreement_id AND o.status = e.status AND o.party IS NOT DISTINCT FROM e.party
                       AND (o.date < e.date OR (o.date = e.date AND o.id < e.id)))
       AND e.date BETWEEN ? AND ? ORDER BY e.date`,
    ...partners,
    `${from}-01-01`,
    `${to}-12-31`,
  );
}

/** US$ millions with one decimal, as the table prints them. */
export const millions = (usd: number) => (usd / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
