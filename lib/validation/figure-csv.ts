import { parse } from "csv-parse/sync";
import { z } from "zod";
import { CSV_COLUMNS, CsvRowSchema, FigureRowSchema } from "./figure";

export type CsvRow = z.output<typeof FigureRowSchema> & { line: number };
export type CsvProblem = { line: number; messages: string[] };

export const MAX_IMPORT_ROWS = 5000;

/** What csv-parse gives with named columns: checked, not assumed, like any other input. */
const CsvRecords = z.array(z.record(z.string(), z.string()));

/**
 * Reads an import file: a header row naming CSV_COLUMNS (note and estimate optional), then one
 * figure per row, each checked by the same rules as the figure form. Returns every problem, by
 * line, so the editor can fix the file in one go.
 */
export function parseFigureCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
  let records: z.output<typeof CsvRecords>;
  try {
    records = CsvRecords.parse(
      parse(text.replace(/^\uFEFF/, ""), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: false }),
    );
  } catch (error) {
    return { rows: [], problems: [{ line: 0, messages: [`The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`] }] };
  }
  const header = records.length ? Object.keys(records[0]!) : [];
  const required = CSV_COLUMNS.filter((c) => c !== "note" && c !== "estimate");
  const missing = required.filter((c) => !header.includes(c));
  const known = new Set<string>(CSV_COLUMNS);
  const unknown = header.filter((c) => !known.has(c));
  if (records.length === 0) return { rows: [], problems: [{ line: 0, messages: ["The file has no rows under its header."] }] };
  if (missing.length || unknown.length) {
    const parts = [missing.length ? `missing column(s): ${missing.join(", ")}` : "", unknown.length ? `unknown column(s): ${unknown.join(", ")}` : ""].filter(Boolean);
    return { rows: [], problems: [{ line: 1, messages: [`Header problem: ${parts.join("; ")}. Expected: ${CSV_COLUMNS.join(",")}.`] }] };
  }
  if (records.length > MAX_IMPORT_ROWS) return { rows: [], problems: [{ line: 0, messages: [`At most ${MAX_IMPORT_ROWS} rows per import.`] }] };

  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    const line = i + 2; // the header is line 1
    const renamed = CsvRowSchema.safeParse(record);
    const parsed = renamed.success ? FigureRowSchema.safeParse(renamed.data) : renamed;
    if (!parsed.success) {
      problems.push({ line, messages: parsed.error.issues.map((iss) => `${iss.path.join(".") || "row"}: ${iss.message}`) });
      return;
    }
    const r = parsed.data;
    const key = [r.reporter, r.partner, r.flow, r.periodStart, r.periodEnd, r.source].join("|");
    const first = seen.get(key);
    if (first) {
      problems.push({ line, messages: [`Same reporter, partner, flow, period and source as line ${first}.`] });
      return;
    }
    seen.set(key, line);
    rows.push({ ...r, line });
  });
  return { rows, problems };
}
