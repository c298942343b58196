import { z } from "zod";
import { DATE_PRECISIONS, SOURCE_KINDS } from "@/db/schema";
import { checkbox, isoDate, line, optional, slug, version } from "./common";

export const SourceSchema = z
  .object({
    mode: z.enum(["create", "edit"]),
    id: slug,
    version: optional(version),
    publisher: line("The publisher", 120),
    title: line("The title", 300),
    titleSupplied: checkbox,
    publishedOn: isoDate,
    publishedPrecision: z.enum(DATE_PRECISIONS, "Choose how much of the date the source gives.").default("day"),
    dateInferred: checkbox,
    kind: z.enum(SOURCE_KINDS, "Choose a kind of source."),
    // Some publishers' addresses are plain http; any other scheme (javascript:, data:) is refused.
    url: optional(
      z
        .string()
        .trim()
        .max(500)
        .pipe(z.url({ protocol: /^https?$/, error: "Use a full https:// address." })),
    ),
    note: optional(z.string().trim().max(1000, "The note is too long (at most 1,000 characters).")),
  })
  .refine((s) => (s.mode === "edit") === (s.version !== undefined), { path: ["version"], message: "Reload the page and try again." })
  // A month or a year is stored as its first day (the database checks it), whatever day was typed.
  .transform((s) => ({
    ...s,
    publishedOn:
      s.publishedPrecision === "month"
        ? `${s.publishedOn.slice(0, 7)}-01`
        : s.publishedPrecision === "year"
          ? `${s.publishedOn.slice(0, 4)}-01-01`
          : s.publishedOn,
  }));

export type SourceInput = z.infer<typeof SourceSchema>;
