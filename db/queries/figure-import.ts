import "server-only";
import { readDb, type ReadDb, type WriteTx } from "../client";
import { sameSourceValue } from "../figure-where";
import type { TradeFigure } from "../schema";
import { partners, sources, tradeFigures } from "../tables";
import type { CsvProblem, CsvRow, ParsedCsv } from "@/lib/validation/figure-csv";

/** What importing one row would do. */
export type ImportRow = CsvRow & {
  action: "create" | "update" | "unchanged";
  currentValue: number | null;
  /** The stored row an update corrects. */
  current: { id: number; version: number; preferred: boolean } | null;
};

export type ImportPlan = { rows: ImportRow[]; problems: CsvProblem[] };

/** What an import needs from the database: the codes and sources it may name, and the stored value of each row's key. */
export type ImportLookups = { codes: ReadonlySet<string>; sourceIds: ReadonlySet<string>; stored: readonly (TradeFigure | undefined)[] };

/**
 * The reads behind a plan: the preview makes them here; the import makes the same reads inside its
 * write transaction (db/mutations/figure-import.ts), so both look at the data the same way.
 */
export async function importLookups(db: ReadDb | WriteTx, file: ParsedCsv): Promise<ImportLookups> {
  const codes = new Set((await db.select({ code: partners.code }).from(partners)).map((p) => p.code));
  const sourceIds = new Set((await db.select({ id: sources.id }).from(sources)).map((s) => s.id));
  const stored: (TradeFigure | undefined)[] = [];
  for (const r of file.rows)
    stored.push(
      (
        await db
          .select()
          .from(tradeFigures)
          .where(sameSourceValue({ ...r, sourceId: r.source }))
          .limit(1)
      )[0],
    );
  return { codes, sourceIds, stored };
}

/**
 * What an import would do, row by row, with every problem found: the file's own problems (from
 * parsing) and those only the database can tell (an unknown code or source, a computed value).
 */
export function planImport(file: ParsedCsv, found: ImportLookups): ImportPlan {
  const problems = [...file.problems];
  const rows: ImportRow[] = [];
  file.rows.forEach((r, i) => {
    const messages: string[] = [];
    if (!found.codes.has(r.reporter)) messages.push(`reporter: unknown economy code ${r.reporter}`);
    if (!found.codes.has(r.partner)) messages.push(`partner: unknown economy code ${r.partner}`);
    if (!found.sourceIds.has(r.source)) messages.push(`source: unknown source ${r.source}`);
    const current = found.stored[i];
    if (current?.derived) messages.push("this value is computed from exports and imports; import those instead");
    if (messages.length) {
      problems.push({ line: r.line, messages });
      return;
    }
    const unchanged = current && current.value === r.amount && current.estimate === r.estimate && (current.note ?? "") === (r.note ?? "");
    rows.push({
      ...r,
      action: !current ? "create" : unchanged ? "unchanged" : "update",
      currentValue: current?.value ?? null,
      current: current ? { id: current.id, version: current.version, preferred: current.preferred } : null,
    });
  });
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}

/** The preview of an import: what it would do, read from the database without writing. */
export async function previewImport(file: ParsedCsv): Promise<ImportPlan & { found: ImportLookups }> {
  const found = await importLookups(readDb(), file);
  return { ...planImport(file, found), found };
}
