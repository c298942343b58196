import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { WriteTx } from "../client";
import { cellWhere, groupWhere, sameSourceValue } from "../figure-where";
import { partners, recordKeepers, sources, tradeFigures } from "../tables";
import {
  cellOf,
  derivedFromPair,
  derivedMarks,
  recordGroupOf,
  sameCell,
  sameRecordGroup,
  type Cell,
  type RecordGroup,
} from "@/lib/domain/figure";
import type { FigureWrite } from "@/lib/validation/figure";
import { assertVersion, audit, type Actor } from "./audit";
import { FieldError, NotFoundError } from "./errors";

type Row = typeof tradeFigures.$inferSelect;

async function cellHasPreferred(tx: WriteTx, c: Cell, exceptId?: number): Promise<boolean> {
  const found = await tx
    .select({ id: tradeFigures.id })
    .from(tradeFigures)
    .where(and(cellWhere(c), eq(tradeFigures.preferred, true), exceptId ? ne(tradeFigures.id, exceptId) : undefined))
    .limit(1);
  return found.length > 0;
}

export type SavedFigure = { id: number; counterparts: string[]; sourceIds: string[]; changed: number };

/**
 * Creates or corrects one figure, keeps exactly one preferred value in its cell, and recomputes the
 * totals and balances derived from it, all in the caller's transaction.
 */
export async function saveFigure(tx: WriteTx, actor: Actor, input: FigureWrite): Promise<SavedFigure> {
  for (const field of ["reporter", "partner"] as const) {
    if (!(await tx.select({ code: partners.code }).from(partners).where(eq(partners.code, input[field])).limit(1)).length) {
      throw new FieldError(field, `Unknown economy code ${input[field]}.`);
    }
  }
  if (!(await tx.select({ id: sources.id }).from(sources).where(eq(sources.id, input.source)).limit(1)).length)
    throw new FieldError("source", "Unknown source.");
  if (input.records) {
    const [keeper] = await tx.select().from(recordKeepers).where(eq(recordKeepers.code, input.records)).limit(1);
    if (!keeper) throw new FieldError("records", "Unknown record keeper.");
    if (keeper.economy !== input.reporter)
      throw new FieldError(
        "records",
        `${keeper.code} keeps ${keeper.economy}'s records: choose ${keeper.economy} as the reporter, or another record keeper.`,
      );
  }

  const key = {
    reporter: input.reporter,
    partner: input.partner,
    flow: input.flow,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
  };
  const cell = cellOf(key);
  const [twin] = await tx
    .select({ id: tradeFigures.id })
    .from(tradeFigures)
    .where(and(sameSourceValue({ ...key, sourceId: input.source }), input.id ? ne(tradeFigures.id, input.id) : undefined))
    .limit(1);
  if (twin)
    throw new FieldError(
      "source",
      `This source already has a value for that quantity and period (figure ${twin.id}); edit that one instead.`,
    );

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
    [current] = await tx.select().from(tradeFigures).where(eq(tradeFigures.id, input.id)).limit(1);
    if (!current) throw new NotFoundError();
    await assertVersion(tx, "figure", current.id, current.version, input.version ?? -1);
    if (current.derived) throw new FieldError("value", "This value is computed from exports and imports; correct those and it follows.");
  }
  const oldCell = current ? cellOf(current) : null;
  const movedCell = oldCell !== null && !sameCell(oldCell, cell);

  // The records whose totals and balances this save can change: the group the value lands in and,
  // when it moves (another period, either end of it, reporter, partner or source), the group it leaves.
  const group = recordGroupOf({ ...key, sourceId: input.source });
  const groups = current && !sameRecordGroup(recordGroupOf(current), group) ? [group, recordGroupOf(current)] : [group];
  const hadPair: boolean[] = [];
  for (const g of groups) hadPair.push(await hasReportedPair(tx, g));

  // Exactly one preferred value per cell: ticking "preferred" takes it from the others; a value
  // that is alone in its cell is preferred whether ticked or not.
  let preferred = input.preferred || !(await cellHasPreferred(tx, cell, current?.id));
  if (current?.preferred && !input.preferred && !movedCell) {
    if (await cellHasOthers(tx, cell, current.id)) {
      throw new FieldError(
        "preferred",
        "To stop preferring this value, open another value of the same figure and make that one preferred.",
      );
    }
    preferred = true;
  }
  if (preferred)
    await tx
      .update(tradeFigures)
      .set({ preferred: false })
      .where(and(cellWhere(cell), eq(tradeFigures.preferred, true)));

  let id: number;
  if (current) {
    await tx
      .update(tradeFigures)
      .set({ ...fields, preferred, version: current.version + 1 })
      .where(eq(tradeFigures.id, current.id));
    id = current.id;
    if (movedCell && current.preferred && oldCell) await promoteOne(tx, oldCell);
  } else {
    const [inserted] = await tx
      .insert(tradeFigures)
      .values({ ...fields, preferred })
      .returning({ id: tradeFigures.id });
    id = inserted!.id;
  }
  const [after] = await tx.select().from(tradeFigures).where(eq(tradeFigures.id, id)).limit(1);
  await audit(tx, actor, { action: current ? "update" : "create", entity: "figure", entityId: id, before: current, after });

  let changed = 1;
  for (const [i, g] of groups.entries()) changed += await recomputeDerived(tx, actor, g, { hadPair: hadPair[i] });
  const counterparts = [cell.counterpart, ...(oldCell ? [oldCell.counterpart] : [])];
  const sourceIds = [input.source, ...(current ? [current.sourceId] : [])];
  return { id, counterparts: [...new Set(counterparts)], sourceIds: [...new Set(sourceIds)], changed };
}

