import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { WriteTx } from "../client";
import { partners, recordKeepers, sources, tradeFigures, type Flow } from "../schema";
import type { FigureWrite } from "@/lib/validation/figure";
import { assertVersion, audit, type Actor } from "./audit";
import { FieldError, NotFoundError } from "./errors";

type Row = typeof tradeFigures.$inferSelect;

/** Cambodia's side of a reporter's flow (a partner's exports are Cambodia's imports). */
export function khmFlowOf(reporter: string, flow: Flow): Flow {
  if (reporter === "KHM") return flow;
  return flow === "exports" ? "imports" : flow === "imports" ? "exports" : flow;
}

const cellOf = (r: Pick<Row, "reporter" | "partner" | "flow" | "periodStart" | "periodEnd">) => ({
  counterpart: r.reporter === "KHM" ? r.partner : r.reporter,
  khmFlow: khmFlowOf(r.reporter, r.flow),
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
});

function cellWhere(c: ReturnType<typeof cellOf>) {
  return and(
    eq(tradeFigures.counterpart, c.counterpart),
    eq(tradeFigures.khmFlow, c.khmFlow),
    eq(tradeFigures.periodStart, c.periodStart),
    eq(tradeFigures.periodEnd, c.periodEnd),
  );
}

function cellHasPreferred(tx: WriteTx, c: ReturnType<typeof cellOf>, exceptId?: number): boolean {
  return !!tx
    .select({ id: tradeFigures.id })
    .from(tradeFigures)
    .where(and(cellWhere(c), eq(tradeFigures.preferred, true), exceptId ? ne(tradeFigures.id, exceptId) : undefined))
    .get();
}

/** The row a source gives for one quantity and period (the one-per-source unique key). */
export function sameSourceValue(k: Pick<Row, "reporter" | "partner" | "flow" | "periodStart" | "periodEnd" | "sourceId">) {
  return and(
    eq(tradeFigures.reporter, k.reporter),
    eq(tradeFigures.partner, k.partner),
    eq(tradeFigures.flow, k.flow),
    eq(tradeFigures.periodStart, k.periodStart),
    eq(tradeFigures.periodEnd, k.periodEnd),
    eq(tradeFigures.sourceId, k.sourceId),
  );
}

export type SavedFigure = { id: number; counterparts: string[]; sourceIds: string[]; changed: number };

/**
 * Creates or corrects one figure, keeps exactly one preferred value in its cell, and recomputes the
 * totals and balances derived from it, all in the caller's transaction.
 */
export function saveFigure(tx: WriteTx, actor: Actor, input: FigureWrite): SavedFigure {
  for (const field of ["reporter", "partner"] as const) {
    if (!tx.select({ code: partners.code }).from(partners).where(eq(partners.code, input[field])).get()) {
      throw new FieldError(field, `Unknown economy code ${input[field]}.`);
    }
  }
  if (!tx.select({ id: sources.id }).from(sources).where(eq(sources.id, input.source)).get()) throw new FieldError("source", "Unknown source.");
  if (input.records) {
    const keeper = tx.select().from(recordKeepers).where(eq(recordKeepers.code, input.records)).get();
    if (!keeper) throw new FieldError("records", "Unknown record keeper.");
    if (keeper.economy !== input.reporter) throw new FieldError("records", `${keeper.code} keeps ${keeper.economy}'s records: choose ${keeper.economy} as the reporter, or another record keeper.`);
  }

  const key = { reporter: input.reporter, partner: input.partner, flow: input.flow, periodStart: input.periodStart, periodEnd: input.periodEnd };
  const cell = cellOf(key);
  const twin = tx
    .select({ id: tradeFigures.id })
    .from(tradeFigures)
    .where(and(sameSourceValue({ ...key, sourceId: input.source }), input.id ? ne(tradeFigures.id, input.id) : undefined))
    .get();
  if (twin) throw new FieldError("source", `This source already has a value for that quantity and period (figure ${twin.id}); edit that one instead.`);

  const now = new Date().toISOString();
  const fields = {
    ...key,
    value: input.amount,
    unit: input.unit,
    sourceId: input.source,
    note: input.note ?? null,
    estimate: input.estimate,
    // Left out (a CSV row), these keep what is stored; a new row gets the defaults.
    ...(input.approximate !== undefined ? { approximate: input.approximate } : {}),
    ...(input.oneSource !== undefined ? { confidence: input.oneSource ? ("medium" as const) : ("high" as const) } : {}),
    ...(input.oneSource !== undefined || input.approximate !== undefined ? { records: input.records ?? null } : {}),
    updatedAt: now,
    updatedBy: actor.id,
  };

  let current: Row | undefined;
  if (input.id !== undefined) {
    current = tx.select().from(tradeFigures).where(eq(tradeFigures.id, input.id)).get();
    if (!current) throw new NotFoundError();
    assertVersion(tx, "figure", current.id, current.version, input.version ?? -1);
    if (current.derived) throw new FieldError("value", "This value is computed from exports and imports; correct those and it follows.");
  }
  const oldCell = current ? cellOf(current) : null;
  const movedCell = oldCell && JSON.stringify(oldCell) !== JSON.stringify(cell);

  // Exactly one preferred value per cell: ticking "preferred" takes it from the others; a value
  // that is alone in its cell is preferred whether ticked or not.
  let preferred = input.preferred || !cellHasPreferred(tx, cell, current?.id);
  if (current?.preferred && !input.preferred && !movedCell) {
    if (cellHasOthers(tx, cell, current.id)) {
      throw new FieldError("preferred", "To stop preferring this value, open another value of the same figure and make that one preferred.");
    }
    preferred = true;
  }
  if (preferred) tx.update(tradeFigures).set({ preferred: false }).where(and(cellWhere(cell), eq(tradeFigures.preferred, true))).run();

  let id: number;
  if (current) {
    tx.update(tradeFigures).set({ ...fields, preferred, version: current.version + 1 }).where(eq(tradeFigures.id, current.id)).run();
    id = current.id;
    if (movedCell && current.preferred) promoteOne(tx, oldCell);
  } else {
    id = tx.insert(tradeFigures).values({ ...fields, preferred }).returning({ id: tradeFigures.id }).get().id;
  }
  const after = tx.select().from(tradeFigures).where(eq(tradeFigures.id, id)).get();
  audit(tx, actor, { action: current ? "update" : "create", entity: "figure", entityId: id, before: current, after });

  let changed = 1 + recomputeDerived(tx, actor, key.reporter, key.partner, key.periodStart, key.periodEnd, input.source);
  if (current && (current.reporter !== key.reporter || current.partner !== key.partner || current.periodStart !== key.periodStart || current.sourceId !== input.source)) {
    changed += recomputeDerived(tx, actor, current.reporter, current.partner, current.periodStart, current.periodEnd, current.sourceId);
  }
  const counterparts = [cell.counterpart, ...(oldCell ? [oldCell.counterpart] : [])];
  const sourceIds = [input.source, ...(current ? [current.sourceId] : [])];
  return { id, counterparts: [...new Set(counterparts)], sourceIds: [...new Set(sourceIds)], changed };
}

