import { z } from "zod";
import { ROUND_FORMATS } from "@/db/schema";
import { isoDate, line, list, markdown, optional, recordId, slug, version, wholeNumber } from "./common";

export const RoundSchema = z
  .object({
    id: optional(recordId),
    version: optional(version),
    agreement: slug,
    number: wholeNumber("Round number", 1, 200),
    startDate: isoDate,
    endDate: isoDate,
    format: z.enum(ROUND_FORMATS, "Choose virtual, in person or hybrid."),
    host: optional(line("Host", 120)),
    topics: z
      .string()
      .max(2000, "Topics are too long.")
      .transform((s) => [
        ...new Set(
          s
            .split(/[,\n]/)
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string().max(80, "Each topic must be at most 80 characters.")).max(30, "At most 30 topics.")),
    summary: markdown("The summary"),
    sources: list(slug, 10),
    preferredSource: optional(slug),
  })
  .refine((r) => r.endDate >= r.startDate, { path: ["endDate"], message: "The round cannot end before it starts." })
  .refine((r) => !r.preferredSource || r.sources.includes(r.preferredSource), {
    path: ["preferredSource"],
    message: "The preferred report must be one of the ticked sources.",
  })
  .refine((r) => (r.id === undefined) === (r.version === undefined), { path: ["version"], message: "Reload the page and try again." });

export type RoundInput = z.infer<typeof RoundSchema>;