async function cellHasOthers(tx: WriteTx, c: ReturnType<typeof cellOf>, exceptId: number): Promise<boolean> {
  return (
    (
      await tx
        .select({ id: tradeFigures.id })
        .from(tradeFigures)
        .where(and(cellWhere(c), ne(tradeFigures.id, exceptId)))
        .limit(1)
    ).length > 0
  );
}

/** After the preferred value leaves a cell, prefer the best remaining one (reported before derived). */
async function promoteOne(tx: WriteTx, c: Cell): Promise<void> {
  if (await cellHasPreferred(tx, c)) return;
  const [next] = await tx.select().from(tradeFigures).where(cellWhere(c)).orderBy(tradeFigures.derived, tradeFigures.id).limit(1);
  if (next) await tx.update(tradeFigures).set({ preferred: true }).where(eq(tradeFigures.id, next.id));
}

/** The reported (not derived) exports and imports of a group: what its totals and balances are computed from. */
function reportedPair(rows: readonly Row[]) {
  const x = rows.find((r) => r.flow === "exports" && !r.derived);
  const m = rows.find((r) => r.flow === "imports" && !r.derived);
  return x && m ? { x, m } : null;
}

async function hasReportedPair(tx: WriteTx, g: RecordGroup): Promise<boolean> {
  return reportedPair(await groupRows(tx, g)) !== null;
}

/** A record group's rows, in id order (the order SQLite's rowid scan gave, on both engines). */
function groupRows(tx: WriteTx, g: RecordGroup): Promise<Row[]> {
  return tx.select().from(tradeFigures).where(groupWhere(g)).orderBy(tradeFigures.id);
}

/**
 * Totals and balances stored as derived rows follow the exports and imports they come from (one
 * record group: reporter, partner, period and source). When the group no longer has both, because
 * one of them moved to another period, source or flow, the totals computed from them (`hadPair`:
 * the group had both before this write) no longer hold and are removed; other derived values, such
 * as a level implied by a reported change, are left alone. Returns how many derived rows changed.
 */
async function recomputeDerived(tx: WriteTx, actor: Actor, g: RecordGroup, opts: { hadPair?: boolean } = {}): Promise<number> {
  const rows = await groupRows(tx, g);
  const pair = reportedPair(rows);
  if (!pair) return opts.hadPair ? removeComputed(tx, actor, rows) : 0;
  const { x, m } = pair;
  let changed = 0;
  const now = new Date().toISOString();
  const { estimate, ...inherited } = derivedMarks(x, m);
  for (const { flow, value, note } of derivedFromPair(x.value, m.value)) {
    const existing = rows.find((r) => r.flow === flow);
    if (existing && !existing.derived) continue; // a reported total is never overwritten
    if (existing) {
      const same =
        existing.value === value &&
        existing.estimate === estimate &&
        existing.records === inherited.records &&
        existing.approximate === inherited.approximate &&
        existing.confidence === inherited.confidence;
      if (same) continue;
      await tx
        .update(tradeFigures)
        .set({ value, estimate, ...inherited, version: existing.version + 1, updatedAt: now, updatedBy: actor.id })
        .where(eq(tradeFigures.id, existing.id));
      await audit(tx, actor, {
        action: "recompute",
        entity: "figure",
        entityId: existing.id,
        before: { value: existing.value, estimate: existing.estimate },
        after: { value, estimate },
      });
    } else {
      const [row] = await tx
        .insert(tradeFigures)
        .values({
          ...g,
          flow,
          value,
          unit: "USD",
          estimate,
          derived: true,
          note,
          ...inherited,
          preferred: !(await cellHasPreferred(tx, cellOf({ ...g, flow }))),
          updatedAt: now,
          updatedBy: actor.id,
        })
        .returning();
      await audit(tx, actor, { action: "recompute", entity: "figure", entityId: row!.id, after: row });
    }
    changed++;
  }
  return changed;
}

/** Deletes a group's computed totals and balances, handing "preferred" on in their cells. */
async function removeComputed(tx: WriteTx, actor: Actor, rows: readonly Row[]): Promise<number> {
  let removed = 0;
  for (const r of rows) {
    if (!r.derived || (r.flow !== "total" && r.flow !== "balance")) continue;
    await tx.delete(tradeFigures).where(eq(tradeFigures.id, r.id));
    await audit(tx, actor, { action: "delete", entity: "figure", entityId: r.id, before: r });
    if (r.preferred) await promoteOne(tx, cellOf(r));
    removed++;
  }
  return removed;
}
