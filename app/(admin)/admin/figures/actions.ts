"use server";

import { saveFigure } from "@/db/mutations/figures";
import { importFigures } from "@/db/mutations/figure-import";
import { adminAction } from "@/lib/auth/action";
import { tags } from "@/lib/cache-tags";
import { FigureSchema, CsvImportSchema } from "@/lib/validation/figure";
import { previewImport } from "@/db/mutations/figure-import";
import { readDb } from "@/db/client";
import { canEditContent } from "@/lib/auth/access";
import { currentUser } from "@/lib/auth/session";
import { formValues } from "@/lib/validation/common";
import type { ImportState } from "@/components/admin/ImportForm";
import { z } from "zod";

export const saveFigureAction = adminAction("content", FigureSchema, (tx, input, user) => {
  const saved = saveFigure(tx, user, input);
  return {
    tags: [tags.allFigures, ...saved.counterparts.map(tags.figures), ...saved.sourceIds.map(tags.source)],
    message: `Figure saved${saved.changed > 1 ? `; ${saved.changed - 1} derived value(s) recomputed` : ""}.`,
    redirectTo: `/admin/figures/${saved.id}?saved=1`,
  };
});

export const importFiguresAction = adminAction("content", CsvImportSchema, (tx, input, user) => {
  const result = importFigures(tx, user, input.csv);
  return {
    tags: [tags.allFigures, ...result.counterparts.map(tags.figures), ...result.sourceIds.map(tags.source)],
    message: `Imported ${result.created} new and ${result.updated} corrected figure(s); ${result.derived} derived value(s) recomputed.`,
  };
});

/** Reads the file and says what an import would do, row by row. Writes nothing. */
export async function previewImportAction(_prev: ImportState, fd: FormData): Promise<ImportState> {
  const user = await currentUser();
  if (!user || !canEditContent(user)) return { status: "error", message: "You are signed out or your role does not allow imports." };
  const parsed = CsvImportSchema.safeParse(formValues(fd));
  if (!parsed.success) return { status: "error", message: z.flattenError(parsed.error).fieldErrors.csv?.join(" ") ?? "Check the file.", csv: "" };
  const csv = parsed.data.csv;
  const preview = readDb().transaction((tx) => previewImport(tx, csv));
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const r of preview.rows) counts[r.action]++;
  return {
    status: preview.problems.length ? "error" : "ok",
    message: preview.problems.length
      ? `${preview.problems.length} row(s) have problems; fix them and preview again. Nothing has been imported.`
      : `Ready: ${counts.create} new, ${counts.update} corrected, ${counts.unchanged} unchanged.`,
    csv,
    problems: preview.problems,
    rows: preview.rows.slice(0, 200).map((r) => ({ line: r.line, reporter: r.reporter, partner: r.partner, period: r.periodStart === r.periodEnd ? r.periodStart : `${r.periodStart}/${r.periodEnd}`, flow: r.flow, value: r.value, source: r.source, action: r.action })),
    total: preview.rows.length,
  };
}
