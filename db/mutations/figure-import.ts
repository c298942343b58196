import "server-only";
import type { WriteTx } from "../client";
import { importLookups, planImport } from "../queries/figure-import";
import type { TradeFigure } from "../schema";
import { periodOf, periodText, reportedFlowName } from "@/lib/domain/figure";
import { formatDateTime } from "@/lib/format/date";
import type { CsvRow, ParsedCsv, SeenVersion } from "@/lib/validation/figure-csv";
import { lastChange, type Actor } from "./audit";
import { ConflictError, FieldError } from "./errors";
import { saveFigure } from "./figures";

/**
 * All or nothing: any problem, or any row whose stored value changed since the preview (`seen`),
 * and not one row is written (the caller's transaction rolls back). The plan is made again here,
 * inside the write transaction, from the same reads as the preview.
 */
export async function importFigures(tx: WriteTx, actor: Actor, file: ParsedCsv, seen: readonly SeenVersion[]) {
  const found = await importLookups(tx, file);
  const plan = planImport(file, found);
  if (plan.problems.length) {
    throw new FieldError("csv", `Nothing was imported: ${plan.problems.length} row(s) have problems. Preview the file to see them.`);
  }
  // Every row first, before anything is written.
  for (const [i, r] of file.rows.entries()) await assertSeen(tx, r, seen[i] ?? 0, found.stored[i]);

  let created = 0;
  let updated = 0;
  let derived = 0;
  const counterparts = new Set<string>();
  const sourceIds = new Set<string>();
  for (const r of plan.rows) {
    if (r.action === "unchanged") continue;
    const current = r.current ?? undefined;
    const saved = await saveFigure(tx, actor, { ...r, preferred: current?.preferred ?? false, id: current?.id, version: current?.version });
    saved.counterparts.forEach((c) => counterparts.add(c));
    saved.sourceIds.forEach((s) => sourceIds.add(s));
    derived += saved.changed - 1;
    if (current) updated++;
    else created++;
  }
  return { created, updated, derived, counterparts: [...counterparts], sourceIds: [...sourceIds] };
}

/** Refuses a row whose stored value is not the one the preview saw, naming who changed it and when. */
async function assertSeen(tx: WriteTx, r: CsvRow, seen: SeenVersion, stored: TradeFigure | undefined): Promise<void> {
  const [seenId, seenVersion] = seen === 0 ? [null, null] : seen;
  const changedId = stored?.id ?? seenId;
  if (changedId === null) return; // nothing stored, and the preview saw nothing
  if (stored && stored.id === seenId && stored.version === seenVersion) return;
  const { byName, at } = await lastChange(tx, "figure", changedId);
  const what = `line ${r.line} (${r.reporter} → ${r.partner}, ${reportedFlowName(r.flow).toLowerCase()}, ${periodText(periodOf(r))}, ${r.source})`;
  throw new ConflictError(
    byName,
    at,
    `Nothing was imported: ${what} was ${seenId === null ? "added" : "changed"} by ${byName}${at ? ` at ${formatDateTime(at)}` : ""} after your preview. Preview the file again to see what is stored now.`,
  );
}
