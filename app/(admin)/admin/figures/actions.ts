"use server";

import { saveFigure } from "@/db/mutations/figures";
import { importFigures } from "@/db/mutations/figure-import";
import { previewImport } from "@/db/queries/figure-import";
import { adminAction, adminFormAction, type ActionAnswer } from "@/lib/auth/action";
import { tags } from "@/lib/cache-tags";
import { periodLabel, periodOf } from "@/lib/domain/figure";
import { FigureSchema } from "@/lib/validation/figure";
import { CsvImportSchema, encodeSeen } from "@/lib/validation/figure-csv";
import type { ImportPreview } from "@/components/admin/ImportForm";

export const saveFigureAction = adminAction("content", FigureSchema, async (tx, input, user) => {
  const saved = await saveFigure(tx, user, input);
  return {
    tags: [tags.allFigures, ...saved.counterparts.map(tags.figures), ...saved.sourceIds.map(tags.source)],
    message: `Figure saved${saved.changed > 1 ? `; ${saved.changed - 1} derived value(s) recomputed` : ""}.`,
    redirectTo: `/admin/figures/${saved.id}?saved=1`,
  };
});

/** The CSV import form: "preview" reads and says what would happen; "import" writes it, all rows or none. */
export const importFiguresAction = adminFormAction(
  "content",
  CsvImportSchema,
  async (input, user, write): Promise<ActionAnswer<ImportPreview>> => {
    if (input.intent === "preview") return previewAnswer(await previewImport(input.file), input.digest);
    const result = await write((tx) => importFigures(tx, user, input.file, input.seen));
    return {
      tags: [tags.allFigures, ...result.counterparts.map(tags.figures), ...result.sourceIds.map(tags.source)],
      message: `Imported ${result.created} new and ${result.updated} corrected figure(s); ${result.derived} derived value(s) recomputed.`,
    };
  },
  // The form keeps the editor's text itself: a refused import does not send the file back.
  { keepValues: false },
);

/** What the form shows of a preview; a clean one carries what it saw of each row for the import to check (`seen`). */
function previewAnswer(plan: Awaited<ReturnType<typeof previewImport>>, digest: string): ActionAnswer<ImportPreview> {
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const r of plan.rows) counts[r.action]++;
  const problems = plan.problems.length;
  return {
    status: problems ? "error" : "ok",
    message: problems
      ? `${problems} row(s) have problems; fix them and preview again. Nothing has been imported.`
      : `Ready: ${counts.create} new, ${counts.update} corrected, ${counts.unchanged} unchanged.`,
    data: {
      counts,
      problems: plan.problems,
      total: plan.rows.length,
      seen: problems
        ? null
        : encodeSeen(
            digest,
            plan.found.stored.map((s) => (s ? [s.id, s.version] : 0)),
          ),
      rows: plan.rows.slice(0, 200).map((r) => ({
        line: r.line,
        reporter: r.reporter,
        partner: r.partner,
        period: periodLabel(periodOf(r)),
        flow: r.flow,
        value: r.value,
        source: r.source,
        action: r.action,
      })),
    },
  };
}
