import { z } from "zod";
import { SOURCE_KINDS } from "@/db/schema";
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
    kind: z.enum(SOURCE_KINDS, "Choose a kind of source."),
    url: optional(
      z
        .string()
        .trim()
        .max(500)
        .pipe(z.url({ protocol: /^https$/, error: "Use a full https:// address." })),
    ),
    note: optional(z.string().trim().max(1000, "The note is too long (at most 1,000 characters).")),
  })
  .refine((s) => (s.mode === "edit") === (s.version !== undefined), { path: ["version"], message: "Reload the page and try again." });

export type SourceInput = z.infer<typeof SourceSchema>;
