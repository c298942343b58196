import { z } from "zod";
import { periodFromLabel, SIDES } from "@/lib/domain/figure";

/**
 * What story widgets accept, as zod schemas. A widget parses its props before it reads anything,
 * so a typo in a story (`flow="totl"`, `period="2019-13"`) fails the build with the widget's name
 * and the bad prop, instead of showing a wrong number or none.
 */
export const Code = z.string().regex(/^[A-Z]{3}$/);
export const Slug = z.string().regex(/^[a-z0-9-]+$/);
export const SourceId = z.string().regex(/^[a-z0-9-]+$/);
export const Side = z.enum(SIDES);
/** A period as stories write it ("2019", "2023-03", "2024-01/2024-02"): the label, and the period it names. */
export const PeriodLabel = z.string().transform((label, ctx) => {
  const period = periodFromLabel(label);
  if (!period) ctx.addIssue({ code: "custom", message: "period must be YYYY, YYYY-MM or YYYY-MM/YYYY-MM" });
  return period ? { label, period } : z.NEVER;
});

/** The props, parsed; a bad prop throws, naming the widget (a story's page then fails to build). */
export function parseProps<S extends z.ZodType>(widget: string, schema: S, props: unknown): z.output<S> {
  const r = schema.safeParse(props);
  if (!r.success) throw new Error(`<${widget}> has bad props: ${z.prettifyError(r.error)}`);
  return r.data;
}
