import { z } from "zod";

/** Form values arrive as strings; these turn them into checked values with messages for editors. */

const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const isoDate = z
  .string()
  .trim()
  // abort: a malformed date gets one message, not this one and "does not exist" as well.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2020-07-01.", abort: true })
  .refine(realDate, "That date does not exist.");

export const isoMonth = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2019-01.");

/** "" becomes undefined, so an empty optional field is simply absent. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const wholeNumber = (label: string, min = 1, max = 1_000_000) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${label} must be a whole number.`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${label} must be at least ${min}.`).max(max, `${label} must be at most ${max}.`));

/**
 * The largest row id and version both engines store: PostgreSQL's `integer` (SQLite's integers are
 * wider). A larger number names no row; on PostgreSQL it would not even compare with one.
 */
export const MAX_ROW_ID = 2_147_483_647;
export const isRowIdNumber = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_ROW_ID;

export const recordId = wholeNumber("id", 1, MAX_ROW_ID);
export const version = wholeNumber("version", 1, MAX_ROW_ID);

export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());

export const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Use lower-case letters, digits and hyphens.");

export const isoCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter ISO code such as KOR.");

export const markdown = (label: string, max = 20_000) =>
  z.string().max(max, `${label} is too long (at most ${max.toLocaleString("en")} characters).`);

export const line = (label: string, max = 200) =>
  z.string().trim().min(1, `${label} is required.`).max(max, `${label} is too long (at most ${max} characters).`);

/** Checkbox groups and multi-selects: one value arrives as a string, several as an array. */
export const list = <T extends z.ZodType>(item: T, max = 20) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max));

// The form's own fallback (components/admin/Form.tsx) reads a submission the same way, in the browser.
export { formValues } from "@/lib/form-state";
