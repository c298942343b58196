import { z } from "zod";
import { FLOWS } from "@/db/schema";
import { checkbox, isoCode, isoMonth, optional, recordId, slug, version } from "./common";
import { parseMillions } from "./money";
import { CAMBODIA, unitOf } from "@/lib/domain/figure";

/** The fields of one figure, shared by the form and each row of a CSV import. */
export const FigureFields = z.object({
  reporter: isoCode,
  partner: isoCode,
  periodStart: isoMonth,
  periodEnd: isoMonth,
  flow: z.enum(FLOWS, "Choose a flow."),
  value: z.string().max(40, "That value is too long."),
  source: slug,
  note: optional(z.string().trim().max(1000, "The note is too long (at most 1,000 characters).")),
  preferred: checkbox,
  estimate: checkbox,
});

type Fields = z.infer<typeof FigureFields>;

/** Checks that need several fields, then turns the typed value into whole dollars (or a rank). */
export function refineFigure<T extends Fields>(
  f: T,
  ctx: z.RefinementCtx,
): (T & { amount: number; unit: "USD" | "rank" }) | typeof z.NEVER {
  let bad = false;
  const issue = (path: string, message: string) => {
    ctx.addIssue({ code: "custom", path: [path], message });
    bad = true;
  };
  if (f.reporter !== CAMBODIA && f.partner !== CAMBODIA) issue("partner", `One side must be Cambodia (${CAMBODIA}).`);
  if (f.reporter === f.partner) issue("partner", "Reporter and partner must differ.");
  if (f.periodEnd < f.periodStart) issue("periodEnd", "The period cannot end before it starts.");
  let amount = 0;
  const unit = unitOf(f.flow);
  if (unit === "rank") {
    if (!/^\d{1,4}$/.test(f.value.trim()) || Number(f.value) < 1) issue("value", "A rank is a whole number from 1 up.");
    else amount = Number(f.value);
  } else {
    const money = parseMillions(f.value);
    if (!money.ok) issue("value", money.message);
    else if (money.dollars < 0 && f.flow !== "balance") issue("value", "Only a balance can be negative.");
    else amount = money.dollars;
  }
  if (bad) return z.NEVER;
  return { ...f, amount, unit };
}

export const FigureSchema = FigureFields.extend({
  id: optional(recordId),
  version: optional(version),
  /** Whose compilation the value is (GDCE, KITA, JETRO); empty when the source does not say. */
  records: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Z]{2,12}$/, "Choose whose records from the list, or leave it empty."),
  ),
  approximate: checkbox,
  oneSource: checkbox,
})
  .refine((r) => (r.id === undefined) === (r.version === undefined), { path: ["version"], message: "Reload the page and try again." })
  .transform(refineFigure);

export type FigureInput = z.output<typeof FigureSchema>;
/** What a write needs; a CSV row leaves whose records, approximate and one-source as they are. */
export type FigureWrite = Omit<FigureInput, "records" | "approximate" | "oneSource"> &
  Partial<Pick<FigureInput, "records" | "approximate" | "oneSource">>;

/** CSV columns for imports, in order; `value` is US$ millions, or the rank for *_rank flows. */
export const CSV_COLUMNS = ["reporter", "partner", "period_start", "period_end", "flow", "value", "source", "note", "estimate"] as const;

export const CsvRowSchema = z
  .object({
    reporter: z.string(),
    partner: z.string(),
    period_start: z.string(),
    period_end: z.string(),
    flow: z.string(),
    value: z.string(),
    source: z.string(),
    note: z.string().optional(),
    estimate: z.string().optional(),
  })
  .strict()
  .transform((r) => ({
    reporter: r.reporter,
    partner: r.partner,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    flow: r.flow,
    value: r.value,
    source: r.source,
    note: r.note ?? "",
    preferred: "",
    estimate: ["yes", "true", "1", "e"].includes((r.estimate ?? "").trim().toLowerCase()) ? "on" : "",
  }));

/** One CSV row after renaming, checked exactly like the form. */
export const FigureRowSchema = FigureFields.transform(refineFigure);
