import { parse } from "csv-parse/sync";
import { z } from "zod";
import { CSV_COLUMNS, CsvRowSchema, FigureRowSchema } from "./figure";

export type CsvRow = z.output<typeof FigureRowSchema> & { line: number };
export type CsvProblem = { line: number; messages: string[] };
export type ParsedCsv = { rows: CsvRow[]; problems: CsvProblem[] };

export const MAX_IMPORT_ROWS = 5000;

/** What csv-parse gives with named columns: checked, not assumed, like any other input. */
const CsvRecords = z.array(z.record(z.string(), z.string()));

/**
 * Reads an import file: a header row naming CSV_COLUMNS (note and estimate optional), then one
 * figure per row, each checked by the same rules as the figure form. Returns every problem, by
 * line, so the editor can fix the file in one go.
 */
export function parseFigureCsv(text: string): ParsedCsv {
  let records: z.output<typeof CsvRecords>;
  try {
    records = CsvRecords.parse(
      parse(text.replace(/^\uFEFF/, ""), {
        columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        relax_column_count: false,
      }),
    );
  } catch (error) {
    return {
      rows: [],
      problems: [{ line: 0, messages: [`The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`] }],
    };
  }
  const header = records.length ? Object.keys(records[0]!) : [];
  const required = CSV_COLUMNS.filter((c) => c !== "note" && c !== "estimate");
  const missing = required.filter((c) => !header.includes(c));
  const known = new Set<string>(CSV_COLUMNS);
  const unknown = header.filter((c) => !known.has(c));
  if (records.length === 0) return { rows: [], problems: [{ line: 0, messages: ["The file has no rows under its header."] }] };
  if (missing.length || unknown.length) {
    const parts = [
      missing.length ? `missing column(s): ${missing.join(", ")}` : "",
      unknown.length ? `unknown column(s): ${unknown.join(", ")}` : "",
    ].filter(Boolean);
    return { rows: [], problems: [{ line: 1, messages: [`Header problem: ${parts.join("; ")}. Expected: ${CSV_COLUMNS.join(",")}.`] }] };
  }
  if (records.length > MAX_IMPORT_ROWS)
    return { rows: [], problems: [{ line: 0, messages: [`At most ${MAX_IMPORT_ROWS} rows per import.`] }] };

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

export const IMPORT_INTENTS = ["preview", "import"] as const;

/**
 * What the preview saw of each parsed row, in order: [id, version] of the stored value the row
 * would correct, or 0 where none was stored. The import refuses a row whose stored value is no
 * longer the one seen (another editor changed it since), as a single save refuses a stale version.
 */
export type SeenVersion = 0 | [id: number, version: number];
const positive = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const SeenSchema = z.object({
  /** SHA-256 of the previewed text: the import must send the same text. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  versions: z.array(z.union([z.literal(0), z.tuple([positive, positive])])).max(MAX_IMPORT_ROWS),
});

/** The hidden field a clean preview hands the form, read back by CsvImportSchema on import. */
export function encodeSeen(digest: string, versions: SeenVersion[]): string {
  return JSON.stringify({ digest, versions });
}

function decodeSeen(text: string | undefined) {
  if (!text) return null;
  try {
    const r = SeenSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The same for the browser's CRLF and a file's LF. */
export async function csvDigest(csv: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(csv.replace(/\r\n?/g, "\n")));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The import form: one text, two submit buttons. "preview" says what the import would do; "import"
 * writes it, and only the text that was previewed, with the versions the preview saw (`seen`). The
 * file is parsed here, once per submit, and the action gets the parsed rows.
 */
export const CsvImportSchema = z
  .object({
    csv: z.string().min(1, "Paste or upload a CSV file.").max(500_000, "The file is too large for one import (at most 500 kB)."),
    intent: z.enum(IMPORT_INTENTS, "Choose Preview or Import."),
    seen: z.string().max(200_000).optional(),
  })
  .transform(async ({ csv, intent, seen }, ctx) => {
    const digest = await csvDigest(csv);
    const file = parseFigureCsv(csv);
    if (intent === "preview") return { intent, digest, file, seen: null };
    const saw = decodeSeen(seen);
    if (!saw || saw.digest !== digest || saw.versions.length !== file.rows.length) {
      ctx.addIssue({
        code: "custom",
        path: ["csv"],
        message: "Nothing was imported: the text is not the one last previewed. Preview it, then import.",
      });
      return z.NEVER;
    }
    return { intent, digest, file, seen: saw.versions };
  });