function cellHasOthers(tx: WriteTx, c: ReturnType<typeof cellOf>, exceptId: number): boolean {
  return !!tx.select({ id: tradeFigures.id }).from(tradeFigures).where(and(cellWhere(c), ne(tradeFigures.id, exceptId))).get();
}

/** After the preferred value leaves a cell, prefer the best remaining one (reported before derived). */
function promoteOne(tx: WriteTx, c: ReturnType<typeof cellOf>) {
  if (cellHasPreferred(tx, c)) return;
  const next = tx.select().from(tradeFigures).where(cellWhere(c)).orderBy(tradeFigures.derived, tradeFigures.id).limit(1).get();
  if (next) tx.update(tradeFigures).set({ preferred: true }).where(eq(tradeFigures.id, next.id)).run();
}

/**
 * Totals and balances stored as derived rows follow the exports and imports they come from (same
 * reporter, partner, period and source). Returns how many derived rows changed.
 */
export function recomputeDerived(tx: WriteTx, actor: Actor, reporter: string, partner: string, periodStart: string, periodEnd: string, sourceId: string): number {
  const same = and(
    eq(tradeFigures.reporter, reporter),
    eq(tradeFigures.partner, partner),
    eq(tradeFigures.periodStart, periodStart),
    eq(tradeFigures.periodEnd, periodEnd),
    eq(tradeFigures.sourceId, sourceId),
  );
  const rows = tx.select().from(tradeFigures).where(same).all();
  const x = rows.find((r) => r.flow === "exports" && !r.derived);
  const m = rows.find((r) => r.flow === "imports" && !r.derived);
  if (!x || !m) return 0;
  let changed = 0;
  const now = new Date().toISOString();
  // A derived value inherits what its inputs are: whose records (when both agree), approximate, one source.
  const inherited = {
    records: x.records === m.records ? x.records : null,
    approximate: x.approximate || m.approximate,
    confidence: x.confidence === "medium" || m.confidence === "medium" ? ("medium" as const) : ("high" as const),
  };
  for (const [flow, value] of [["total", x.value + m.value], ["balance", x.value - m.value]] as const) {
    const existing = rows.find((r) => r.flow === flow);
    const estimate = x.estimate || m.estimate;
    if (existing && !existing.derived) continue; // a reported total is never overwritten
    if (existing) {
      const same =
        existing.value === value &&
        existing.estimate === estimate &&
        existing.records === inherited.records &&
        existing.approximate === inherited.approximate &&
        existing.confidence === inherited.confidence;
      if (same) continue;
      tx.update(tradeFigures).set({ value, estimate, ...inherited, version: existing.version + 1, updatedAt: now, updatedBy: actor.id }).where(eq(tradeFigures.id, existing.id)).run();
      audit(tx, actor, { action: "recompute", entity: "figure", entityId: existing.id, before: { value: existing.value, estimate: existing.estimate }, after: { value, estimate } });
    } else {
      const cell = cellOf({ reporter, partner, flow, periodStart, periodEnd });
      const row = tx
        .insert(tradeFigures)
        .values({
          reporter, partner, flow, periodStart, periodEnd, value, unit: "USD", sourceId, estimate, derived: true, ...inherited,
          preferred: !cellHasPreferred(tx, cell),
          note: flow === "total" ? "Exports plus imports in the same records." : "Exports minus imports in the same records.",
          updatedAt: now, updatedBy: actor.id,
        })
        .returning()
        .get();
      audit(tx, actor, { action: "recompute", entity: "figure", entityId: row.id, after: row });
    }
    changed++;
  }
  return changed;
}
