import { z } from "zod";
import { STAFF_BYLINES } from "./staff";

const isoDate = z.iso.date({ message: "must be an ISO date (YYYY-MM-DD)" });

export const TOPICS = {
  negotiations: "Negotiations",
  korea: "Korea",
  japan: "Japan",
  rcep: "RCEP",
  asean: "ASEAN",
  "trade-data": "Trade data",
  investment: "Investment",
  explainer: "Explainers",
} as const;
export type Topic = keyof typeof TOPICS;
const topicKeys = Object.keys(TOPICS) as [Topic, ...Topic[]];

/** Frontmatter of a story in content/articles/*.mdx. A file that fails this stops the build. */
export const FrontmatterSchema = z
  .object({
    title: z.string().min(10).max(110),
    dek: z.string().min(20).max(220),
    date: isoDate,
    updated: isoDate,
    author: z.enum(STAFF_BYLINES, { message: `must be one of the newsroom's bylines: ${STAFF_BYLINES.join("; ")}` }),
    topics: z.array(z.enum(topicKeys)).min(1),
    agreement: z.string().regex(/^[a-z0-9-]+$/).nullable(),
    partners: z.array(z.string().regex(/^[A-Z]{3}$/, "ISO 3166 alpha-3 code")),
    sources: z
      .array(z.object({ publisher: z.string().min(2), title: z.string().min(2), date: isoDate }))
      .min(1),
    draft: z.boolean().default(false),
    /** A story's history: each later revision with its date and what changed, oldest first. */
    changes: z
      .array(z.object({ date: isoDate, note: z.string().min(10).max(400) }).strict())
      .default([]),
  })
  .strict()
  .refine((f) => f.updated >= f.date, { message: "updated must not be before date", path: ["updated"] })
  .refine((f) => f.changes.every((c, i) => c.date > f.date && (i === 0 || c.date >= f.changes[i - 1]!.date)), {
    message: "each change must come after the first publication and after the change before it",
    path: ["changes"],
  })
  .refine((f) => f.changes.length === 0 || f.changes.at(-1)!.date === f.updated, {
    message: "updated must be the date of the latest change",
    path: ["updated"],
  });

export type Frontmatter = z.infer<typeof FrontmatterSchema>;
