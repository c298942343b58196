import "server-only";
import type { WriteTx } from "../client";
import { partners, sources, tradeFigures } from "../schema";
import { parseFigureCsv, type CsvProblem, type CsvRow } from "@/lib/validation/figure-csv";
import type { Actor } from "./audit";
import { FieldError } from "./errors";
import { sameSourceValue, saveFigure } from "./figures";

export type ImportPreview = {
  rows: (CsvRow & {
    action: "create" | "update" | "unchanged";
    currentValue: number | null;
    /** The stored row an update corrects, read once here and reused by the import. */
    current: { id: number; version: number; preferred: boolean } | null;
  })[];
  problems: CsvProblem[];
};

/** What an import would do, row by row, with every problem found. Reads only. */
export function previewImport(tx: WriteTx, csv: string): ImportPreview {
  const { rows, problems } = parseFigureCsv(csv);
  const codes = new Set(tx.select({ code: partners.code }).from(partners).all().map((p) => p.code));
  const sourceIds = new Set(tx.select({ id: sources.id }).from(sources).all().map((s) => s.id));
  const out: ImportPreview["rows"] = [];
  for (const r of rows) {
    const messages: string[] = [];
    if (!codes.has(r.reporter)) messages.push(`reporter: unknown economy code ${r.reporter}`);
    if (!codes.has(r.partner)) messages.push(`partner: unknown economy code ${r.partner}`);
    if (!sourceIds.has(r.source)) messages.push(`source: unknown source ${r.source}`);
    const current = tx.select().from(tradeFigures).where(sameSourceValue({ ...r, sourceId: r.source })).get();
    if (current?.derived) messages.push("this value is computed from exports and imports; import those instead");
    if (messages.length) {
      problems.push({ line: r.line, messages });
      continue;
    }
    const unchanged = current && current.value === r.amount && current.estimate === r.estimate && (current.note ?? "") === (r.note ?? "");
    out.push({
      ...r,
      action: !current ? "create" : unchanged ? "unchanged" : "update",
      currentValue: current?.value ?? null,
      current: current ? { id: current.id, version: current.version, preferred: current.preferred } : null,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows: out, problems };
}

/** All or nothing: any problem and not one row is written (the caller's transaction rolls back). */
export function importFigures(tx: WriteTx, actor: Actor, csv: string) {
  const preview = previewImport(tx, csv);
  if (preview.problems.length) {
    throw new FieldError("csv", `Nothing was imported: ${preview.problems.length} row(s) have problems. Preview the file to see them.`);
  }
  let created = 0;
  let updated = 0;
  let derived = 0;
  const counterparts = new Set<string>();
  const sourceIds = new Set<string>();
  for (const r of preview.rows) {
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
