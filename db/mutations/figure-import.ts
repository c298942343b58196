import "server-only";
import type { WriteTx } from "../client";
import { importReads, planImport } from "../queries/figure-import";
import type { ParsedCsv } from "@/lib/validation/figure-csv";
import type { Actor } from "./audit";
import { FieldError } from "./errors";
import { saveFigure } from "./figures";

/**
 * All or nothing: any problem and not one row is written (the caller's transaction rolls back).
 * The plan is made again here, inside the write transaction, from the same reads as the preview.
 */
export function importFigures(tx: WriteTx, actor: Actor, file: ParsedCsv) {
  const reads = importReads(tx, file);
  const found = {
    codes: new Set(reads.codes.all().map((p) => p.code)),
    sourceIds: new Set(reads.sourceIds.all().map((s) => s.id)),
    stored: reads.stored.map((read) => read.get()),
  };
  const plan = planImport(file, found);
  if (plan.problems.length) {
    throw new FieldError("csv", `Nothing was imported: ${plan.problems.length} row(s) have problems. Preview the file to see them.`);
  }
  let created = 0;
  let updated = 0;
  let derived = 0;
  const counterparts = new Set<string>();
  const sourceIds = new Set<string>();
  for (const r of plan.rows) {
    if (r.action === "unchanged") continue;
    const current = r.current ?? undefined;
    const saved = saveFigure(tx, actor, { ...r, preferred: current?.preferred ?? false, id: current?.id, version: current?.version });
    saved.counterparts.forEach((c) => counterparts.add(c));
    saved.sourceIds.forEach((s) => sourceIds.add(s));
    derived += saved.changed - 1;
    if (current) updated++;
    else created++;
  }
  return { created, updated, derived, counterparts: [...counterparts], sourceIds: [...sourceIds] };
}
